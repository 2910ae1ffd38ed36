const express = require('express');
const ejs = require('ejs');
const pug = require('pug');
const Handlebars = require('handlebars');
const nunjucks = require('nunjucks');
const _ = require('lodash');

const app = express();
app.use(express.json());

const welcome = Handlebars.compile('<h1>Welcome, {{name}}!</h1>');

app.post('/preview-email', (req, res) => {
  const { template, customer } = req.body;
  // ruleid: javascript.template-injection
  const html = ejs.render(template, { customer });
  res.send(html);
});

app.get('/greet', (req, res) => {
  // ruleid: javascript.template-injection
  const html = pug.render(`h1 Hello #{name}\np ${req.query.note}`, { name: 'guest' });
  res.send(html);
});

app.post('/cards', (req, res) => {
  // ruleid: javascript.template-injection
  const card = Handlebars.compile(req.body.layout);
  res.send(card({ title: req.body.title }));
});

app.post('/notify', (req, res) => {
  // ruleid: javascript.template-injection
  const text = nunjucks.renderString(req.body.message, { user: req.body.user });
  res.json({ text });
});

app.get('/banner', (req, res) => {
  // ruleid: javascript.template-injection
  const render = _.template('<div class="banner">' + req.query.text + '</div>');
  res.send(render({}));
});

app.get('/welcome', (req, res) => {
  // ok: javascript.template-injection
  res.send(welcome({ name: req.query.name }));
});

app.get('/profile', (req, res) => {
  // ok: javascript.template-injection
  ejs.renderFile('views/profile.ejs', { name: req.query.name }, (err, html) => res.send(html));
});

app.get('/note', (req, res) => {
  // ok: javascript.template-injection
  const html = nunjucks.renderString('<p>{{ note }}</p>', { note: req.query.note });
  res.send(html);
});

app.listen(3000);
