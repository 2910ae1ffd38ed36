/**
 * The OSV API (https://google.github.io/osv.dev/api/): POST /v1/querybatch names the advisories
 * affecting each package version (ids and `modified` only, up to 1000 queries a request, paged
 * with `next_page_token`); GET /v1/vulns/{id} returns a full record. Full records are cached by
 * id and `modified`, so an unchanged advisory is fetched once.
 */
import pLimit from 'p-limit';
import { HttpError, requestJson, type JsonCache } from './http.js';
import { asOsvRecord, type OsvRecord } from './osv.js';
import type { PackageRef } from './types.js';

export interface OsvApiConfig {
  url: string;
  timeoutMs: number;
  concurrency: number;
  cache?: JsonCache;
}

interface BatchQuery {
  package: { ecosystem: string; name: string };
  version: string;
  page_token?: string;
}

interface BatchResponse {
  results?: { vulns?: { id: string; modified: string }[]; next_page_token?: string }[];
}

const BATCH = 1000;
/** Pages followed per query before giving up (a package with thousands of advisories is not real). */
const MAX_PAGES = 20;

/** Advisory ids (with `modified`) for each package version, in input order. */
export async function queryBatch(packages: (PackageRef & { version: string })[], cfg: OsvApiConfig): Promise<{ id: string; modified: string }[][]> {
  const out: { id: string; modified: string }[][] = packages.map(() => []);
  const base = cfg.url.replace(/\/+$/, '');
  const limit = pLimit(cfg.concurrency);
  const chunks: number[][] = [];
  for (let i = 0; i < packages.length; i += BATCH) chunks.push([...Array(Math.min(BATCH, packages.length - i)).keys()].map((k) => k + i));
  await Promise.all(chunks.map((indices) => limit(async () => {
    let pending = indices.map((i) => ({ i, token: undefined as string | undefined }));
    for (let page = 0; pending.length > 0; page++) {
      if (page >= MAX_PAGES) throw new HttpError(`OSV API kept paging past ${MAX_PAGES} pages`, `${base}/v1/querybatch`);
      const queries: BatchQuery[] = pending.map(({ i, token }) => ({
        package: { ecosystem: packages[i].ecosystem, name: packages[i].name },
        version: packages[i].version,
        ...(token ? { page_token: token } : {}),
      }));
      const res = await requestJson<BatchResponse>(`${base}/v1/querybatch`, { method: 'POST', body: { queries }, timeoutMs: cfg.timeoutMs });
      const results = res.body?.results;
      if (res.status === 404 || !Array.isArray(results) || results.length !== queries.length) {
        throw new HttpError(`OSV API answered querybatch with ${Array.isArray(results) ? `${results.length} results for ${queries.length} queries` : 'no results list'}`, `${base}/v1/querybatch`, res.status);
      }
      const next: typeof pending = [];
      results.forEach((r, k) => {
        const i = pending[k].i;
        for (const v of r?.vulns ?? []) if (v && typeof v.id === 'string') out[i].push({ id: v.id, modified: String(v.modified ?? '') });
        if (r?.next_page_token) next.push({ i, token: r.next_page_token });
      });
      pending = next;
    }
  })));
  return out;
}

/** Full records for advisory ids, from the cache when `modified` matches. */
export async function fetchRecords(ids: { id: string; modified: string }[], cfg: OsvApiConfig): Promise<Map<string, OsvRecord>> {
  const base = cfg.url.replace(/\/+$/, '');
  const limit = pLimit(cfg.concurrency);
  const out = new Map<string, OsvRecord>();
  const unique = new Map(ids.map((x) => [x.id, x.modified]));
  await Promise.all([...unique].map(([id, modified]) => limit(async () => {
    const key = `osv:v1:${base}:${id}:${modified}`;
    const cached = modified ? cfg.cache?.get<OsvRecord>(key, Number.POSITIVE_INFINITY) : undefined;
    if (cached) {
      out.set(id, cached);
      return;
    }
    const url = `${base}/v1/vulns/${encodeURIComponent(id)}`;
    const res = await requestJson<unknown>(url, { timeoutMs: cfg.timeoutMs });
    if (res.status === 404) throw new HttpError(`OSV API has no record ${id} though querybatch named it`, url, 404);
    let record: OsvRecord;
    try {
      record = asOsvRecord(res.body);
    } catch (e) {
      throw new HttpError(`OSV API answered ${id} with ${(e as Error).message}`, url);
    }
    if (modified) cfg.cache?.set(key, record);
    out.set(id, record);
  })));
  return out;
}
