/**
 * The markdown report and the goal comparison. Goals are compared, never asserted: a missed
 * goal is a line in the report saying by how much. Every path printed is relative or redacted.
 */
import os from 'node:os';
import { REPO_ROOT, WORK_DIR, fmtNum } from './util.js';

const MiB = 1024;

/** Remove machine paths from anything headed for a committed file. */
export function redactPaths(text) {
  let t = text.split(WORK_DIR).join('bench/work').split(REPO_ROOT).join('<repo>');
  const home = os.homedir();
  if (home && home !== '/') t = t.split(home).join('~');
  return t.replace(/\/tmp\/[^\s"'`)]+/g, '<tmp>');
}

const get = (m, corpus, key) => m?.[corpus]?.[key];
const ok = (e) => e && !e.error && e.ms;
const med = (s) => s?.median ?? null;

function ratio(a, b) {
  return a && b ? a / b : null;
}

function x(v, d = 2) {
  return v === null || v === undefined ? 'n/a' : `${fmtNum(v, d)}x`;
}

function secs(summary) {
  if (!summary) return 'n/a';
  const f = (ms) => fmtNum(ms / 1000, ms < 10_000 ? 2 : 1);
  return summary.n > 1 ? `${f(summary.median)} s [${f(summary.min)}–${f(summary.max)}]` : `${f(summary.median)} s`;
}

function mib(kb) {
  return kb ? `${fmtNum(kb / MiB, 0)} MiB` : 'n/a';
}

function klps(linesPerSec) {
  return linesPerSec ? `${fmtNum(linesPerSec / 1000, 1)}k` : 'n/a';
}

/** Compare the measurements against the goals of issues 3, 5 and 7. */
export function evaluateGoals(results) {
  const m = results.measurements;
  const N = results.meta.cores;
  const realIds = results.corpora.filter((c) => !c.error && !c.scale).map((c) => c.id);
  const goals = [];
  const add = (goal, target, measured, met, detail, notMeasured) =>
    goals.push({ goal, target, measured, status: notMeasured ? 'not measured' : met ? 'met' : 'missed', detail: notMeasured ?? detail });

  // 1. full scan vs parse-only
  const scanRatios = [];
  for (const id of realIds) {
    for (const j of [1, N]) {
      const s = get(m, id, `redpen scan ${j}`);
      const p = get(m, id, `redpen parse ${j}`);
      if (ok(s) && ok(p)) scanRatios.push({ id, jobs: j, r: med(s.ms) / med(p.ms) });
    }
  }
  const worst = scanRatios.reduce((a, b) => (!a || b.r > a.r ? b : a), null);
  add('Full scan within 2x of parse-only time', '≤ 2x', worst ? `worst ${x(worst.r)} (${worst.id}, ${worst.jobs === 1 ? '1 worker' : `${worst.jobs} workers`})` : null,
    worst && worst.r <= 2, worst && worst.r > 2 ? `${x(worst.r / 2)} over the goal; ${scanRatios.map((s) => `${s.id}/${s.jobs}: ${x(s.r)}`).join(', ')}` : scanRatios.map((s) => `${s.id}/${s.jobs}: ${x(s.r)}`).join(', '),
    worst ? null : 'no scan and parse pair measured');

  // 2. taint (issue 3): the whole scan with taint rules within 3x of parse
  const taint = realIds.map((id) => ({ id, t: get(m, id, `redpen taint ${N}`), p: get(m, id, `redpen parse ${N}`) })).filter((e) => ok(e.t) && ok(e.p)).map((e) => ({ id: e.id, r: med(e.t.ms) / med(e.p.ms), standIn: e.t.taintStandIn }));
  // a taint scan that did not finish in time gives a lower bound
  for (const id of realIds) {
    const t = get(m, id, `redpen taint ${N}`);
    const p = get(m, id, `redpen parse ${N}`);
    if (t?.timedOutMs && ok(p)) taint.push({ id, r: t.timedOutMs / med(p.ms), lowerBound: true });
  }
  const worstTaint = taint.reduce((a, b) => (!a || b.r > a.r ? b : a), null);
  add('Full scan with taint rules within 3x of parse time (issue 3)', '≤ 3x', worstTaint ? `worst ${worstTaint.lowerBound ? 'over ' : ''}${x(worstTaint.r)} (${worstTaint.id}, ${N} workers)${worstTaint.standIn ? '; with the stand-in taint rules of the test fixtures, as the pack has none yet' : ''}` : null,
    worstTaint && worstTaint.r <= 3, `${worstTaint && worstTaint.r > 3 ? `${worstTaint.lowerBound ? 'at least ' : ''}${x(worstTaint.r / 3)} over the goal; ` : ''}${taint.map((t) => `${t.id}: ${t.lowerBound ? 'over ' : ''}${x(t.r)}${t.lowerBound ? ' (did not finish)' : ''}`).join(', ')}`,
    worstTaint ? null : 'no taint scan measured');

  // 3. snippet latency
  const p99 = results.snippets?.summary?.['100']?.p99;
  add('Snippet p99 under 10 ms for 100 lines', '< 10 ms', p99 !== undefined ? `${fmtNum(p99, 2)} ms` : null, p99 < 10, p99 >= 10 ? `${x(p99 / 10)} over the goal` : '', p99 === undefined ? results.snippets?.error ?? 'not measured' : null);

  // 4-5. peers
  const peerGoal = (goal, target, corpus, peer, factor) => {
    const rows = [];
    for (const [pj, rj] of [[1, 1], [N, N]]) {
      const p = get(m, corpus, `${peer} ${pj}`);
      const r = get(m, corpus, `redpen scan ${rj}`);
      if (ok(p) && ok(r)) rows.push({ jobs: rj, r: med(p.processMs) / med(r.processMs) });
    }
    // a peer without a parallel mode (Bandit) compares its one run with redpen on all cores too
    if (peer === 'bandit') {
      const p = get(m, corpus, `${peer} 1`);
      const r = get(m, corpus, `redpen scan ${N}`);
      if (ok(p) && ok(r) && N > 1) rows.push({ jobs: N, r: med(p.processMs) / med(r.processMs) });
    }
    const best = rows.find((r) => r.jobs === N) ?? rows[0];
    const err = get(m, corpus, `${peer} 1`)?.error ?? results.peers?.[peer]?.error;
    add(goal, target, best ? rows.map((r) => `${x(r.r)} faster (${r.jobs === 1 ? '1 worker each' : `all ${N} cores`})`).join('; ') : null,
      best && best.r >= factor, best && best.r < factor ? `${x(factor / best.r)} short of the goal on all cores` : '',
      best ? null : `${peer} not measured: ${err ?? 'no run'}`);
  };
  peerGoal('At least 10x faster than Bandit on the same corpus (python-stdlib)', '≥ 10x', 'python-stdlib', 'bandit', 10);
  peerGoal('At least 5x faster than ESLint with the security plugins (npm-packages)', '≥ 5x', 'npm-packages', 'eslint', 5);

  // 6. memory
  let peak = null;
  for (const [id, entries] of Object.entries(m)) {
    for (const [key, e] of Object.entries(entries)) if (key.startsWith('redpen') && e.maxRssKB && (!peak || e.maxRssKB > peak.kb)) peak = { kb: e.maxRssKB, id, key };
  }
  add('Peak memory under 500 MB whatever the corpus size', '< 500 MB', peak ? `${fmtNum(peak.kb / 1000, 0)} MB (${peak.id}, ${peak.key.replace('redpen ', '')})` : null,
    peak && peak.kb / 1000 < 500, peak && peak.kb / 1000 >= 500 ? `${x(peak.kb / 1000 / 500)} over the goal` : '', peak ? null : 'not measured');

  // 7. secrets vs gitleaks (issue 5)
  const detectors = results.pack?.detectors ?? [];
  const sec = realIds.map((id) => ({ id, g: get(m, id, `gitleaks ${N}`), r: get(m, id, `redpen secrets ${N}`) })).filter((e) => ok(e.g) && ok(e.r)).map((e) => ({ id: e.id, r: med(e.g.processMs) / med(e.r.processMs) }));
  const slowest = sec.reduce((a, b) => (!a || b.r < a.r ? b : a), null);
  add('Secret detection at least as fast as gitleaks on the same tree (issue 5)', '≥ 1x', slowest ? sec.map((s) => `${s.id}: ${x(s.r)}`).join(', ') : null,
    slowest && slowest.r >= 1, slowest && slowest.r < 1 ? `${x(1 / slowest.r)} slower than gitleaks (${slowest.id})` : '',
    !detectors.length ? 'this build registers no secret detectors yet' : slowest ? null : `gitleaks not measured: ${results.peers?.gitleaks?.error ?? 'no run'}`);
  return goals;
}

function table(head, rows) {
  const esc = (c) => String(c ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [`| ${head.map(esc).join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

const PEER_TITLES = {
  bandit: 'Bandit (all default tests)',
  ruff: "Ruff's S rules (WebAssembly build)",
  eslint: 'ESLint + eslint-plugin-security + @microsoft/eslint-plugin-sdl',
  gitleaks: 'gitleaks (dir mode)',
  trufflehog: 'TruffleHog (filesystem, no verification)',
  secretlint: 'secretlint (recommended preset)',
};

export function renderReport(results) {
  const { meta, measurements: m, corpora, peers, snippets, plugins, problems, goals, pack } = results;
  const N = meta.cores;
  const real = corpora.filter((c) => !c.error && !c.scale);
  const out = [];
  out.push('# redpen benchmark');
  out.push('');
  out.push(`Generated by \`npm run bench${meta.mode === 'quick' ? ' -- --quick' : ''}\` on ${meta.date.slice(0, 10)}. Every number below was measured in this one run, on the same inputs. Times are medians over ${meta.runs} run(s) of redpen${(meta.peerRuns ?? meta.runs) !== meta.runs ? ` and ${meta.peerRuns} run(s) of each peer` : ' and of each peer'}, with the [min–max] spread where there is more than one; a cross-file taint scan that exceeds its time limit is stopped and not repeated.`);
  out.push('');
  if (meta.interrupted) {
    out.push(`**Incomplete run:** ${meta.interrupted}. Figures of the parts not reached are missing below.`);
    out.push('');
  }
  out.push(table(['machine', 'value'], [
    ['cores', `${N} (${meta.cpu})`],
    ['memory', `${meta.memoryGiB} GiB`],
    ['system', meta.os],
    ['node', meta.node],
    ['python', meta.python ?? 'none'],
    ['redpen', `${meta.redpen}${meta.commit ? ` (${meta.commit})` : ''}`],
    ['rule pack', pack?.rules !== null && pack?.rules !== undefined ? `recommended: ${pack.rules} rules (${pack.taintRules} taint); secret detectors: ${pack.detectors?.length ? pack.detectors.join(', ') : 'none registered'}` : `unknown (${pack?.error})`],
    ['load (1/5/15 min) before → after', `${meta.loadBefore.loadavg.join(' / ')} → ${meta.loadAfter?.loadavg.join(' / ')}`],
    ['CPU pressure (some, avg60) before → after', `${meta.loadBefore.pressureSome60 ?? 'n/a'}% → ${meta.loadAfter?.pressureSome60 ?? 'n/a'}%`],
  ]));
  out.push('');
  out.push(`**Read with care:** this is a ${N}-core machine, and when other work runs on it (see the load lines above) wall times and all-cores figures suffer first. CPU time (user + system of the whole process) is given beside wall time because it is less disturbed by other load. Peers that parallelise differently are compared both on one worker and on all cores.`);
  out.push('');

  out.push('## Goals');
  out.push('');
  out.push(table(['goal', 'target', 'measured', 'status', 'detail'], goals.map((g) => [g.goal, g.target, g.measured ?? '—', g.status === 'met' ? 'met' : g.status === 'missed' ? '**missed**' : g.status, g.detail ?? ''])));
  out.push('');

  out.push('## Corpora');
  out.push('');
  out.push(table(['corpus', 'files', 'lines', 'MB', 'languages', 'pin', 'what'], corpora.map((c) =>
    c.error ? [c.id, '—', '—', '—', '—', '—', `**not available:** ${c.error}`] : [c.id, fmtNum(c.files), fmtNum(c.lines), fmtNum(c.bytes / 1e6, 1), Object.entries(c.byLanguage).map(([l, v]) => `${l} ${fmtNum(v.lines)}`).join(', '), c.hash, `${c.title ?? ''}${c.source ? ` — ${c.source}` : ''}${c.notes?.length ? ` (${c.notes.join('; ')})` : ''}`])));
  out.push('');

  out.push('## Speed: parse-only against the full scan');
  out.push('');
  out.push(`Parse-only is the same walk and file reads as a scan, then tree-sitter parse and free, no lowering (\`parseOnly\`). The full scan is the real scan path (\`runScan\`) with the recommended pack and secret detection. "Workers" is the worker-thread count (${N} = all cores). Lines per second use the corpus line count and the in-process wall time (after start-up); CPU s is user + system time of the measured segment, every thread.`);
  out.push('');
  const speedRows = [];
  for (const c of real) {
    for (const j of [1, N]) {
      const p = get(m, c.id, `redpen parse ${j}`);
      const s = get(m, c.id, `redpen scan ${j}`);
      speedRows.push([c.id, j, ok(p) ? secs(p.ms) : p?.error ?? 'n/a', klps(p?.linesPerSec), ok(s) ? secs(s.ms) : s?.error ?? 'n/a', klps(s?.linesPerSec), ok(s) ? fmtNum(med(s.cpuMs) / 1000, 1) : 'n/a', x(ok(s) && ok(p) ? med(s.ms) / med(p.ms) : null), mib(s?.maxRssKB)]);
    }
    const t = get(m, c.id, `redpen taint ${N}`);
    const sec = get(m, c.id, `redpen secrets ${N}`);
    const pN = get(m, c.id, `redpen parse ${N}`);
    if (t) speedRows.push([`${c.id} (full scan + taint rules${t.taintStandIn || (t.error && !pack?.taintRules) ? ' of the test fixtures' : ''})`, N, '', '', ok(t) ? secs(t.ms) : t.error, klps(t.linesPerSec), ok(t) ? fmtNum(med(t.cpuMs) / 1000, 1) : 'n/a', x(ok(t) && ok(pN) ? med(t.ms) / med(pN.ms) : null), mib(t.maxRssKB)]);
    if (sec) speedRows.push([`${c.id} (secrets only, no rules)`, N, '', '', ok(sec) ? secs(sec.ms) : sec.error, klps(sec.linesPerSec), ok(sec) ? fmtNum(med(sec.cpuMs) / 1000, 1) : 'n/a', x(ok(sec) && ok(pN) ? med(sec.ms) / med(pN.ms) : null), mib(sec.maxRssKB)]);
  }
  out.push(table(['corpus', 'workers', 'parse-only', 'parse lines/s', 'full scan', 'scan lines/s', 'scan CPU s', 'scan / parse', 'peak RSS'], speedRows));
  out.push('');

  const scale = corpora.filter((c) => c.scale || c.id.startsWith('scale') || c.id.startsWith('bigfile'));
  if (scale.length) {
    out.push('## How cost grows');
    out.push('');
    out.push(`Synthetic inputs built from the corpora, scanned on all ${N} cores. \`scale-Nx\` replicates a fixed sample N times (more files); \`bigfile-Nx\` is one .py and one .js file of N copies of a module (bigger files). Flat lines per second and flat memory mean cost grows linearly.`);
    out.push('');
    out.push(table(['input', 'files', 'lines', 'parse-only', 'full scan', 'scan lines/s', 'scan / parse', 'peak RSS'], scale.map((c) => {
      if (c.error) return [c.id, '—', '—', '—', '—', '—', '—', `**not available:** ${c.error}`];
      const p = get(m, c.id, `redpen parse ${N}`);
      const s = get(m, c.id, `redpen scan ${N}`);
      return [c.id, fmtNum(c.files), fmtNum(c.lines), ok(p) ? secs(p.ms) : p?.error ?? 'n/a', ok(s) ? secs(s.ms) : s?.error ?? 'n/a', klps(s?.linesPerSec), x(ok(s) && ok(p) ? med(s.ms) / med(p.ms) : null), mib(s?.maxRssKB)];
    })));
    out.push('');
  }

  out.push('## Snippet latency (library API, warm process)');
  out.push('');
  if (snippets?.error) out.push(`**Not measured:** ${snippets.error}`);
  else if (snippets) {
    out.push(`\`createScanner()\` once (${fmtNum(snippets.coldMs, 0)} ms cold start: grammars, ${snippets.rules} rules), then \`scanner.scanText\` per snippet: the inference-time budget. Snippets are real code cut at a top-level definition (${snippets.sets.join('; ')}); ${snippets.summary['100']?.n ?? 0} calls per size.`);
    out.push('');
    const rows = [];
    for (const key of Object.keys(snippets.summary).sort((a, b) => parseInt(a) - parseInt(b) || a.length - b.length || (a < b ? -1 : 1))) {
      const s = snippets.summary[key];
      const [size, lang] = key.split('/');
      rows.push([size, lang ?? '**all**', s.n, fmtNum(s.p50, 2), fmtNum(s.p95, 2), fmtNum(s.p99, 2), fmtNum(s.max, 2)]);
    }
    out.push(table(['lines', 'language', 'calls', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'], rows));
  }
  out.push('');

  out.push('## Side by side with the tools users would pick instead');
  out.push('');
  out.push('Each tool runs on the same corpus folder, as a fresh process (wall time and peak RSS of the whole process, start-up included, through `/usr/bin/time`). "redpen is Nx faster" divides the peer\'s median wall time by redpen\'s full scan (recommended pack + secrets) with the same worker count.');
  out.push('');
  const peerRows = [];
  for (const c of real) {
    if (c.id === 'generated') continue;
    const keys = Object.keys(m[c.id] ?? {}).filter((k) => !k.startsWith('redpen'));
    for (const k of keys) {
      const [name, jobs] = k.split(' ');
      const e = m[c.id][k];
      const mine = get(m, c.id, `redpen ${['gitleaks', 'trufflehog', 'secretlint'].includes(name) ? 'secrets' : 'scan'} ${Number(jobs) === 1 && name !== 'secretlint' ? 1 : N}`);
      const versus = ok(e) && ok(mine) ? med(e.processMs) / med(mine.processMs) : null;
      const failedNote = ok(e) && e.failedRuns ? ` (${e.failedRuns} of ${e.runs} runs failed: ${e.errors.join('; ')})` : '';
      peerRows.push([c.id, `${PEER_TITLES[name] ?? name} ${peers[name]?.version ?? ''}`, Number(jobs) === 1 ? 1 : N, ok(e) ? secs(e.processMs) + failedNote : `**failed:** ${e.error}`, ok(e) ? fmtNum(med(e.processCpuMs) / 1000, 1) : '', ok(e) ? klps(c.lines / (med(e.processMs) / 1000)) : '', mib(e.maxRssKB), ok(e) ? fmtNum(e.findings) : '', ok(e) ? fmtNum(e.parseErrors ?? 0) : '', versus === null ? 'n/a' : `${x(versus)} (vs redpen ${['gitleaks', 'trufflehog', 'secretlint'].includes(name) ? 'secrets only' : 'full scan'})`]);
    }
    for (const j of [1, N]) {
      const r = get(m, c.id, `redpen scan ${j}`);
      if (ok(r)) peerRows.push([c.id, `**redpen ${meta.redpen}** (full scan, process)`, j, secs(r.processMs), fmtNum(med(r.processCpuMs) / 1000, 1), klps(c.lines / (med(r.processMs) / 1000)), mib(r.maxRssKB), fmtNum(r.findings), fmtNum(Object.values(r.errorsByKind ?? {}).reduce((a, b) => a + b, 0)), '1x']);
    }
    const rs = get(m, c.id, `redpen secrets ${N}`);
    if (ok(rs)) peerRows.push([c.id, `**redpen ${meta.redpen}** (secrets only, process)`, N, secs(rs.processMs), fmtNum(med(rs.processCpuMs) / 1000, 1), klps(c.lines / (med(rs.processMs) / 1000)), mib(rs.maxRssKB), fmtNum(rs.findings), '', '1x']);
  }
  out.push(table(['corpus', 'tool', 'workers', 'wall', 'CPU s', 'lines/s', 'peak RSS', 'findings', 'files not parsed / errors', 'redpen is … faster'], peerRows));
  out.push('');
  out.push('Peers and how they were installed:');
  out.push('');
  for (const [name, p] of Object.entries(peers)) {
    if (p.error) out.push(`- **${name}: not available.** ${p.error}`);
    else out.push(`- ${name} ${p.version}${p.reported && p.reported !== p.version ? ` (the binary reports "${p.reported}")` : ''}: ${p.source}${p.packages ? ` (${Object.entries(p.packages).map(([k, v]) => `${k} ${v}`).join(', ')})` : ''}.`);
  }
  const measuredPeers = new Set(Object.values(m).flatMap((e) => Object.keys(e).map((k) => k.split(' ')[0])));
  for (const [name, p] of Object.entries(peers)) if (!p.error && !measuredPeers.has(name)) out.push(`- **${name}: set up, but not measured in this run** (the run stopped before it).`);
  out.push("- Ruff natively: Debian's unstable `ruff` package needs glibc 2.39 (this system has Debian 12's 2.36) and PyPI is not reachable, so Ruff runs as its WebAssembly build from npm, one file at a time per worker thread; a native Ruff would be faster than these figures.");
  out.push('');

  out.push('## Findings per 100k lines on real-world code (false-alarm proxy)');
  out.push('');
  out.push('The standard library and popular npm packages are mostly safe code, so findings here are mostly noise (or deliberate uses). A rule with a high rate here is a candidate for fixing or for the opt-in `audit` pack.');
  out.push('');
  for (const c of real.filter((r) => r.id !== 'generated')) {
    const tools = [['redpen', get(m, c.id, 'redpen scan 1')], ...Object.keys(m[c.id] ?? {}).filter((k) => !k.startsWith('redpen') && (k.endsWith(' 1') || !m[c.id][`${k.split(' ')[0]} 1`])).map((k) => [k.split(' ')[0], m[c.id][k]])];
    for (const [name, e] of tools) {
      if (!ok(e) || !e.byRule) continue;
      const entries = Object.entries(e.byRule).sort((a, b) => b[1] - a[1]);
      const total = entries.reduce((a, [, n]) => a + n, 0);
      out.push(`**${c.id}, ${name}**: ${fmtNum(total)} findings, ${fmtNum((total / c.lines) * 1e5, 1)} per 100k lines${entries.length > 15 ? ` (top 15 of ${entries.length} rules)` : ''}.`);
      out.push('');
      if (entries.length) {
        out.push(table(['rule', 'findings', 'per 100k lines'], entries.slice(0, 15).map(([r, n]) => [r, fmtNum(n), fmtNum((n / c.lines) * 1e5, 2)])));
        out.push('');
      }
    }
  }

  for (const p of plugins) {
    out.push(`## ${p.title ?? p.name}`);
    out.push('');
    out.push(`_From the plug-in \`${p.file}\`._`);
    out.push('');
    // a plug-in's own headings sit below its section heading
    out.push(p.error ? `**Plug-in failed:** ${p.error}` : p.markdown.trim().replace(/^(#{1,5}) /gm, '#$1 '));
    out.push('');
  }

  out.push('## Set-up problems');
  out.push('');
  out.push(problems.length ? problems.map((p) => `- ${p}`).join('\n') : 'None: every corpus, peer and plug-in ran.');
  out.push('');

  out.push('## Closing notes');
  out.push('');
  const missed = goals.filter((g) => g.status !== 'met');
  out.push(missed.length ? `Goals missed or not measured: ${missed.map((g) => `${g.goal} (${g.status}${g.detail ? `: ${g.detail}` : ''})`).join('; ')}.` : 'Every goal was met in this run.');
  out.push('');
  if (results.notes) out.push(results.notes.trim(), '');
  return redactPaths(out.join('\n'));
}
