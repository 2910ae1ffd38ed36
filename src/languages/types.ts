/**
 * What a language plug-in provides. Every language passes the shared conformance suite
 * (test/languages/conformance.test.ts): detection, parsing, lowering invariants, import
 * aliasing and pattern parsing.
 */
import type { Node, Tree } from '../core/ast.js';
import type { LanguageId } from '../core/types.js';

export interface LanguageSupport {
  id: LanguageId;
  /** Names accepted in a rule's `languages:` (lower case). */
  aliases: string[];
  /** File extensions with the dot, lower case. */
  extensions: string[];
  /** Interpreter names recognised in a `#!` line. */
  interpreters: string[];
  /**
   * Package and file name of the grammar's .wasm (shipped inside the grammar package), and
   * its node-types.json (which named types are leaves: the lowering skips looking inside them).
   */
  grammar: { pkg: string; file: string; nodeTypes: string };
  /** Node types that are transparent wrappers (unwrapped when they hold one child). */
  unwrap: ReadonlySet<string>;
  /** Leaf types that name things; compared by text, bindable to the same metavariable. */
  identifierTypes: ReadonlySet<string>;
  /** String literal types (their content is computed into Node.text-like `value`). */
  stringTypes: ReadonlySet<string>;
  /** Comment node type(s). */
  commentTypes: ReadonlySet<string>;
  /** Line comment prefixes used by suppression and test annotations. */
  lineComment: string[];
  /**
   * Local names bound by imports to their canonical dotted path:
   * `import subprocess as sp` gives sp -> ['subprocess'];
   * `const { exec } = require('child_process')` gives exec -> ['child_process', 'exec'].
   */
  imports(tree: Tree): Map<string, string[]>;
  /** Score how likely `text` is this language (content sniffing for stdin and snippets). */
  sniff(text: string): number;
  /** Information about a string literal node: its raw content and whether it interpolates. */
  stringInfo(node: Node, text: string): StringInfo | null;
}

export interface StringInfo {
  /** Raw content between the quotes (escape sequences not decoded). */
  value: string;
  /** Holds interpolations (f-string, template literal with ${}). */
  interpolated: boolean;
  /** Prefix letters for Python (f, r, b, u), '`' for template literals. */
  prefix: string;
}
