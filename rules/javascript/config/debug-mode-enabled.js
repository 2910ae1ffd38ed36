const express = require('express');
const errorhandler = require('errorhandler');
const { ApolloServer } = require('@apollo/server');

// Force development mode so error pages are readable.
// ruleid: javascript.debug-mode-enabled
process.env.NODE_ENV = 'development';

const app = express();
// ruleid: javascript.debug-mode-enabled
app.set('env', 'development');

app.get('/', (req, res) => res.send('ok'));

// ruleid: javascript.debug-mode-enabled
app.use(errorhandler());

const server = new ApolloServer({
  typeDefs,
  resolvers,
  // ruleid: javascript.debug-mode-enabled
  includeStacktraceInErrorResponses: true,
});

// Development-only error pages.
if (process.env.NODE_ENV === 'development') {
  // ok: javascript.debug-mode-enabled
  app.use(errorhandler({ log: true }));
}

const dev = express();
if (dev.get('env') === 'development') {
  // ok: javascript.debug-mode-enabled
  dev.use(errorhandler());
}

const safeServer = new ApolloServer({
  typeDefs,
  resolvers,
  // ok: javascript.debug-mode-enabled
  includeStacktraceInErrorResponses: process.env.NODE_ENV !== 'production',
});

// Defaulting NODE_ENV only when nothing set it.
if (!process.env.NODE_ENV) {
  // ok: javascript.debug-mode-enabled
  process.env.NODE_ENV = 'development';
}

module.exports = { app, server, dev, safeServer };
