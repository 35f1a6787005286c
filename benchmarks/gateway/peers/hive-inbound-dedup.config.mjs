// Hive Gateway configuration of the benchmark's "inbound dedup" modes: identical in-flight client requests share one
// execution (off by default in Hive Gateway).
export const gatewayConfig = {
  inboundInflightRequestDeduplication: true,
};
