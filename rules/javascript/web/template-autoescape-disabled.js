const express = require('express');
const nunjucks = require('nunjucks');
const Handlebars = require('handlebars');
const Mustache = require('mustache');
const fs = require('fs');

const app = express();

// ruleid: javascript.template-autoescape-disabled
nunjucks.configure('views', { autoescape: false, express: app });

const env = new nunjucks.Environment(new nunjucks.FileSystemLoader('emails'), {
  // ruleid: javascript.template-autoescape-disabled
  autoescape: false,
  throwOnUndefined: true,
});

// ok: javascript.template-autoescape-disabled
const safeEnv = new nunjucks.Environment(new nunjucks.FileSystemLoader('pages'), { autoescape: true });

const cardSource = fs.readFileSync('templates/card.hbs', 'utf8');
// ruleid: javascript.template-autoescape-disabled
const card = Handlebars.compile(cardSource, { noEscape: true });
// ok: javascript.template-autoescape-disabled
const safeCard = Handlebars.compile(cardSource, { strict: true });

// ruleid: javascript.template-autoescape-disabled
Mustache.escape = (text) => text;

const settings = { autoescape: false };
// ok: javascript.template-autoescape-disabled
const reportEnv = { format: 'pdf', autoescape: false };

app.get('/card/:name', (req, res) => {
  res.send(safeCard({ name: req.params.name }));
});

module.exports = { env, safeEnv, card, settings, reportEnv };
