const express = require('express');
const { exec } = require('child_process');
const http = require('http');
const Koa = require('koa');

const app = express();

app.get('/ping', (req, res) => {
  // ruleid: taint.js-remote
  exec('ping -c 1 ' + req.query.host);
  // ok: taint.js-remote
  exec('ping -c 1 localhost');
});

app.post('/users', async (req, res) => {
  const { name } = req.body;
  // ruleid: taint.js-remote
  await db.query(`SELECT * FROM users WHERE name = '${name}'`);
  // ok: taint.js-remote
  await db.query('SELECT * FROM users WHERE name = $1', [name]);
});

http.createServer((req, res) => {
  // ruleid: taint.js-remote
  exec(`grep ${req.url} access.log`);
}).listen(8080);

const koa = new Koa();
koa.use(async (ctx) => {
  // ruleid: taint.js-remote
  exec('cat ' + ctx.query.file);
});

function cli() {
  // ruleid: taint.js-remote
  exec('echo ' + process.argv[2]);
}

async function llm(openai) {
  const completion = await openai.chat.completions.create({ model: 'gpt', messages: [] });
  const code = completion.choices[0].message.content;
  // ruleid: taint.js-llm
  eval(code);
  // ok: taint.js-llm
  eval('1 + 1');
}
