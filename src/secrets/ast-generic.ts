/**
 * Generic secrets in Python, JavaScript and TypeScript found through the lowered syntax tree:
 * the tree says which name a literal is bound to, whatever the casing or syntax (assignment,
 * dict key, keyword argument, object property, class field, parameter default, JSX
 * attribute, comparison), which environment variable it is the fallback of, and which
 * credential parameter of a client or crypto call it reaches.
 */
import { nodeText, type Node, type Tree } from '../core/ast.js';
import { languageById } from '../languages/index.js';
import { genericSecret } from './generic.js';
import { classifyName, nameWords, type NameClass } from './names.js';
import type { RawSecret } from './types.js';

interface Literal {
  start: number;
  end: number;
  value: string;
}

/** Calls whose positional arguments are credentials: callee (dotted, matched at the end) and argument index. */
const CREDENTIAL_ARGS: { callee: RegExp; arg: number; cls: NameClass; what: string }[] = [
  { callee: /(^|\.)jwt\.(encode|decode|sign|verify)$/, arg: 1, cls: { kind: 'secret', strong: true }, what: 'the JWT signing key' },
  { callee: /(^|\.)hmac\.(new|HMAC|digest)$/, arg: 0, cls: { kind: 'key', strong: true }, what: 'the HMAC key' },
  { callee: /(^|\.)create(Hmac|Cipheriv|Decipheriv)$/, arg: 1, cls: { kind: 'key', strong: true }, what: 'the key' },
  { callee: /(^|\.)(HTTPBasicAuth|HTTPDigestAuth|HTTPProxyAuth|BasicAuth|DigestAuth|BasicAuthentication)$/, arg: 1, cls: { kind: 'password', strong: true }, what: 'the password' },
  { callee: /(^|\.)(login|simple_bind_s|simple_bind|bind_s|starttls_login)$/, arg: 1, cls: { kind: 'password', strong: true }, what: 'the password of login()' },
  { callee: /(^|\.)(FTP|FTP_TLS)$/, arg: 2, cls: { kind: 'password', strong: true }, what: 'the FTP password' },
  { callee: /(^|\.)Sequelize$/, arg: 2, cls: { kind: 'password', strong: true }, what: 'the database password' },
  { callee: /(^|\.)(pymssql|pymysql|MySQLdb)\.connect$/, arg: 2, cls: { kind: 'password', strong: true }, what: 'the database password' },
  { callee: /(^|\.)Fernet$/, arg: 0, cls: { kind: 'key', strong: true }, what: 'the Fernet key' },
  { callee: /(^|\.)AES\.new$/, arg: 0, cls: { kind: 'key', strong: true }, what: 'the AES key' },
];

/** Environment reads that take a default: the default is a hard-coded fallback secret. */
const ENV_GET = /^(os\.getenv|getenv|os\.environ\.get|environ\.get|os\.environ\.setdefault|environ\.setdefault|config|env|env\.str|decouple\.config|Deno\.env\.get)$/;
const SETTER = /^(set|with|use|update|configure)$/;

export function astGeneric(tree: Tree): RawSecret[] {
  const out: RawSecret[] = [];
  const lang = languageById(tree.language);
  const text = tree.text;

  const literal = (node: Node | undefined): Literal | null => {
    if (!node) return null;
    if (node.type === 'string' || node.type === 'template_string') {
      const info = lang.stringInfo(node, text);
      if (!info || info.interpolated) return null;
      if (node.type === 'string' && tree.language === 'python') {
        const first = node.children[0];
        const last = node.children[node.children.length - 1];
        if (!first || !last || first.type !== 'string_start') return null;
        return { start: first.end, end: last.start, value: info.value };
      }
      return { start: node.start + 1, end: node.end - 1, value: info.value };
    }
    // `x or "default"`, `x || "default"`, `x ?? "default"`: the fallback literal
    if ((node.type === 'boolean_operator' && node.op === 'or') || (node.type === 'binary_expression' && (node.op === '||' || node.op === '??'))) {
      return literal(node.get('right'));
    }
    if (node.type === 'as_expression' || node.type === 'satisfies_expression' || node.type === 'non_null_expression') return literal(node.children[0]);
    return null;
  };

  const nameOf = (node: Node | undefined): string | null => {
    if (!node) return null;
    switch (node.type) {
      case 'identifier':
      case 'property_identifier':
      case 'shorthand_property_identifier':
      case 'private_property_identifier':
      case 'type_identifier':
        return nodeText(tree, node);
      case 'attribute':
        return nameOf(node.get('attribute'));
      case 'member_expression':
        return nameOf(node.get('property'));
      case 'subscript':
        return literal(node.get('subscript'))?.value ?? null;
      case 'subscript_expression':
        return literal(node.get('index'))?.value ?? null;
      case 'string':
        return literal(node)?.value ?? null;
      default:
        return null;
    }
  };

  const report = (name: string | null, valueNode: Node | undefined, how: (n: string) => string, forced?: NameClass) => {
    if (name === null || name.length > 80) return;
    const lit = literal(valueNode);
    if (!lit) return;
    const r = genericSecret(lit, name, how(name), forced);
    if (r) out.push(r);
  };
  const assigned = (n: string) => `assigned to \`${n}\``;

  /** The environment variable a read names: os.getenv("X"), process.env.X, process.env["X"]. */
  const envName = (node: Node | undefined): string | null => {
    if (!node) return null;
    if (node.type === 'call') {
      const fn = node.get('function');
      if (!fn || !ENV_GET.test(compact(fn))) return null;
      const arg = positional(node)[0];
      return literal(arg)?.value ?? null;
    }
    if (node.type === 'member_expression' || node.type === 'subscript_expression') {
      const obj = compact(node.get('object') ?? node);
      if (!/^(process\.env|import\.meta\.env)$/.test(obj)) return null;
      return node.type === 'member_expression' ? nameOf(node.get('property')) : (literal(node.get('index'))?.value ?? null);
    }
    if (node.type === 'call_expression') {
      const fn = node.get('function');
      if (!fn || !ENV_GET.test(compact(fn))) return null;
      return literal(positional(node)[0])?.value ?? null;
    }
    return null;
  };

  const compact = (node: Node): string => {
    const t = text.slice(node.start, Math.min(node.end, node.start + 200));
    return t.replace(/\s+/g, '');
  };

  const positional = (call: Node): Node[] => {
    const args = call.get('arguments');
    if (!args) return [];
    return args.children.filter((c) => c.type !== 'keyword_argument' && c.type !== 'comment');
  };

  const keyword = (call: Node, name: string): Node | undefined => {
    const args = call.get('arguments');
    for (const c of args?.children ?? []) if (c.type === 'keyword_argument' && nodeText(tree, c.get('name') ?? c) === name) return c.get('value');
    return undefined;
  };

  for (const node of tree.nodes) {
    switch (node.type) {
      // ---- bindings: name = literal
      case 'assignment': // python
      case 'assignment_expression': // js
      case 'augmented_assignment': {
        const left = node.get('left');
        const right = node.get('right');
        if (left?.type === 'pattern_list' || left?.type === 'tuple_pattern' || left?.type === 'tuple') {
          const rights = right?.children ?? [];
          left.children.forEach((l, i) => report(nameOf(l), rights[i], assigned));
        } else report(nameOf(left), right, assigned);
        break;
      }
      case 'variable_declarator':
        report(nameOf(node.get('name')), node.get('value'), assigned);
        break;
      case 'keyword_argument': {
        const name = nameOf(node.get('name'));
        const value = node.get('value');
        // requests-style auth=("user", "password")
        if (name && /^(auth|http_auth|basic_auth|proxy_auth|credentials)$/i.test(name) && (value?.type === 'tuple' || value?.type === 'list') && value.children.length === 2) {
          report(name, value.children[1], (n) => `passed as the password in \`${n}=(user, password)\``, { kind: 'password', strong: true });
        } else report(name, value, (n) => `passed as \`${n}=\``);
        break;
      }
      case 'pair': {
        const key = node.get('key');
        report(key?.type === 'property_identifier' ? nodeText(tree, key) : nameOf(key), node.get('value'), (n) => `stored under the key \`${n}\``);
        break;
      }
      case 'default_parameter':
      case 'typed_default_parameter':
        report(nameOf(node.get('name')), node.get('value'), (n) => `as the default of parameter \`${n}\``);
        break;
      case 'required_parameter':
      case 'optional_parameter':
        report(nameOf(node.get('pattern')), node.get('value'), (n) => `as the default of parameter \`${n}\``);
        break;
      case 'assignment_pattern':
      case 'object_assignment_pattern':
        report(nameOf(node.get('left')), node.get('right'), (n) => `as the default of \`${n}\``);
        break;
      case 'public_field_definition':
      case 'field_definition':
        report(nameOf(node.get('name') ?? node.get('property')), node.get('value'), (n) => `as the initial value of field \`${n}\``);
        break;
      case 'jsx_attribute': {
        const [k, v] = node.children;
        report(k ? nodeText(tree, k) : null, v, (n) => `passed as the \`${n}\` prop`);
        break;
      }
      // ---- comparisons: if password == "..."
      case 'comparison_operator':
      case 'binary_expression': {
        if (node.type === 'binary_expression' && (node.op === '||' || node.op === '??')) {
          const env = envName(node.get('left'));
          if (env) report(env, node.get('right'), (n) => `as the fallback for environment variable \`${n}\``);
          break;
        }
        const op = node.op ?? '';
        if (node.type === 'binary_expression' && !/^[!=]==?$/.test(op)) break;
        const [a, b] = node.type === 'binary_expression' ? [node.get('left'), node.get('right')] : [node.children[0], node.children[1]];
        if (a && b) {
          const nameA = nameOf(a);
          if (nameA && a.type !== 'string') report(nameA, b, (n) => `compared with \`${n}\``);
          const nameB = nameOf(b);
          if (nameB && b.type !== 'string') report(nameB, a, (n) => `compared with \`${n}\``);
        }
        break;
      }
      case 'boolean_operator': {
        if (node.op !== 'or') break;
        const env = envName(node.get('left'));
        if (env) report(env, node.get('right'), (n) => `as the fallback for environment variable \`${n}\``);
        break;
      }
      // ---- calls: env defaults, credential parameters, setters
      case 'call':
      case 'call_expression':
      case 'new_expression': {
        const fn = node.get('function') ?? node.get('constructor');
        if (!fn) break;
        const callee = compact(fn);
        const args = positional(node);
        if (ENV_GET.test(callee)) {
          const env = literal(args[0])?.value;
          const dflt = args[1] ?? keyword(node, 'default');
          if (env) report(env, dflt, (n) => `as the default for environment variable \`${n}\``);
          break;
        }
        for (const c of CREDENTIAL_ARGS) {
          if (c.callee.test(callee)) report(callee, args[c.arg], () => `passed as ${c.what} of \`${callee}()\``, c.cls);
        }
        // setApiKey("..."), set_password("..."), withToken("...")
        const last = callee.split('.').pop() ?? '';
        const words = nameWords(last);
        if (words.length >= 2 && SETTER.test(words[0])) {
          const cls = classifyName(words.slice(1).join('_'));
          if (cls) report(last, args[0], () => `passed to \`${last}()\``, cls);
        }
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/** String literal content spans (for key=value analysis inside strings such as DSNs). */
export function stringSpans(tree: Tree): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (const t of ['string', 'template_string']) {
    for (const n of tree.byType.get(t) ?? []) spans.push({ start: n.start, end: n.end });
  }
  return spans.sort((a, b) => a.start - b.start);
}
