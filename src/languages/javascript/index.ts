/**
 * JavaScript, TypeScript and TSX share one lowering: the TypeScript grammars extend the
 * JavaScript one and keep its node types, so patterns and models written for one apply to all.
 */
import type { Node, Tree } from '../../core/ast.js';
import type { LanguageId } from '../../core/types.js';
import type { LanguageSupport, StringInfo } from '../types.js';

/** `node:fs` and `fs` are the same module. */
export function normaliseModule(name: string): string {
  return name.startsWith('node:') ? name.slice(5) : name;
}

function stringValue(node: Node | undefined, text: string): string | null {
  if (!node || node.type !== 'string') return null;
  return text.slice(node.start + 1, node.end - 1);
}

/** `require('m')` -> 'm' */
export function requiredModule(node: Node | undefined, text: string): string | null {
  if (!node || node.type !== 'call_expression') return null;
  const fn = node.get('function');
  if (!fn || fn.type !== 'identifier' || fn.text !== 'require') return null;
  const args = node.get('arguments');
  if (!args || args.children.length !== 1) return null;
  const m = stringValue(args.children[0], text);
  return m === null ? null : normaliseModule(m);
}

/** The module path an initializer denotes: require('m'), require('m').x, await import('m'). */
function modulePathOf(value: Node | undefined, text: string): string[] | null {
  if (!value) return null;
  if (value.type === 'await_expression') return modulePathOf(value.children[0], text);
  const req = requiredModule(value, text);
  if (req !== null) return [req];
  if (value.type === 'call_expression' && value.get('function')?.type === 'import') {
    const m = stringValue(value.get('arguments')?.children[0], text);
    return m === null ? null : [normaliseModule(m)];
  }
  if (value.type === 'member_expression') {
    const obj = modulePathOf(value.get('object'), text);
    const prop = value.get('property');
    if (obj && prop) return [...obj, prop.text ?? ''];
  }
  return null;
}

function bindPattern(pattern: Node, path: string[], map: Map<string, string[]>): void {
  if (pattern.type === 'identifier') {
    map.set(pattern.text ?? '', path);
  } else if (pattern.type === 'object_pattern') {
    for (const p of pattern.children) {
      if (p.type === 'shorthand_property_identifier_pattern') {
        map.set(p.text ?? '', [...path, p.text ?? '']);
      } else if (p.type === 'pair_pattern') {
        const key = p.get('key');
        const value = p.get('value');
        if (key && value && (key.type === 'property_identifier' || key.type === 'string')) {
          const k = key.type === 'string' ? (key.children[0]?.text ?? '') : (key.text ?? '');
          bindPattern(value, [...path, k], map);
        }
      } else if (p.type === 'object_assignment_pattern') {
        const left = p.get('left');
        if (left?.type === 'shorthand_property_identifier_pattern') map.set(left.text ?? '', [...path, left.text ?? '']);
      }
    }
  }
}

function imports(tree: Tree): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const { text } = tree;
  for (const stmt of tree.byType.get('import_statement') ?? []) {
    const source = stringValue(stmt.get('source'), text);
    if (source === null) continue;
    const mod = normaliseModule(source);
    const clause = stmt.children.find((c) => c.type === 'import_clause');
    if (!clause) continue;
    for (const c of clause.children) {
      if (c.type === 'identifier') {
        map.set(c.text ?? '', [mod]);
      } else if (c.type === 'namespace_import') {
        const id = c.children.find((x) => x.type === 'identifier');
        if (id) map.set(id.text ?? '', [mod]);
      } else if (c.type === 'named_imports') {
        for (const spec of c.children) {
          if (spec.type !== 'import_specifier') continue;
          const name = spec.get('name');
          const alias = spec.get('alias');
          const imported = name?.type === 'string' ? stringValue(name, text) : name?.text;
          if (!imported) continue;
          const local = alias?.text ?? imported;
          map.set(local, imported === 'default' ? [mod] : [mod, imported]);
        }
      }
    }
  }
  for (const decl of tree.byType.get('variable_declarator') ?? []) {
    const path = modulePathOf(decl.get('value'), text);
    const name = decl.get('name');
    if (path && name) bindPattern(name, path, map);
  }
  return map;
}

function stringInfo(node: Node, text: string): StringInfo | null {
  if (node.type === 'string') {
    return { value: text.slice(node.start + 1, node.end - 1), interpolated: false, prefix: '' };
  }
  if (node.type === 'template_string') {
    const interpolated = node.children.some((c) => c.type === 'template_substitution');
    return { value: text.slice(node.start + 1, node.end - 1), interpolated, prefix: '`' };
  }
  return null;
}

// Sniffing sees untrusted text (stdin, snippets, model answers): indentation is `[ \t]*`, not
// `\s*` (which ran across blank lines from every line start), and no two quantifiers in a row
// can take the same characters.
const JS_SNIFF: [RegExp, number][] = [
  [/^[ \t]*(?:const|let|var)[ \t][\w${}[\], \t]*=/m, 3],
  [/\bfunction(?:\s+\w+)?\s*\(/, 3],
  [/=>\s*[{(\w]/, 2],
  [/\brequire\(\s*['"]/, 3],
  [/^[ \t]*(?:import[ \t].*[ \t]from[ \t]+['"]|export\s)/m, 3],
  [/\bconsole\.\w+\(/, 2],
  [/===|!==/, 2],
  [/;\s*$/m, 1],
  [/^#!.*\bnode\b/, 10],
];
const TS_SNIFF: [RegExp, number][] = [
  [/^[ \t]*(?:export[ \t]+)?(?:interface|type)[ \t]+\w/m, 4],
  [/\b(const|let|var)\s+\w+\s*:\s*[\w<>[\]|]+\s*=/, 3],
  [/\)\s*:\s*(string|number|boolean|void|Promise<)/, 3],
  [/\b(private|public|readonly|protected)\s+\w+/, 2],
  [/\bas\s+(string|number|any|unknown)\b/, 2],
  [/^[ \t]*import[ \t]+type[ \t]/m, 3],
];
const JSX_SNIFF = /<([A-Z]\w*|div|span|p|a|button|form|input|ul|li|h[1-6])[\s>/]/;

function score(table: [RegExp, number][], text: string): number {
  let s = 0;
  for (const [re, w] of table) if (re.test(text)) s += w;
  return s;
}

function make(id: LanguageId, extras: Partial<LanguageSupport>): LanguageSupport {
  return {
    id,
    aliases: [],
    extensions: [],
    interpreters: [],
    grammar: { pkg: 'tree-sitter-javascript', file: 'tree-sitter-javascript.wasm', nodeTypes: 'src/node-types.json' },
    unwrap: new Set(['parenthesized_expression']),
    identifierTypes: new Set([
      'identifier',
      'property_identifier',
      'shorthand_property_identifier',
      'shorthand_property_identifier_pattern',
      'private_property_identifier',
      'type_identifier',
      'statement_identifier',
    ]),
    stringTypes: new Set(['string', 'template_string']),
    commentTypes: new Set(['comment', 'html_comment']),
    lineComment: ['//'],
    imports,
    sniff: () => 0,
    stringInfo,
    ...extras,
  };
}

export const javascript = make('javascript', {
  aliases: ['javascript', 'js', 'jsx', 'node'],
  extensions: ['.js', '.mjs', '.cjs', '.jsx'],
  interpreters: ['node', 'nodejs', 'deno', 'bun'],
  sniff: (text) => score(JS_SNIFF, text) + (JSX_SNIFF.test(text) ? 1 : 0) - score(TS_SNIFF, text),
});

export const typescript = make('typescript', {
  aliases: ['typescript', 'ts'],
  extensions: ['.ts', '.mts', '.cts'],
  interpreters: ['ts-node', 'tsx'],
  grammar: { pkg: 'tree-sitter-typescript', file: 'tree-sitter-typescript.wasm', nodeTypes: 'typescript/src/node-types.json' },
  sniff: (text) => score(JS_SNIFF, text) + score(TS_SNIFF, text) - (JSX_SNIFF.test(text) ? 2 : 0),
});

export const tsx = make('tsx', {
  aliases: ['tsx'],
  extensions: ['.tsx'],
  grammar: { pkg: 'tree-sitter-typescript', file: 'tree-sitter-tsx.wasm', nodeTypes: 'tsx/src/node-types.json' },
  sniff: (text) =>
    JSX_SNIFF.test(text) ? score(JS_SNIFF, text) + score(TS_SNIFF, text) + 3 : 0,
});
