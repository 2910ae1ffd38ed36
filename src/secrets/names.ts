/**
 * What a name says about the value it holds. `db_password`, `dbPassword`, `DB-PASSWORD`,
 * `config["db.password"]` all split into the same words; the last word decides what the
 * name holds (`password_reset_url` holds a URL, `api_key` holds a key).
 */

export type SecretKind = 'password' | 'secret' | 'token' | 'key' | 'credential';

export interface NameClass {
  kind: SecretKind;
  /** Strong names (password, secret, token, api key) need less evidence from the value. */
  strong: boolean;
}

/** Split an identifier or key into lower-case words across every casing convention. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Last words that make the name about something other than the secret itself. */
const NOT_THE_VALUE = new Set([
  'name', 'names', 'id', 'ids', 'url', 'uri', 'urls', 'path', 'file', 'filename', 'dir', 'field', 'fields', 'label', 'type',
  'length', 'len', 'size', 'count', 'env', 'var', 'variable', 'pattern', 'regex', 're', 'prompt', 'placeholder', 'hint',
  'message', 'msg', 'error', 'errors', 'policy', 'expiry', 'expires', 'expiration', 'exp', 'ttl', 'timeout', 'hash',
  'hashed', 'digest', 'checksum', 'fingerprint', 'header', 'headers', 'prefix', 'suffix', 'format', 'template',
  'endpoint', 'host', 'hostname', 'port', 'user', 'username', 'email', 'provider', 'method', 'mode', 'strategy',
  'version', 'storage', 'store', 'cache', 'column', 'col', 'param', 'parameter', 'input', 'question', 'reset', 'validator',
  'rule', 'rules', 'min', 'max', 'enabled', 'disabled', 'required', 'attempts', 'changed', 'updated', 'at', 'date', 'time',
  'list', 'keys', 'tokens', 'secrets', 'passwords', 'limit', 'index', 'kind', 'class', 'mask', 'location', 'ref',
  'reference', 'arn', 'path', 'source', 'manager', 'service', 'generator', 'length', 'chars', 'charset', 'alphabet',
  'regexp', 'flag', 'option', 'options', 'help', 'description', 'desc', 'title', 'text', 'button', 'link', 'page',
  'route', 'view', 'form', 'class', 'icon', 'selector', 'xpath', 'css', 'id', 'event', 'action', 'schema', 'scope',
  'scopes', 'audience', 'issuer', 'algorithm', 'alg', 'encoding', 'usage', 'use', 'lifetime', 'rotation', 'status',
  'state', 'result', 'response', 'request', 'callback', 'handler', 'function', 'fn', 'func', 'type', 'bytes', 'bits',
  'entropy', 'salt', 'rounds', 'iterations', 'cost', 'strength', 'policy', 'hint', 'confirm', 'confirmation', 'label',
  'count', 'counter', 'table', 'collection', 'bucket', 'queue', 'topic', 'channel', 'region', 'zone', 'domain', 'path',
]);

/** Trailing words that do not change what the name holds (`secret_key_base`, `API_TOKEN_PROD`). */
const NEUTRAL_SUFFIX = new Set(['value', 'val', 'str', 'string', 'base', 'b64', 'base64', 'hex', 'raw', 'plain', 'plaintext', 'data', 'literal', 'dev', 'prod', 'production', 'live', 'staging', 'local', 'override', 'new', 'old', 'current', 'v1', 'v2', 'v3', '1', '2']);

/** Words that mark the value as public or a stand-in. */
const NOT_SECRET = new Set(['public', 'publishable', 'pub', 'example', 'sample', 'dummy', 'fake', 'mock', 'placeholder', 'csrf', 'xsrf', 'forgot', 'next', 'page', 'pagination', 'cursor', 'continuation', 'sort', 'partition', 'primary', 'foreign', 'unique', 'lookup', 'idempotency', 'cache', 'redis', 'storage', 'dict', 'map', 'query', 'range', 'hotkey', 'keyboard', 'keypress', 'keydown', 'keyup', 'monkey', 'turkey', 'whiskey', 'max', 'min', 'num', 'total']);

const PASSWORD_WORDS = /^(password|passwd|passwort|passphrase|passcode|pwd|pass|pw|pword|mdp|contrasena|senha)$|(password|passwd|passphrase|pwd)$/;
const SECRET_WORDS = /^(secret|secretkey|clientsecret|appsecret|apisecret)$|secret$/;
const TOKEN_WORDS = /^(token|accesstoken|authtoken|apitoken|bearer|jwt|refreshtoken|sessiontoken|oauthtoken|idtoken)$|token$/;
const PASS_CONTEXT = new Set(['db', 'database', 'smtp', 'mail', 'email', 'admin', 'root', 'user', 'ftp', 'sftp', 'ldap', 'redis', 'mysql', 'postgres', 'pg', 'sql', 'ssh', 'proxy', 'basic', 'api', 'app', 'service', 'account', 'login', 'wifi', 'vpn', 'rabbitmq', 'mongo', 'amqp', 'imap', 'keystore', 'truststore', 'store', 'key']);
const KEY_QUALIFIERS = new Set(['api', 'secret', 'private', 'access', 'auth', 'signing', 'sign', 'encryption', 'encrypt', 'decrypt', 'crypto', 'cipher', 'client', 'master', 'app', 'application', 'account', 'license', 'licence', 'subscription', 'consumer', 'shared', 'hmac', 'jwt', 'session', 'webhook', 'service', 'admin', 'server', 'write', 'read', 'ingest', 'sdk', 'deploy', 'ssh', 'aes', 'rsa', 'security', 'x', 'openai', 'anthropic', 'stripe', 'google', 'aws', 'azure', 'gcp', 'mapbox', 'sendgrid', 'mailgun', 'slack', 'github', 'gitlab', 'hf', 'cohere', 'mistral', 'groq']);

/** Classify a name; null when it does not name a secret. */
export function classifyName(name: string): NameClass | null {
  const words = nameWords(name);
  while (words.length > 1 && NEUTRAL_SUFFIX.has(words[words.length - 1])) words.pop();
  if (words.length === 0 || words.length > 8) return null;
  if (words.some((w) => NOT_SECRET.has(w))) return null;
  const last = words[words.length - 1];
  if (NOT_THE_VALUE.has(last)) return null;
  const joined = words.join('');
  if (/apikey$|apikeys?$|^xapikey$|accesskey$|secretkey$|privatekey$|signingkey$|encryptionkey$|masterkey$|clientkey$|licensekey$|subscriptionkey$/.test(joined) && last !== 'keys') {
    return { kind: 'key', strong: true };
  }
  if (PASSWORD_WORDS.test(last)) {
    // `pass` and `pw` are often something else (allPass, firstPass): strong only after a service word
    const short = last === 'pass' || last === 'pw';
    return { kind: 'password', strong: !short || (words.length > 1 && PASS_CONTEXT.has(words[words.length - 2])) };
  }
  if (SECRET_WORDS.test(last)) return { kind: 'secret', strong: true };
  if (TOKEN_WORDS.test(last)) return { kind: 'token', strong: true };
  if (last === 'credential' || last === 'credentials' || last === 'creds' || last === 'auth' || last === 'authorization' || last === 'authentication') {
    return { kind: 'credential', strong: words.length > 1 || last !== 'auth' };
  }
  if (last === 'key' || last === 'apikey') {
    if (words.length === 1) return { kind: 'key', strong: false };
    const before = words[words.length - 2];
    if (KEY_QUALIFIERS.has(before)) return { kind: 'key', strong: true };
    // password_key, token_key: the name of where a secret is stored
    if (PASSWORD_WORDS.test(before) || TOKEN_WORDS.test(before)) return null;
    return { kind: 'key', strong: false };
  }
  // dsn, connection strings: their passwords are found by the URL detectors
  return null;
}
