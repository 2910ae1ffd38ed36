/**
 * A local HTTP server speaking the three protocols the dependency checks use, serving the
 * recorded answers in test/data/deps: the npm registry (GET /npm/<name>), PyPI's JSON API
 * (GET /pypi/<name>/json), the OSV API (POST /osv/v1/querybatch, GET /osv/v1/vulns/<id>) and
 * OSV's archives (GET /archive/<ecosystem>/all.zip). Every request is logged for assertions.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';

const DATA = path.join(import.meta.dirname, '..', 'data', 'deps');

export interface Services {
  url: string;
  requests: { method: string; path: string; body?: unknown }[];
  /** Make one service fail with this HTTP status (or hang, with 'hang'). */
  fail: Partial<Record<'npm' | 'pypi' | 'osv', number | 'hang'>>;
  /** Results per page of querybatch (to exercise paging). */
  pageSize: number;
  close(): Promise<void>;
}

let pypaRecords: Map<string, unknown> | null = null;
function osvRecord(id: string): unknown {
  const file = path.join(DATA, 'osv', `${id}.json`);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!pypaRecords) {
    pypaRecords = new Map();
    const text = zlib.gunzipSync(fs.readFileSync(path.join(DATA, 'osv-pypi', 'pypa-advisory-database-2024-10-10.jsonl.gz'))).toString('utf8');
    for (const line of text.split('\n')) if (line) pypaRecords.set((JSON.parse(line) as { id: string }).id, JSON.parse(line));
  }
  return pypaRecords.get(id);
}

function recorded(dir: string, name: string): { status: number; body: unknown } | null {
  const file = path.join(DATA, dir, `${name.replace('/', '__')}.json`);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { status: number; body: unknown }) : null;
}

export async function startServices(): Promise<Services> {
  const batches = JSON.parse(fs.readFileSync(path.join(DATA, 'osv', 'querybatch.json'), 'utf8')) as Record<string, { id: string; modified: string }[]>;
  const svc: Services = { url: '', requests: [], fail: {}, pageSize: 1000, close: async () => undefined };
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const p = decodeURIComponent(url.pathname);
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = raw ? JSON.parse(raw) : undefined;
      svc.requests.push({ method: req.method ?? 'GET', path: p, body });
      const json = (status: number, v: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(typeof v === 'string' ? v : JSON.stringify(v));
      };
      const service = p.startsWith('/npm/') ? 'npm' : p.startsWith('/pypi/') ? 'pypi' : p.startsWith('/osv/') ? 'osv' : null;
      const failure = service ? svc.fail[service] : undefined;
      if (failure === 'hang') {
        hanging.add(res);
        return;
      }
      if (typeof failure === 'number') return json(failure, { error: 'unavailable' });
      if (p.startsWith('/npm/')) {
        const r = recorded('npm', p.slice('/npm/'.length));
        return r ? json(r.status, r.body) : json(404, '');
      }
      const pypi = /^\/pypi\/([^/]+)\/json$/.exec(p);
      if (pypi) {
        const r = recorded('pypi', pypi[1].toLowerCase());
        return r ? json(r.status, r.body) : json(404, { message: 'Not Found' });
      }
      if (p === '/osv/v1/querybatch' && req.method === 'POST') {
        const queries = (body as { queries: { package: { ecosystem: string; name: string }; version: string; page_token?: string }[] }).queries;
        if (!Array.isArray(queries) || queries.length > 1000) return json(400, { code: 3, message: 'Too many queries.' });
        return json(200, {
          results: queries.map((q) => {
            const all = batches[`${q.package.ecosystem}/${q.package.name}@${q.version}`] ?? [];
            const start = q.page_token ? Number(q.page_token) : 0;
            const page = all.slice(start, start + svc.pageSize);
            if (page.length === 0) return {};
            return { vulns: page, ...(start + svc.pageSize < all.length ? { next_page_token: String(start + svc.pageSize) } : {}) };
          }),
        });
      }
      const vuln = /^\/osv\/v1\/vulns\/(.+)$/.exec(p);
      if (vuln) {
        const r = osvRecord(vuln[1]);
        return r ? json(200, r) : json(404, { code: 5, message: 'Bug not found.' });
      }
      const archive = /^\/archive\/([^/]+)\/all\.zip$/.exec(p);
      if (archive && archive[1] === 'npm') {
        res.writeHead(200, { 'content-type': 'application/zip' });
        return res.end(fs.readFileSync(path.join(DATA, 'osv', 'npm-all.zip')));
      }
      json(404, { error: 'no such route' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  svc.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  svc.close = () => new Promise<void>((r) => {
    for (const h of hanging) h.destroy();
    server.closeAllConnections();
    server.close(() => r());
  });
  return svc;
}

/** Options pointing every client at the local server. */
export function localOptions(svc: Services, extra: Record<string, unknown> = {}) {
  return { osvUrl: `${svc.url}/osv`, npmRegistry: `${svc.url}/npm`, pypiUrl: svc.url, timeoutMs: 2000, ...extra };
}
