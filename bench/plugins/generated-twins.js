/**
 * Plug-in: detection and false alarms on the generated-style corpus (vulnerable and fixed
 * twins, labelled lines; see bench/corpus/README.md), for redpen and the code-scanning peers
 * on the same files in the same run.
 */
import path from 'node:path';
import { listFiles, fmtNum } from '../lib/util.js';
import { corpusLabels, score } from '../lib/twins.js';
import { runBandit, runEslint, runRuff } from '../lib/peer-runs.js';

const pct = (v) => (v === null || v === undefined ? 'n/a' : `${fmtNum(v * 100, 0)}%`);

export default {
  name: 'generated-twins',
  title: 'Generated-style programs: detection and false alarms on labelled twins',
  async run(ctx) {
    const corpus = ctx.corpora.generated;
    if (!corpus || corpus.error) throw new Error(`the generated corpus is not available: ${corpus?.error ?? 'missing'}`);
    const files = await listFiles(corpus.dir);
    const labels = await corpusLabels(corpus.dir, files);
    const langOf = (p) => (p.endsWith('.py') ? 'python' : 'javascript/typescript');
    const rows = [];
    const json = { labels: labels.length, tools: {} };

    const { scan } = await import(path.join(ctx.redpen.dist, 'api.js'));
    const res = await scan({ paths: ['.'] }, { cwd: corpus.dir, secrets: true, jobs: 1 });
    const mine = res.findings.map((f) => ({ path: f.location.path, line: f.location.start.line, endLine: f.location.end.line, ruleId: f.ruleId, cwe: f.cwe }));
    const tools = [['redpen', mine, null], ['redpen (CWE must match)', mine, { cweMatch: true }]];

    for (const [name, f] of [
      ['bandit', (p) => runBandit(p, corpus, { keep: true })],
      ['ruff', (p) => runRuff(p, corpus, 1, { keep: true })],
      ['eslint', (p) => runEslint(p, corpus, 1, { keep: true })],
    ]) {
      const peer = ctx.peers[name];
      if (!peer || peer.error) {
        json.tools[name] = { error: peer?.error ?? 'not set up' };
        continue;
      }
      const r = await f(peer);
      if (r.error) json.tools[name] = { error: r.error };
      else tools.push([`${name} ${peer.version}`, r.locations, null]);
    }

    for (const [name, findings, opts] of tools) {
      for (const lang of ['python', 'javascript/typescript']) {
        const ls = labels.filter((l) => langOf(l.path) === lang);
        const fs = findings.filter((f) => langOf(f.path) === lang);
        // a peer that reads only one language is not scored on the other
        if ((name.startsWith('bandit') || name.startsWith('ruff')) && lang !== 'python') continue;
        if (name.startsWith('eslint') && lang === 'python') continue;
        const s = score(ls, fs, opts ?? {});
        json.tools[name] ??= {};
        json.tools[name][lang] = s;
        rows.push([name, lang, `${s.detected}/${s.vulnerable}`, pct(s.recall), `${s.falseAlarms}/${s.safe}`, pct(s.precision), s.unlabelled]);
      }
    }
    for (const [name, v] of Object.entries(json.tools)) if (v.error) rows.push([name, '—', '—', '—', '—', '—', `not run: ${v.error}`]);

    const table = [
      '| tool | language | vulnerable lines found | recall | fixed lines flagged | precision | findings on unlabelled lines |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...rows.map((r) => `| ${r.join(' | ')} |`),
    ].join('\n');
    const redpenMissed = json.tools.redpen
      ? Object.values(json.tools.redpen).flatMap((s) => s.missed)
      : [];
    const markdown = [
      `${files.length} programs (${labels.filter((l) => l.kind === 'vuln').length} labelled vulnerable lines, ${labels.filter((l) => l.kind === 'safe').length} labelled fixed lines). A tool detects a labelled line when one of its findings covers it; a finding on a fixed twin's labelled line is a false alarm. This starter corpus is small: read it as a smoke test of coverage, not as a precision/recall estimate.`,
      '',
      table,
      '',
      redpenMissed.length ? `redpen missed: ${redpenMissed.map((m) => `\`${m}\``).join(', ')}.` : 'redpen found every labelled vulnerable line.',
    ].join('\n');
    return { markdown, json };
  },
};
