// Helpers of benchmarks/gateway/run.sh (no dependencies; node 20+). Each prints "key=value" lines.
//   node tool.mjs body QUERY_FILE OUT_FILE               the JSON request body of a query
//   node tool.mjs wait URL SECONDS [PID]                   waits until URL answers a GraphQL POST with 200 (while PID lives)
//   node tool.mjs check URL BODY_FILE EXPECTED_JSON        the answer: no errors, data equal (field order too), bytes
//   node tool.mjs c1 URL BODY_FILE STATS_URL N             N requests one after another: latency, subgraph calls per op
//   node tool.mjs record PORT UPSTREAM OUT_FILE            a proxy to the subgraphs writing every request it forwards
//   node tool.mjs direct SUBGRAPH_BASE FETCHES_FILE N      the recorded fetches sent straight to the subgraphs, N rounds
//   node tool.mjs report RESULTS_TSV [OVERHEAD_LINES]      the markdown table (medians over rounds, ranges)
import http from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function post(url, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json',
      accept: 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function getJson(url) {
  const res = await fetch(url);
  return res.json();
}

function totals(stats) {
  let requests = 0, representations = 0;
  for (const s of Object.values(stats)) { requests += s.requests; representations += s.representations; }
  return { requests, representations };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const [command, ...args] = process.argv.slice(2);
if (command === 'body') {
  writeFileSync(args[1], JSON.stringify({ query: readFileSync(args[0], 'utf8'), operationName: 'TestQuery' }));
} else if (command === 'wait') {
  const deadline = Date.now() + +args[1] * 1000;
  for (;;) {
    try {
      const res = await post(args[0], '{"query":"{ __typename }"}');
      if (res.status === 200) break;
    } catch { /* not listening yet */ }
    if (args[2]) {
      try { process.kill(+args[2], 0); } catch { console.error(`process ${args[2]} ended`); process.exit(1); }
    }
    if (Date.now() > deadline) { console.error(`no answer from ${args[0]} within ${args[1]} s`); process.exit(1); }
    await new Promise((r) => setTimeout(r, 250));
  }
} else if (command === 'check') {
  const res = await post(args[0], readFileSync(args[1]));
  const expected = JSON.parse(readFileSync(args[2], 'utf8'));
  let answer;
  try { answer = JSON.parse(res.body.toString('utf8')); } catch { answer = {}; }
  const problems = [];
  if (res.status !== 200) problems.push(`status ${res.status}`);
  if (answer.errors?.length) problems.push(`${answer.errors.length} errors, first: ${answer.errors[0].message}`);
  if (JSON.stringify(answer.data) !== JSON.stringify(expected.data)) problems.push('data differs from the expected answer');
  console.log(`bytes=${res.body.length}`);
  if (problems.length) { console.error(`answer check failed: ${problems.join('; ')}`); process.exit(1); }
} else if (command === 'c1') {
  const [url, bodyFile, statsUrl, n] = [args[0], readFileSync(args[1]), args[2], +args[3]];
  for (let i = 0; i < 5; i++) await post(url, bodyFile);
  const before = totals(await getJson(statsUrl));
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    const res = await post(url, bodyFile);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (res.status !== 200) { console.error(`status ${res.status}`); process.exit(1); }
  }
  const after = totals(await getJson(statsUrl));
  times.sort((a, b) => a - b);
  console.log(`c1_p50_ms=${percentile(times, 50).toFixed(2)}`);
  console.log(`c1_subgraph_requests=${((after.requests - before.requests) / n).toFixed(2)}`);
  console.log(`c1_representations=${((after.representations - before.representations) / n).toFixed(1)}`);
} else if (command === 'record') {
  const [port, upstream, out] = args;
  const fetches = [];
  http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.method === 'POST') fetches.push({ path: req.url, body });
      writeFileSync(out, JSON.stringify(fetches));
      const answer = await post(upstream + req.url, body);
      res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': answer.body.length });
      res.end(answer.body);
    });
  }).listen(+port, '127.0.0.1');
} else if (command === 'direct') {
  const [base, fetches, n] = [args[0], JSON.parse(readFileSync(args[1], 'utf8')), +args[2]];
  const round = async () => { for (const f of fetches) await post(base + f.path, f.body); };
  for (let i = 0; i < 5; i++) await round();
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await round();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(`direct_fetches=${fetches.length}`);
  console.log(`direct_p50_ms=${percentile(times, 50).toFixed(2)}`);
} else if (command === 'report') {
  report(args[0], args[1] || '');
} else {
  console.error('usage: see the head of tool.mjs');
  process.exit(2);
}

function report(file, overhead) {
  const labels = {
    zielwerk: ['Zielwerk gateway', 'yes', 'no'],
    'zielwerk-heap256': ['Zielwerk gateway `-Xmx256m`', 'yes', 'no'],
    'zielwerk-no-subgraph-dedup': ['Zielwerk gateway', 'no', 'no'],
    'zielwerk-client-dedup': ['Zielwerk gateway', 'yes', 'yes'],
    'zielwerk-client-dedup-only': ['Zielwerk gateway', 'no', 'yes'],
    apollo: ['Apollo Gateway 2.14 (`@apollo/gateway`)', 'no', 'no'],
    hive: ['Hive Gateway 2.15 (`@graphql-hive/gateway`)', 'yes', 'no'],
    'hive-rust': ['Hive Gateway 2.15 + Rust planner (`--hive-router-runtime`)', 'yes', 'no'],
    'hive-dedup': ['Hive Gateway 2.15 `--jit`, `inboundInflightRequestDeduplication`', 'yes', 'yes'],
    'hive-rust-dedup': ['Hive Gateway 2.15 + Rust planner, `inboundInflightRequestDeduplication`', 'yes', 'yes'],
  };
  const [head, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const names = head.split('\t');
  const rows = lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [names[i], v])));
  const modes = [...new Set(rows.map((r) => r.mode))];
  const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
  const fmt = (x, digits) => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const cell = (rs, key, digits = 0, range = true) => {
    const xs = rs.map((r) => +r[key]).filter((x) => !Number.isNaN(x));
    if (!xs.length) return '–';
    const m = fmt(median(xs), digits);
    return range && xs.length > 1 ? `${m} (${fmt(Math.min(...xs), digits)}–${fmt(Math.max(...xs), digits)})` : m;
  };
  if (rows.some((r) => r.round !== '1')) console.log('Medians of the rounds; ranges (min–max) for requests/s, latency, CPU and RSS.\n');
  console.log('| gateway | subgraph dedup | inbound dedup | requests/s | p50 ms | p95 ms | p99 ms | gateway CPU ms/request (CPU used %) | peak RSS MB | subgraph requests/op c=1 (representations) | subgraph requests/op under load | latency c=1 p50 ms (CPU ms) | load avg (1 min) | answers not as checked |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const mode of modes) {
    const rs = rows.filter((r) => r.mode === mode);
    const [name, sub, inbound] = labels[mode] || [mode, '?', '?'];
    const wrong = rs.reduce((a, r) => a + +r.bad + +r.socket_errors + (r.bytes === 'WRONG' ? 1 : 0), 0);
    console.log(`| ${name} | ${sub} | ${inbound} | ${cell(rs, 'rps')} | ${cell(rs, 'p50', 1)} | ${cell(rs, 'p95', 1)} | ${cell(rs, 'p99', 1)} | ${cell(rs, 'cpu_ms_per_request', 2)} (${cell(rs, 'cpu_share', 0, false)} %) | ${cell(rs, 'rss_mb')} | ${cell(rs, 'c1_subgraph_requests', 2, false)} (${cell(rs, 'c1_representations', 1, false)}) | ${cell(rs, 'load_subgraph_requests', 2, false)} | ${cell(rs, 'c1_p50', 1)} (${cell(rs, 'c1_cpu_ms', 2, false)}) | ${cell(rs, 'load1', 1, false)} | ${wrong} |`);
  }
  const ours = rows.filter((r) => r.mode === 'zielwerk');
  const direct = Object.fromEntries(overhead.split('\n').filter(Boolean).map((l) => l.split('=')));
  if (ours.length && direct.direct_p50_ms) {
    const gw = median(ours.map((r) => +r.c1_p50));
    const d = +direct.direct_p50_ms;
    console.log();
        const cpu = median(ours.map((r) => +r.c1_cpu_ms));
    console.log(`Overhead at c=1: the Zielwerk gateway answers the bench query in ${fmt(gw, 1)} ms (p50) using ${fmt(cpu, 2)} ms of CPU per query; the ${direct.direct_fetches} subgraph fetches it sent for one query, sent straight to the subgraphs one after another by the same client, take ${fmt(d, 1)} ms together (p50). The gateway's answer ${gw <= d ? `comes ${fmt(d - gw, 1)} ms sooner than that sum, as it runs independent fetches in parallel` : `takes ${fmt(gw - d, 1)} ms (${fmt((100 * (gw - d)) / d, 0)} %) longer than that sum`}.`);
  }
}
