// Chat link previews: fetch the page and return its title and description.
const express = require('express');
const axios = require('axios');
const cheerio = require('cheerio');

const app = express();
app.use(express.json());

app.post('/api/preview', async (req, res) => {
  const { url } = req.body;
  if (!url) return res.status(400).json({ error: 'url is required' });
  try {
    const response = await axios.get(url, { timeout: 5000, maxContentLength: 2_000_000 }); // bench: vuln CWE-918
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
