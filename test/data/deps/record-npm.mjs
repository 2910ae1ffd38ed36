// Records npm registry documents for the dependency tests, keeping only the fields redpen
// reads (name, dist-tags, time, repository, homepage, and per
// version the install scripts and repository). Run from the repository root:
//   node test/data/deps/record-npm.mjs lodash esbuild @babel/core
import fs from 'node:fs';
import path from 'node:path';

const out = path.join(path.dirname(new URL(import.meta.url).pathname), 'npm');
const INSTALL = ['preinstall', 'install', 'postinstall'];
for (const name of process.argv.slice(2)) {
  const url = `https://registry.npmjs.org/${name.startsWith('@') ? `@${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name)}`;
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  const file = path.join(out, `${name.replace('/', '__')}.json`);
  if (res.status === 404) {
    fs.writeFileSync(file, `${JSON.stringify({ status: 404, body: await res.text() }, null, 1)}\n`);
    console.log(name, 404);
    continue;
  }
  const body = await res.json();
  const versions = {};
  for (const [v, m] of Object.entries(body.versions ?? {})) {
    const scripts = Object.fromEntries(Object.entries(m.scripts ?? {}).filter(([k]) => INSTALL.includes(k)));
    versions[v] = { ...(Object.keys(scripts).length ? { scripts } : {}), ...(m.repository ? { repository: m.repository } : {}) };
  }
  const t = body.time ?? {};
  const doc = {
    name: body.name,
    'dist-tags': body['dist-tags'],
    // the registry's `created`/`modified`, or (from mirrors without them) each version's time
    time: t.created ? { created: t.created, modified: t.modified, ...(t.unpublished ? { unpublished: t.unpublished } : {}) } : t,
    ...(body.repository ? { repository: body.repository } : {}),
    ...(body.homepage ? { homepage: body.homepage } : {}),
    versions,
  };
  fs.writeFileSync(file, `${JSON.stringify({ status: res.status, body: doc }, null, 1)}\n`);
  console.log(name, res.status, Object.keys(versions).length);
}
