/**
 * The regexes in redpen's own sources, for the hardening tests: every regex literal and every
 * `RegExp(...)`/`new RegExp(...)` call, found with the TypeScript parser (not a text search).
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface SourceRegex {
  /** Path relative to the repository, with `/`. */
  file: string;
  line: number;
  /** The pattern, when it is written out (a literal, or a call with a string literal). */
  source?: string;
  flags: string;
  /** A call whose pattern is computed: the argument's text. */
  dynamic?: string;
}

const ROOT = path.resolve(import.meta.dirname, '..', '..');

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out.sort();
}

export function sourceRegexes(under = 'src'): SourceRegex[] {
  const out: SourceRegex[] = [];
  for (const abs of tsFiles(path.join(ROOT, under))) {
    const file = path.relative(ROOT, abs).split(path.sep).join('/');
    const sf = ts.createSourceFile(abs, fs.readFileSync(abs, 'utf8'), ts.ScriptTarget.Latest, true);
    const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
    const visit = (n: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(n)) {
        const slash = n.text.lastIndexOf('/');
        out.push({ file, line: lineOf(n), source: n.text.slice(1, slash), flags: n.text.slice(slash + 1) });
      } else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') {
        const [pat, flags] = n.arguments ?? [];
        const flagText = flags && ts.isStringLiteralLike(flags) ? flags.text : '';
        if (pat && ts.isStringLiteralLike(pat)) out.push({ file, line: lineOf(n), source: pat.text, flags: flagText });
        else out.push({ file, line: lineOf(n), flags: flagText, dynamic: pat?.getText(sf) ?? '' });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}
