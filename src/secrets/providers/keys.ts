/** Database connection strings with passwords, and private keys. */
import type { RawSecret, SecretSpec } from '../types.js';
import { bech32Valid, crc24, decodeBase64, derSequence } from '../validators.js';
import { prefixed } from './build.js';

/**
 * Password part of a URL: anything up to `@` except whitespace, quotes and `/`. The user may be
 * empty (`redis://:password@host`, Redis before ACLs).
 */
const URL_CREDS = '(?:[^:@\\s/"\'`<>{}]{0,64}):([^@\\s"\'`<>]{1,128})@[A-Za-z0-9_.\\-\\[\\]:%]{1,200}';

/** Documentation hosts (RFC 2606 and common stand-ins): credentials there are examples. */
const EXAMPLE_HOST = /@(?:[\w-]{1,63}\.)*(?:example\.(?:com|org|net)|[\w-]{1,63}\.(?:example|test|invalid)|host(?:name)?|your[\w.-]{0,40}|domain\.com|server)(?![\w.-])/i;

/** The URL's password part (group 1 of the match) is real enough and its host is not a stand-in. */
const urlValid = (min: number) => (password: string, match: string) => password.length >= min && !EXAMPLE_HOST.test(match);

const dbUrl = (id: string, name: string, schemes: string[], revoke?: string): SecretSpec => ({
  id,
  name,
  family: 'database',
  keywords: schemes.map((s) => `${s}://`),
  regex: new RegExp(`(?:${schemes.map((s) => s.replace(/[+.]/g, '\\$&')).join('|')})://${URL_CREDS}`, 'i'),
  boundary: true,
  validate: urlValid(4),
  severity: 'critical',
  confidence: 'high',
  revoke: revoke ?? 'change the database user’s password and read the URL from an environment variable',
});

const PEM_BEGIN = /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP |SSH2 ENCRYPTED )?PRIVATE KEY(?: BLOCK)?)-----/y;

/**
 * PEM private key blocks, also inside string literals and JSON (where newlines are `\n`
 * escapes). The body must decode: DER for PKCS#1/PKCS#8/SEC1, `openssh-key-v1` for OpenSSH,
 * and the CRC-24 armour checksum for PGP.
 */
const findPem: SecretSpec['find'] = ({ text, hits }) => {
  const out: RawSecret[] = [];
  // next END marker per label, searched forward only: linear however many BEGINs there are
  const nextEnd = new Map<string, number>();
  for (const h of hits) {
    PEM_BEGIN.lastIndex = h;
    const m = PEM_BEGIN.exec(text);
    if (!m) continue;
    const label = m[1];
    const endMarker = `-----END ${label}-----`;
    let end = nextEnd.get(label);
    if (end === undefined || (end !== -1 && end < h)) {
      end = text.indexOf(endMarker, h + m[0].length);
      nextEnd.set(label, end);
    }
    if (end < 0 || end - h > 20_000) continue;
    const block = text.slice(h, end + endMarker.length);
    const inner = text.slice(h + m[0].length, end);
    const validated = pemBodyValid(label, inner);
    if (validated === null) continue;
    out.push({ spec: PRIVATE_KEY_SPEC, start: h, end: end + endMarker.length, value: block, validated, context: label.toLowerCase(), severity: label.includes('ENCRYPTED') ? 'medium' : undefined, priority: validated ? 4 : 3 });
  }
  return out;
};

/** null: not a key (placeholder or undecodable body); true: decodes as expected; false: plausible, unchecked. */
export function pemBodyValid(label: string, inner: string): boolean | null {
  // unescape code/JSON string forms: "\n", "\r\n", '" +' line joins
  let body = inner.replace(/\\r|\\n/g, '\n').replace(/["'`]\s{0,4}\+?\s{0,4}\n?\s{0,4}["'`]?/g, '\n');
  const lines = body.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  // armour headers (Proc-Type, DEK-Info, Comment, Version) come before a blank line
  const data = lines.filter((l) => !/^[A-Za-z-]+: /.test(l));
  let checksum: string | null = null;
  if (label.startsWith('PGP') && data.length > 0 && /^=[A-Za-z0-9+/]{4}$/.test(data[data.length - 1])) checksum = data.pop()!.slice(1);
  body = data.join('');
  if (body.length < 40 || /(.)\1{9,}/.test(body) || /x{4,}|\.\.\.|…|<|\*{3}/i.test(body)) return null;
  if (!/^[A-Za-z0-9+/=]+$/.test(body)) return null;
  const buf = decodeBase64(body);
  if (!buf) return null;
  if (label.startsWith('PGP')) {
    // the armour checksum is optional since RFC 9580; without it, a long body is enough
    if (!checksum) return buf.length >= 100 ? false : null;
    const want = decodeBase64(checksum);
    return want !== null && want.length === 3 && want.readUIntBE(0, 3) === crc24(buf) ? true : null;
  }
  if (label.startsWith('OPENSSH')) return buf.subarray(0, 15).toString('latin1') === 'openssh-key-v1\u0000' ? true : null;
  if (label.startsWith('SSH2')) return buf.length >= 100 ? false : null;
  return derSequence(buf) ? true : null;
}

const PRIVATE_KEY_SPEC: SecretSpec = {
  id: 'private-key',
  name: 'Private key',
  family: 'private-key',
  keywords: ['-----begin '],
  find: findPem,
  severity: 'critical',
  confidence: 'high',
  revoke: 'treat the key as compromised: replace it (new key pair, new certificate), remove the old public key wherever it is trusted, and load keys from a file outside the repository or a secret manager',
};

export const DATABASE: SecretSpec[] = [
  dbUrl('postgres-url', 'PostgreSQL connection URL with password', ['postgres', 'postgresql', 'postgresql+psycopg2', 'postgresql+asyncpg', 'postgresql+psycopg', 'postgis', 'cockroachdb', 'redshift']),
  dbUrl('mysql-url', 'MySQL / MariaDB connection URL with password', ['mysql', 'mysql+pymysql', 'mysql+mysqldb', 'mysql+aiomysql', 'mysqlx', 'mariadb']),
  dbUrl('mongodb-url', 'MongoDB connection URL with password', ['mongodb', 'mongodb+srv']),
  dbUrl('redis-url', 'Redis connection URL with password', ['redis', 'rediss']),
  dbUrl('amqp-url', 'AMQP (RabbitMQ) URL with password', ['amqp', 'amqps']),
  dbUrl('mssql-url', 'SQL Server connection URL with password', ['mssql', 'mssql+pyodbc', 'mssql+pymssql', 'sqlserver']),
  dbUrl('oracle-url', 'Oracle connection URL with password', ['oracle', 'oracle+cx_oracle', 'oracle+oracledb']),
  dbUrl('clickhouse-url', 'ClickHouse connection URL with password', ['clickhouse', 'clickhouse+native', 'clickhouse+http']),
  dbUrl('neo4j-url', 'Neo4j connection URL with password', ['neo4j', 'neo4j+s', 'bolt']),
  dbUrl('snowflake-url', 'Snowflake connection URL with password', ['snowflake']),
  dbUrl('couchdb-url', 'CouchDB URL with password', ['couchdb']),
  dbUrl('nats-url', 'NATS / Kafka / MQTT URL with password', ['nats', 'mqtt', 'mqtts', 'kafka']),
  {
    id: 'jdbc-password',
    name: 'JDBC URL with password',
    family: 'database',
    keywords: ['jdbc:'],
    regex: /jdbc:[a-z0-9]{2,20}:[^\s"'`<>]{0,200}?[?&;:]password=([^&;\s"'`<>]{1,128})/i,
    boundary: true,
    severity: 'critical',
    confidence: 'high',
  },
  {
    id: 'ado-connection-string',
    name: 'Connection string with password (ADO.NET / ODBC)',
    family: 'database',
    keywords: ['password=', 'pwd='],
    regex: /(?:server|data source|host|address|uid|user id|username)\s{0,2}=[^;"'`\r\n]{1,200};[^"'`\r\n]{0,300}?(?:password|pwd)=([^;"'`\s<>]{1,128})/i,
    before: 520,
    after: 140,
    severity: 'critical',
    confidence: 'high',
    minEntropy: 1.5,
  },
  {
    id: 'url-credentials',
    name: 'URL with embedded password',
    family: 'database',
    keywords: ['://'],
    regex: new RegExp(`(?<![A-Za-z0-9+.\\-])(?:https?|ftps?|sftp|smtps?|imaps?|pop3s?|ldaps?|ssh|git|svn|socks5h?|webdav|rtsp)://${URL_CREDS}`, 'i'),
    before: 10,
    after: 420,
    validate: urlValid(6),
    severity: 'high',
    confidence: 'medium',
    minEntropy: 1.5,
  },
  prefixed('netrc-password', '.netrc password', 'database', 'machine ', '[A-Za-z0-9.\\-]{1,200}\\s{1,8}login\\s{1,8}[^\\s]{1,100}\\s{1,8}password\\s{1,8}([^\\s]{1,128})', 'high', { boundary: true, tail: '^\\s' }),
];

export const PRIVATE_KEYS: SecretSpec[] = [
  PRIVATE_KEY_SPEC,
  {
    id: 'putty-private-key',
    name: 'PuTTY private key',
    family: 'private-key',
    keywords: ['putty-user-key-file-'],
    regex: /PuTTY-User-Key-File-[23]: [a-z0-9-]{3,40}\r?\nEncryption: [a-z0-9-]{3,20}\r?\nComment: [^\r\n]{0,200}\r?\nPublic-Lines: \d{1,3}\r?\n[A-Za-z0-9+/=\r\n]{40,4000}?Private-Lines: \d{1,3}\r?\n([A-Za-z0-9+/=\r\n]{40,8000}?)\r?\nPrivate-MAC: [0-9a-f]{40,64}/,
    severity: 'critical',
    confidence: 'high',
  },
  prefixed('age-secret-key', 'age encryption secret key', 'private-key', 'AGE-SECRET-KEY-1', '[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}', 'critical', {
    validate: bech32Valid,
    structural: true,
  }),
];
