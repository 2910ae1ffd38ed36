// GraphQL API for the storefront.
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { typeDefs } from './schema';
import { resolvers } from './resolvers';
import { loadUser } from './auth';

const server = new ApolloServer({
  typeDefs,
  resolvers,
  introspection: process.env.NODE_ENV !== 'production',
  includeStacktraceInErrorResponses: true, // bench: vuln CWE-215 CWE-209
});

async function main() {
  const { url } = await startStandaloneServer(server, {
    listen: { port: Number(process.env.PORT ?? 4000) },
    context: async ({ req }) => ({ user: await loadUser(req.headers.authorization) }),
  });
  console.log(`GraphQL ready at ${url}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
