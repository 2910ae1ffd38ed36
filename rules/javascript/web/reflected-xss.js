const express = require('express');
const escapeHtml = require('escape-html');
const Handlebars = require('handlebars');
const http = require('http');
const url = require('url');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.get('/search', (req, res) => {
  const q = req.query.q || '';
  const html = `<!doctype html><html><body>
    <h1>Results for ${q}</h1>
  </body></html>`;
  // ruleid: javascript.reflected-xss
  res.send(html);
});

app.get('/search-safe', (req, res) => {
  const q = escapeHtml(req.query.q || '');
  // ok: javascript.reflected-xss
  res.send(`<h1>Results for ${q}</h1>`);
});

app.get('/hello/:name', (req, res) => {
  // ruleid: javascript.reflected-xss
  res.status(200).send('<p>Hello, ' + req.params.name + '!</p>');
});

app.get('/echo', (req, res) => {
  res.type('text/plain');
  // ok: javascript.reflected-xss
  res.send(`You said: ${req.query.msg}`);
});

app.post('/feedback', (req, res) => {
  // ok: javascript.reflected-xss
  res.json({ received: req.body.message });
});

app.post('/preview', (req, res) => {
  res.write('<div class="preview">');
  // ruleid: javascript.reflected-xss
  res.write(req.body.content);
  res.end('</div>');
});

Handlebars.registerHelper('highlight', function (text) {
  return new Handlebars.SafeString(`<mark>${Handlebars.escapeExpression(text)}</mark>`);
});

app.get('/page', (req, res) => {
  const template = Handlebars.compile('<div>{{{banner}}}</div>');
  // ruleid: javascript.reflected-xss
  const banner = new Handlebars.SafeString(`<b>${req.query.banner}</b>`);
  // ok: javascript.reflected-xss
  res.send(template({ banner: 'Welcome' }));
});

http.createServer((req, res) => {
  const { query } = url.parse(req.url, true);
  res.writeHead(200, { 'Content-Type': 'text/html' });
  // ruleid: javascript.reflected-xss
  res.end(`<p>Page ${query.page} not found</p>`);
}).listen(8080);

app.listen(3000);
