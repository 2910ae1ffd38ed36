/**
 * Scoring findings against the labelled lines of the generated-style corpus (bench/corpus).
 *
 * Labels are trailing comments on the line where the problem is (or, in the fixed twin,
 * where it was): `# bench: vuln CWE-89` / `// bench: safe CWE-89` (also inside JSX
 * `{/* ... *\/}`). A finding covers a label when its line range contains the labelled line.
 * A vulnerable label covered is a detection; a safe label covered is a false alarm. Findings
 * on no labelled line are counted apart ("unlabelled"), not scored: a twin may hold other
 * real problems.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';

const MARKER = /(?:#|\/\/|\/\*)\s*bench:\s*(vuln|safe)\s+((?:CWE-\d+[\s,]*)+)/;

/** Labels of one file's text: [{ line, kind: 'vuln' | 'safe', cwes }]. */
export function labelsOf(text) {
  const out = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = MARKER.exec(lines[i]);
    if (m) out.push({ line: i + 1, kind: m[1], cwes: m[2].match(/CWE-\d+/g) });
  }
  return out;
}

/** Every label of the corpus folder, keyed by relative path. */
export async function corpusLabels(dir, files) {
  const labels = [];
  for (const f of files) {
    for (const l of labelsOf(await fsp.readFile(path.join(dir, f), 'utf8'))) labels.push({ path: f, ...l });
  }
  return labels;
}

/**
 * Score one tool's findings ([{ path, line, endLine?, ruleId, cwe? }]) against the labels.
 * `cweMatch` additionally requires one of the label's CWEs among the finding's.
 */
export function score(labels, findings, { cweMatch = false } = {}) {
  const byPath = new Map();
  for (const f of findings) {
    if (!byPath.has(f.path)) byPath.set(f.path, []);
    byPath.get(f.path).push(f);
  }
  const covers = (f, l) => f.line <= l.line && l.line <= (f.endLine ?? f.line) && (!cweMatch || (f.cwe ?? []).some((c) => l.cwes.includes(normaliseCwe(c))));
  let tp = 0;
  let fn = 0;
  let fp = 0;
  let tn = 0;
  const used = new Set();
  const missed = [];
  const alarms = [];
  for (const l of labels) {
    const hit = (byPath.get(l.path) ?? []).filter((f) => covers(f, l));
    hit.forEach((f) => used.add(f));
    if (l.kind === 'vuln') {
      if (hit.length) tp++;
      else {
        fn++;
        missed.push(`${l.path}:${l.line} ${l.cwes.join(' ')}`);
      }
    } else if (hit.length) {
      fp++;
      alarms.push(`${l.path}:${l.line} ${hit.map((f) => f.ruleId).join(', ')}`);
    } else tn++;
  }
  const unlabelled = findings.filter((f) => !used.has(f) && !labels.some((l) => l.path === f.path && f.line <= l.line && l.line <= (f.endLine ?? f.line))).length;
  return {
    vulnerable: tp + fn,
    safe: fp + tn,
    detected: tp,
    falseAlarms: fp,
    recall: tp + fn ? tp / (tp + fn) : null,
    precision: tp + fp ? tp / (tp + fp) : null,
    unlabelled,
    missed,
    alarms,
  };
}

/** "CWE-89: Improper ..." and "CWE-89" both become "CWE-89". */
export function normaliseCwe(c) {
  return /CWE-\d+/.exec(String(c))?.[0] ?? String(c);
}
