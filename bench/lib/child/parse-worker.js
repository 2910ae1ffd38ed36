/**
 * Worker for the parse-only baseline on all cores: read a file as the scan does, parse it,
 * free the tree. Grammars load once per thread, as the scan workers' do.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'dist');
const { readTarget } = await import(path.join(dist, 'files', 'walk.js'));
const { languageForPath, LANGUAGES } = await import(path.join(dist, 'languages', 'index.js'));
const ts = await import(path.join(dist, 'languages', 'treesitter.js'));
const { DEFAULT_MAX_FILE_BYTES } = await import(path.join(dist, 'core', 'scanner.js'));
for (const l of LANGUAGES) await ts.loadLanguage(l);

export default async function parseTarget(t) {
  const r = await readTarget(t, DEFAULT_MAX_FILE_BYTES);
  const lang = languageForPath(t.path);
  if (r.text === undefined || !lang) return 'skipped';
  return ts.parseOnly(lang, r.text) ? 'ok' : 'failed';
}
