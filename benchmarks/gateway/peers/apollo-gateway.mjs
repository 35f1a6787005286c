// Apollo Gateway (the reference) for the gateway benchmark: node apollo-gateway.mjs SUPERGRAPH_FILE PORT (loopback).
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway } from '@apollo/gateway';

const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: readFileSync(process.argv[2], 'utf8') }) });
const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: +process.argv[3] } });
console.log(`apollo gateway at ${url} pid ${process.pid}`);
