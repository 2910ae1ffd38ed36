/**
 * The conformance suite every language plug-in passes: detection, parsing, lowering
 * invariants, import aliasing, string literals and pattern parsing.
 */
import { describe, expect, it } from 'vitest';
import { walk, type Node, type Tree } from '../../src/core/ast.js';
import { compilePattern } from '../../src/engine/pattern/compile.js';
import { detectLanguage, LANGUAGES, sniffLanguage } from '../../src/languages/index.js';
import { loadLanguage, parseText, ParseFailure } from '../../src/languages/treesitter.js';
import type { LanguageSupport } from '../../src/languages/types.js';

interface Sample {
  code: string;
  /** local name -> canonical path expected from imports */
  imports: Record<string, string[]>;
  pattern: string;
  /** a snippet the sniffer must attribute to this language */
  sniff?: string;
}

const samples: Record<string, Sample> = {
  python: {
    code: 'import subprocess as sp\nfrom os import path as p, system\nx = (1 + 2)\ns = f"a{x}b"\nsp.call(["ls"], shell=False)\n',
    imports: { sp: ['subprocess'], p: ['os', 'path'], system: ['os', 'system'] },
    pattern: 'sp.call($X, ...)',
    sniff: 'def handler(request):\n    if request.method == "POST":\n        return None\n',
  },
  javascript: {
    code: 'const cp = require("child_process");\nimport { readFile as rf } from "node:fs";\nconst x = (1 + 2);\nconst s = `a${x}b`;\ncp.exec("ls");\n',
    imports: { cp: ['child_process'], rf: ['fs', 'readFile'] },
    pattern: 'cp.exec($X, ...)',
    sniff: 'const express = require("express");\nconst app = express();\napp.get("/", (req, res) => res.send("ok"));\n',
  },
  typescript: {
    code: 'import * as cp from "child_process";\nimport { readFile as rf } from "fs";\nconst x: number = (1 + 2);\nconst s = `a${x}b`;\ncp.exec("ls");\n',
    imports: { cp: ['child_process'], rf: ['fs', 'readFile'] },
    pattern: 'cp.exec($X, ...)',
    sniff: 'interface User { name: string }\nexport function greet(u: User): string {\n  return u.name;\n}\n',
  },
  tsx: {
    code: 'import cp from "child_process";\nimport { readFile as rf } from "fs";\nconst x = (1 + 2);\nconst s = `a${x}b`;\nexport const C = () => <div>{s}</div>;\ncp.exec("ls");\n',
    imports: { cp: ['child_process'], rf: ['fs', 'readFile'] },
    pattern: 'cp.exec($X, ...)',
  },
};

function checkInvariants(tree: Tree): void {
  let count = 0;
  walk(tree.root, (n: Node) => {
    expect(tree.nodes[n.id]).toBe(n);
    expect(n.id).toBe(count++);
    expect(n.type).not.toBe('parenthesized_expression');
    for (const c of n.children) {
      expect(c.parent).toBe(n);
      expect(c.start).toBeGreaterThanOrEqual(n.start);
      expect(c.end).toBeLessThanOrEqual(n.end);
    }
    if (n.children.length === 0) expect(n.text).toBe(tree.text.slice(n.start, n.end));
  });
  expect(count).toBe(tree.nodes.length);
  for (const [type, list] of tree.byType) for (const n of list) expect(n.type).toBe(type);
}

for (const support of LANGUAGES as LanguageSupport[]) {
  const sample = samples[support.id];
  describe(`language conformance: ${support.id}`, () => {
    it('loads its grammar', async () => {
      await loadLanguage(support);
    });
    it('is detected from its extensions', () => {
      for (const ext of support.extensions) expect(detectLanguage(`a/b${ext}`, '')).toBe(support.id);
    });
    it('is detected from a shebang', () => {
      for (const i of support.interpreters) expect(detectLanguage('script', `#!/usr/bin/env ${i}\n`)).toBe(support.id);
    });
    if (sample.sniff) {
      it('is recognised from content', () => expect(sniffLanguage(sample.sniff!)).toBe(support.id));
    }
    it('parses and lowers with the tree invariants', async () => {
      await loadLanguage(support);
      const tree = parseText(support.id, sample.code);
      expect(tree.errors).toEqual([]);
      checkInvariants(tree);
    });
    it('keeps comments aside', async () => {
      await loadLanguage(support);
      const c = support.lineComment[0];
      const tree = parseText(support.id, `${c} note\nx = 1\n`);
      expect(tree.comments.map((x) => x.text)).toEqual([`${c} note`]);
    });
    it('resolves import aliases', async () => {
      await loadLanguage(support);
      const map = support.imports(parseText(support.id, sample.code));
      for (const [name, path] of Object.entries(sample.imports)) expect(map.get(name)).toEqual(path);
    });
    it('describes string literals', async () => {
      await loadLanguage(support);
      const tree = parseText(support.id, sample.code);
      const strings = [...support.stringTypes].flatMap((t) => tree.byType.get(t) ?? []);
      const infos = strings.map((s) => support.stringInfo(s, tree.text)!);
      expect(infos.some((i) => i.interpolated)).toBe(true);
      expect(infos.some((i) => !i.interpolated && i.value === 'ls')).toBe(true);
    });
    it('parses patterns', async () => {
      await loadLanguage(support);
      const p = compilePattern(sample.pattern, support.id);
      expect(p.kind).toBe('expr');
      expect(p.metavars).toContain('$X');
    });
    it('reports a parse past its deadline as a timeout, and deep nesting as nesting', async () => {
      await loadLanguage(support);
      const big = 'x = [' + '1, '.repeat(200_000) + ']\n';
      expect(() => parseText(support.id, big, { timeoutMs: 0.001 })).toThrow(ParseFailure);
      const deep = 'x = ' + '['.repeat(3000) + ']'.repeat(3000) + '\n';
      try {
        parseText(support.id, deep, { maxDepth: 500 });
        expect.unreachable();
      } catch (e) {
        expect((e as ParseFailure).kind).toBe('nesting');
      }
    });
  });
}
