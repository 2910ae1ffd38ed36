/**
 * Semgrep pattern syntax is not valid code in every language (`$X` in Python, `foo(...)` in
 * JavaScript). Before a pattern is parsed with the language's own grammar, its operators are
 * replaced by identifiers that every grammar accepts; the compiler recognises them afterwards.
 * String literals are copied untouched: `"..."` inside quotes is a string operator handled by
 * the matcher, not an ellipsis.
 */

export const MV_PREFIX = '__RPMV_';
export const SEQ_PREFIX = '__RPSEQ_';
export const TYPED_PREFIX = '__RPTY_';
export const ELLIPSIS = '__RPELL';
export const DEEP = '__RPDEEP';

export interface Preprocessed {
  text: string;
  /** Typed metavariables: placeholder index -> declared type text. */
  types: string[];
}

const isIdStart = (c: string) => /[A-Za-z_$]/.test(c);
const isIdChar = (c: string) => /[A-Za-z0-9_$]/.test(c);

export function preprocessPattern(src: string, flavour: 'python' | 'js'): Preprocessed {
  const types: string[] = [];
  let s = src;
  if (flavour === 'js') {
    // typed metavariable: ($X : Type)  ->  __RPTY_X__0 (the type is trimmed below, not by `\s*`
    // around a lazy group, which rescanned long runs of spaces)
    s = s.replace(/\(\s*\$([A-Z_][A-Z0-9_]*)\s*:([^()]+)\)/g, (_m, name: string, type: string) => {
      types.push(type.trim());
      return `${TYPED_PREFIX}${name}__${types.length - 1}`;
    });
  }
  const dictBraces = findDictBraces(s, flavour);
  // open brackets: true for a `{` that holds `key: value` entries
  const brackets: boolean[] = [];
  let out = '';
  let i = 0;
  let deepDepth = 0;
  const n = s.length;
  while (i < n) {
    const c = s[i];
    // comments
    if ((flavour === 'python' && c === '#') || (flavour === 'js' && c === '/' && s[i + 1] === '/')) {
      const nl = s.indexOf('\n', i);
      const end = nl < 0 ? n : nl;
      out += s.slice(i, end);
      i = end;
      continue;
    }
    // strings
    if (c === '"' || c === "'" || (flavour === 'js' && c === '`')) {
      const end = skipString(s, i, flavour);
      if (c === '`') {
        // copy template text, but preprocess ${ ... } parts
        out += copyTemplate(s.slice(i, end), flavour);
      } else {
        out += s.slice(i, end);
      }
      i = end;
      continue;
    }
    if (c === '$' && s.startsWith('$...', i) && isIdStart(s[i + 4] ?? '')) {
      let j = i + 4;
      while (j < n && isIdChar(s[j])) j++;
      out += SEQ_PREFIX + s.slice(i + 4, j);
      i = j;
      continue;
    }
    if (c === '$' && /[A-Z_]/.test(s[i + 1] ?? '') && !isIdChar(s[i - 1] ?? ' ')) {
      let j = i + 1;
      while (j < n && /[A-Z0-9_]/.test(s[j])) j++;
      // `$Foo` is an ordinary identifier (jQuery style), not a metavariable
      if (j < n && isIdChar(s[j])) {
        out += c;
        i++;
        continue;
      }
      out += MV_PREFIX + s.slice(i + 1, j);
      i = j;
      continue;
    }
    if (c === '<' && s.startsWith('<...', i)) {
      out += `${DEEP}(`;
      deepDepth++;
      i += 4;
      continue;
    }
    if (c === '.' && s.startsWith('...', i)) {
      if (deepDepth > 0 && s[i + 3] === '>') {
        out += ')';
        deepDepth--;
        i += 4;
        continue;
      }
      const next = s[i + 3] ?? '';
      if (flavour === 'js' && (isIdStart(next) || next === '[' || next === '{' || next === '(')) {
        // spread / rest: ...args, ...$X
        out += '...';
        i += 3;
        continue;
      }
      // inside a dict/object literal, `...` stands for entries: give it entry shape
      out += brackets[brackets.length - 1] ? `${ELLIPSIS}: ${ELLIPSIS}` : ELLIPSIS;
      i += 3;
      continue;
    }
    if (c === '{') brackets.push(dictBraces.has(i));
    else if (c === '(' || c === '[') brackets.push(false);
    else if (c === '}' || c === ')' || c === ']') brackets.pop();
    out += c;
    i++;
  }
  return { text: out, types };
}

/** Offsets of `{` whose group holds a top-level `:` (a dict or object literal, not a block). */
function findDictBraces(s: string, flavour: 'python' | 'js'): Set<number> {
  const out = new Set<number>();
  const stack: { pos: number; brace: boolean; colon: boolean; semicolon: boolean }[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '"' || c === "'" || (flavour === 'js' && c === '`')) {
      i = skipString(s, i, flavour);
      continue;
    }
    if (c === '{' || c === '(' || c === '[') stack.push({ pos: i, brace: c === '{', colon: false, semicolon: false });
    else if (c === '}' || c === ')' || c === ']') {
      const top = stack.pop();
      if (top && top.brace && top.colon && !top.semicolon) out.add(top.pos);
    } else if (c === ':' && stack.length > 0) stack[stack.length - 1].colon = true;
    // a `;` at the top of a brace group makes it a block of statements
    else if (c === ';' && stack.length > 0) stack[stack.length - 1].semicolon = true;
    i++;
  }
  return out;
}

function skipString(s: string, i: number, flavour: 'python' | 'js'): number {
  const q = s[i];
  const triple = flavour === 'python' && s.startsWith(q.repeat(3), i);
  const close = triple ? q.repeat(3) : q;
  let j = i + close.length;
  while (j < s.length) {
    if (s[j] === '\\') {
      j += 2;
      continue;
    }
    if (q === '`' && s[j] === '$' && s[j + 1] === '{') {
      // skip the embedded expression, balancing braces
      let depth = 1;
      j += 2;
      while (j < s.length && depth > 0) {
        if (s[j] === '{') depth++;
        else if (s[j] === '}') depth--;
        else if (s[j] === '`' || s[j] === '"' || s[j] === "'") {
          j = skipString(s, j, flavour);
          continue;
        }
        j++;
      }
      continue;
    }
    if (s.startsWith(close, j)) return j + close.length;
    if (!triple && q !== '`' && s[j] === '\n') return j; // unterminated: stop at line end
    j++;
  }
  return s.length;
}

/** Preprocess the `${ }` parts of a template literal; keep its text parts. */
function copyTemplate(t: string, flavour: 'python' | 'js'): string {
  let out = '';
  let i = 0;
  while (i < t.length) {
    if (t[i] === '\\') {
      out += t.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (t[i] === '$' && t[i + 1] === '{') {
      let depth = 1;
      let j = i + 2;
      while (j < t.length && depth > 0) {
        if (t[j] === '{') depth++;
        else if (t[j] === '}') depth--;
        if (depth > 0) j++;
      }
      out += '${' + preprocessPattern(t.slice(i + 2, j), flavour).text + '}';
      i = j + 1;
      continue;
    }
    out += t[i];
    i++;
  }
  return out;
}
