import type { Node, Tree } from '../../core/ast.js';
import type { LanguageSupport, StringInfo } from '../types.js';

function dotted(node: Node | undefined, text: string): string[] | null {
  if (!node) return null;
  if (node.type === 'dotted_name') {
    return node.children.filter((c) => c.type === 'identifier').map((c) => c.text ?? text.slice(c.start, c.end));
  }
  if (node.type === 'identifier') return [node.text ?? text.slice(node.start, node.end)];
  return null;
}

function imports(tree: Tree): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const { text } = tree;
  for (const stmt of tree.byType.get('import_statement') ?? []) {
    for (const c of stmt.children) {
      if (c.type === 'aliased_import') {
        const path = dotted(c.get('name'), text);
        const alias = c.get('alias');
        if (path && alias) map.set(alias.text ?? '', path);
      } else if (c.type === 'dotted_name') {
        // `import os.path` binds `os`, which is already its own canonical name
        const path = dotted(c, text);
        if (path && path.length > 0 && !map.has(path[0])) map.set(path[0], [path[0]]);
      }
    }
  }
  for (const stmt of tree.byType.get('import_from_statement') ?? []) {
    const modNode = stmt.get('module_name');
    if (!modNode || modNode.type === 'relative_import') {
      // relative imports name project files, not libraries: keep the local name as is
      const rel = modNode ? text.slice(modNode.start, modNode.end) : '';
      for (const c of stmt.getAll('name')) {
        const name = c.type === 'aliased_import' ? dotted(c.get('name'), text) : dotted(c, text);
        const local = c.type === 'aliased_import' ? c.get('alias')?.text : name?.[name.length - 1];
        if (name && local) map.set(local, [rel, ...name]);
      }
      continue;
    }
    const mod = dotted(modNode, text);
    if (!mod) continue;
    for (const c of stmt.getAll('name')) {
      if (c.type === 'aliased_import') {
        const name = dotted(c.get('name'), text);
        const alias = c.get('alias');
        if (name && alias) map.set(alias.text ?? '', [...mod, ...name]);
      } else {
        const name = dotted(c, text);
        if (name) map.set(name[name.length - 1], [...mod, ...name]);
      }
    }
  }
  return map;
}

function stringInfo(node: Node, text: string): StringInfo | null {
  if (node.type === 'concatenated_string') {
    let value = '';
    let interpolated = false;
    let prefix = '';
    for (const c of node.children) {
      const info = stringInfo(c, text);
      if (!info) continue;
      value += info.value;
      interpolated ||= info.interpolated;
      prefix ||= info.prefix;
    }
    return { value, interpolated, prefix };
  }
  if (node.type !== 'string') return null;
  const first = node.children[0];
  const last = node.children[node.children.length - 1];
  if (!first || first.type !== 'string_start' || !last || last.type !== 'string_end') {
    return { value: text.slice(node.start, node.end), interpolated: false, prefix: '' };
  }
  const startText = first.text ?? '';
  const prefix = startText.replace(/["']/g, '').toLowerCase();
  const interpolated = node.children.some((c) => c.type === 'interpolation');
  return { value: text.slice(first.end, last.start), interpolated, prefix };
}

// Sniffing sees untrusted text: indentation is `[ \t]*`, not `\s*` (which ran across blank
// lines from every line start), and a line's rest is `.*` (which stops at every line end `^`
// knows) ending in `:` (a `def` line's `(...)` and `-> T` parts were ambiguous with each
// other: cubic on a long line).
const SNIFF: [RegExp, number][] = [
  [/^[ \t]*def \w+[ \t]*\(.*:[ \t]*$/m, 4],
  [/^[ \t]*(?:from [\w.]+ )?import [\w., ]+$/m, 2],
  [/^[ \t]*class \w+(?:\(.*\))?:[ \t]*$/m, 3],
  [/^[ \t]*(?:if|elif|while|for|with|try|except)\b.*:[ \t]*$/m, 2],
  [/\bself\.\w/, 2],
  [/\b(None|True|False)\b/, 1],
  [/^[ \t]*@\w[\w.]*(?:\(.*\))?[ \t]*$/m, 1],
  [/\bprint\(/, 1],
  [/\bf["']/, 1],
  [/^#!.*python/, 10],
];

export const python: LanguageSupport = {
  id: 'python',
  aliases: ['python', 'py', 'python3', 'python2'],
  extensions: ['.py', '.pyw', '.pyi'],
  interpreters: ['python', 'python3', 'python2', 'pypy', 'pypy3'],
  grammar: { pkg: 'tree-sitter-python', file: 'tree-sitter-python.wasm', nodeTypes: 'src/node-types.json' },
  // `with f() as name` / `except E as name`: the target is the name itself, for patterns and taint
  unwrap: new Set(['parenthesized_expression', 'as_pattern_target']),
  identifierTypes: new Set(['identifier']),
  stringTypes: new Set(['string', 'concatenated_string']),
  commentTypes: new Set(['comment']),
  lineComment: ['#'],
  imports,
  sniff(text) {
    let score = 0;
    for (const [re, w] of SNIFF) if (re.test(text)) score += w;
    // semicolons and braces at line ends are rare in Python
    if (/[;{]\s*$/m.test(text)) score -= 2;
    return score;
  },
  stringInfo,
};
