const express = require('express');
const Koa = require('koa');

const app = express();

app.get('/orders/:id', async (req, res) => {
  try {
    const order = await db.orders.findById(req.params.id);
    res.json(order);
  } catch (err) {
    // ruleid: javascript.error-stack-sent-to-client
    res.status(500).json({ error: err.message, stack: err.stack });
  }
});

// Catch-all error handler.
app.use((err, req, res, next) => {
  console.error(err);
  // ruleid: javascript.error-stack-sent-to-client
  res.status(err.status || 500).send(`<pre>${err.stack}</pre>`);
});

const koa = new Koa();
koa.use(async (ctx, next) => {
  try {
    await next();
  } catch (error) {
    ctx.status = 500;
    // ruleid: javascript.error-stack-sent-to-client
    ctx.body = { message: error.message, trace: error.stack };
  }
});

// Generic messages for clients, details in the server log.
app.use((err, req, res, next) => {
  logger.error({ err, requestId: req.id }, 'request failed');
  // ok: javascript.error-stack-sent-to-client
  res.status(500).json({ error: 'Internal server error', requestId: req.id });
});

// Stacks only in development.
app.use((err, req, res, next) => {
  res.status(500).json({
    error: 'Internal server error',
    // ok: javascript.error-stack-sent-to-client
    stack: process.env.NODE_ENV === 'development' ? err.stack : undefined,
  });
});

const isDev = app.get('env') === 'development';
app.use((err, req, res, next) => {
  if (isDev) {
    // ok: javascript.error-stack-sent-to-client
    return res.status(500).send(err.stack);
  }
  res.status(500).send('Something broke');
});

module.exports = { app, koa };
