/**
 * Values that look like secrets but are not: placeholders and documented examples, references
 * to where the real value lives (environment, templates, secret managers, files), and data
 * that is random-looking for other reasons (UUIDs, hashes, base64 blobs, integrity strings).
 * Keeping these quiet is what makes the real findings worth reading.
 */
import { trivial } from './validators.js';

/** Whole values (lower case, separators removed) that are placeholders. */
const PLACEHOLDER_WORDS = new Set([
  'changeme', 'changeit', 'changethis', 'changemenow', 'replaceme', 'replacethis', 'password', 'passwd', 'secret',
  'secretkey', 'mysecret', 'mypassword', 'yourpassword', 'yoursecret', 'yourtoken', 'yourkey', 'yourapikey',
  'apikey', 'token', 'mytoken', 'accesstoken', 'authtoken', 'example', 'sample', 'dummy', 'fake', 'test', 'testing',
  'placeholder', 'redacted', 'removed', 'hidden', 'none', 'null', 'nil', 'undefined', 'empty', 'notset', 'unset',
  'todo', 'fixme', 'tbd', 'default', 'insert', 'enter', 'value', 'string', 'xxx', 'foo', 'bar', 'baz', 'foobar',
  'admin', 'root', 'user', 'guest', 'pass', 'pwd', 'qwerty', 'letmein', 'abc123', 'password123', 'password1',
  'secret123', 'test123', 'testpassword', 'testsecret', 'testtoken', 'testkey', 'notasecret', 'notarealkey',
  'notreal', 'invalid', 'sometoken', 'somesecret', 'somepassword', 'secretvalue', 'tokenvalue', 'keyvalue',
  'postgres', 'mysql', 'redis', 'mongo', 'sa', 'true', 'false', 'required', 'optional', 'private', 'public',
  'supersecret', 'topsecret', 'hunter2', 'devpassword', 'localpassword', 'changemeplease', 'secretpassword',
]);

/** Words that mark a value as an example when they appear inside it. */
const PLACEHOLDER_PARTS = /(example|sample|dummy|placeholder|changeme|change[_-]?me|your[_-]?(own[_-]?)?(api[_-]?)?(key|token|secret|password|pass)|replace[_-]?(me|with|this)|insert[_-]?(your|here)|put[_-]?your|enter[_-]?your|fake[_-]?(key|token|secret|password)|not[_-]?a[_-]?real|redacted|\bxxxx|xxxx\b|\*\*\*|\.\.\.|…|<[^>]{1,60}>|\$\{[^}]{0,80}\}|\{\{[^}]{0,80}\}\}|%\([^)]{1,40}\)s|%[sd]\b|\bINSERT\b|\bREPLACE\b)/i;

/** Documented example credentials (AWS's own, Stripe's docs, jwt.io) that must never fire. */
const DOCUMENTED_EXAMPLES = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  'AKIAI44QH8DHBEXAMPLE',
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
  'sk_test_BQokikJOvBiI2HlWgH4olfQ2',
  'your-256-bit-secret',
  // jwt.io's example token
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
]);

/** A value that stands for a secret rather than being one. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  if (DOCUMENTED_EXAMPLES.has(v)) return true;
  if (PLACEHOLDER_WORDS.has(v.toLowerCase().replace(/[\s_.\-]/g, ''))) return true;
  if (PLACEHOLDER_PARTS.test(v)) return true;
  // runs of one character (xxxxxxxx, 00000000, ********) and sequences (abcdef, 123456)
  if (/x{6,}|X{6,}|0{8,}|\*{3,}|#{4,}/.test(v)) return true;
  return trivial(v.replace(/[^A-Za-z0-9]/g, ''));
}

/** A value that names where the secret lives (environment, template, manager, file). */
export function isReference(value: string): boolean {
  const v = value.trim();
  return (
    /^(\$|%|@|&|\{\{|\$\{|<%|#\{|env[:.(]|process\.env|os\.environ|os\.getenv|getenv|vault:|secret:|arn:aws|ssm:|sm:\/\/|projects\/[^/]+\/secrets|azurekeyvault|keyvault:|op:\/\/|file:|\.{0,2}\/|~\/|[A-Za-z]:\\)/i.test(v) ||
    /^[A-Za-z_][\w-]*\.(pem|key|crt|cer|p12|pfx|json|txt|env|jks|keystore|ppk|pub|gpg|asc)$/i.test(v) ||
    /^(https?|wss?):\/\/[^@\s]*$/i.test(v) ||
    /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(v) || // an environment variable's name
    /^(var|local|module|data|each|self|vars|secrets|env|inputs|needs|steps|matrix|github|settings|config|params|values)\.[\w.\-]+$/.test(v) // HCL, Actions, Helm references
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(v: string): boolean {
  return UUID.test(v);
}

/** Hex digests of common hash sizes (md5, sha1, sha256, sha512) and git object ids. */
export function isHashLike(v: string): boolean {
  return [32, 40, 56, 64, 96, 128].includes(v.length) && (/^[0-9a-f]+$/.test(v) || /^[0-9A-F]+$/.test(v));
}

/** Subresource-integrity and lockfile hashes: sha512-<base64>, sha1-..., and data: URIs. */
export function isIntegrityOrData(v: string): boolean {
  return /^(sha(1|256|384|512)|md5)[-:][A-Za-z0-9+/=]{16,}$/i.test(v) || /^data:[\w/+.-]+;base64,/i.test(v);
}
