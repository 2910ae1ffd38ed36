/**
 * Snippets for the latency figures: 20-, 100- and 500-line pieces of real code, cut at a
 * top-level definition so they read like what an assistant emits, from the Python corpus
 * (Python), the npm corpus (JavaScript) and the generated corpus (TypeScript, concatenated
 * when one program is shorter than the size). Deterministic: the same corpora give the same set.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { listFiles, sha256 } from './util.js';

export const SIZES = [20, 100, 500];
const PER_CELL = 8;

const START = {
  python: /^(def |class |async def |@)/,
  javascript: /^(function |async function |class |const |let |var |module\.exports|exports\.|export )/,
  typescript: /^(function |async function |class |const |let |export |interface |type |@)/,
};

function cut(lines, start, size) {
  return lines.slice(start, start + size).join('\n') + '\n';
}

async function fromFiles(dir, files, language, size) {
  const out = [];
  const ordered = [...files].sort((a, b) => (sha256(a) < sha256(b) ? -1 : 1));
  for (const f of ordered) {
    if (out.length >= PER_CELL) break;
    const lines = (await fsp.readFile(path.join(dir, f), 'utf8')).split('\n');
    if (lines.length < size + 1) continue;
    const start = lines.findIndex((l, i) => i + size <= lines.length && START[language].test(l));
    if (start < 0) continue;
    out.push({ language, size, text: cut(lines, start, size) });
  }
  return out;
}

async function concatenated(dir, files, language, size) {
  const texts = [];
  for (const f of files) texts.push(await fsp.readFile(path.join(dir, f), 'utf8'));
  if (!texts.length) return [];
  const out = [];
  for (let k = 0; k < PER_CELL; k++) {
    const lines = [];
    for (let i = k; lines.length < size; i++) lines.push(...texts[i % texts.length].split('\n'));
    out.push({ language, size, text: cut(lines, 0, size) });
  }
  return out;
}

export async function buildSnippets(corpora) {
  const by = Object.fromEntries(corpora.map((c) => [c.id, c]));
  const snippets = [];
  const description = [];
  const sources = [
    ['python', by['python-stdlib'], /\.py$/],
    ['javascript', by['npm-packages'], /\.(js|cjs|mjs)$/],
    ['typescript', by.generated, /\.ts$/],
  ];
  for (const [language, corpus, re] of sources) {
    if (!corpus) {
      description.push(`${language}: no corpus, no snippets`);
      continue;
    }
    const files = await listFiles(corpus.dir, (f) => re.test(f));
    for (const size of SIZES) {
      let set = await fromFiles(corpus.dir, files, language, size);
      if (set.length < PER_CELL) set = [...set, ...(await concatenated(corpus.dir, files, language, size))].slice(0, PER_CELL);
      snippets.push(...set);
    }
    description.push(`${language}: ${corpus.id}`);
  }
  return { snippets, description };
}
