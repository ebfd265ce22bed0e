/**
 * graphql-yoga with nothing but a Query type, on node:http: what `{ __typename }` costs in the yoga this
 * project uses before any of its own plugins, context or schema. `npm run bench:pages` starts it beside the
 * server (PORT, HOST) and runs it the same way (node --import tsx, NODE_ENV=production), so the difference
 * between the two is the server's own work.
 */
import { createServer } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';

const yoga = createYoga({
  schema: createSchema({ typeDefs: 'type Query { ok: Boolean }', resolvers: { Query: { ok: () => true } } }),
  graphqlEndpoint: '/graphql',
  graphiql: false,
  landingPage: false,
  logging: false,
});

const port = Number(process.env.PORT ?? 4001);
const host = process.env.HOST ?? '127.0.0.1';
const http = createServer(yoga);
http.listen(port, host, () => console.log(`bare yoga ready: http://${host}:${port}/graphql`));

const stop = () => {
  http.close();
  http.closeAllConnections();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
