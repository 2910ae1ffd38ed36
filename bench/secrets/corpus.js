/**
 * The labelled secrets corpus: planted fakes in real formats (right prefix, length, alphabet
 * and checksum; generated here, so they belong to no account) across the file types secrets
 * hide in, beside realistic negatives (placeholders, references, hashes, lockfile integrity
 * strings, UUIDs, public keys, minified code, look-alike names).
 *
 * The corpus is written on demand (never committed: a repository full of live-looking keys
 * trips every scanner that reads it). Labels are computed from the written files: each planted
 * value's first line (and last line, for multi-line keys) in its file.
 */
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'secrets', 'validators.js');

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const ALNUM = UPPER + LOWER + DIGITS;
const HEX = '0123456789abcdef';
const URLSAFE = `${ALNUM}_-`;
const B64 = `${ALNUM}+/`;

function generator(seed) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
  const rand = (n, alphabet = ALNUM) => Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
  return { next, rand, hex: (n) => rand(n, HEX) };
}

/**
 * Every file of the corpus: [path, content, plants]. A plant is [value, family, positive,
 * what]; `positive: false` marks a negative that imitates that family.
 */
function files(v, g) {
  const { rand, hex } = g;
  const P = (value, family, what) => [value, family, true, what];
  const N = (value, family, what) => [value, family, false, what];
  // passwords and keys with no format of their own, made here so this file holds none
  const W = Array.from({ length: 24 }, (_, i) => `${rand(2, UPPER)}${rand(1, DIGITS)}${rand(i % 3 === 0 ? 17 : 9, ALNUM)}`);
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  const gh = (prefix) => v.withCrc32Base62(prefix, rand(30));
  const b64url = (x) => Buffer.from(x).toString('base64url');
  const jwt = (payload) => `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}.${rand(43, URLSAFE)}`;
  const awsId = `AKIA${rand(16, `${UPPER}234567`)}`;
  const awsSecret = rand(40, B64);
  const awsId2 = `AKIA${rand(16, `${UPPER}234567`)}`;
  const awsSecret2 = rand(40, B64);
  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const pkcs8 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const ec = generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString();
  const ed = generateKeyPairSync('ed25519');
  const pubPem = ed.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const openssh = `-----BEGIN OPENSSH PRIVATE KEY-----\n${Buffer.concat([Buffer.from('openssh-key-v1\0'), Buffer.from(rand(300))]).toString('base64').match(/.{1,70}/g).join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;
  const pgpData = Buffer.from(rand(240));
  const crc = Buffer.alloc(3);
  crc.writeUIntBE(v.crc24(pgpData), 0, 3);
  const pgp = `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${pgpData.toString('base64').match(/.{1,64}/g).join('\n')}\n=${crc.toString('base64')}\n-----END PGP PRIVATE KEY BLOCK-----\n`;
  const age = v.bech32Encode('AGE-SECRET-KEY-', Array.from({ length: 52 }, () => Math.floor(g.next() * 32))).toUpperCase();
  const pypiMac = Buffer.concat([Buffer.from([2, 1, 8]), Buffer.from('pypi.org'), Buffer.from([2, 0x25]), Buffer.from(`{"permissions": "user", "version": 1}${rand(40)}`)]);
  const pypi = `pypi-${pypiMac.toString('base64url')}`;
  const discordBot = `${Buffer.from(`1${rand(17, DIGITS)}`).toString('base64').replace(/=+$/, '')}.${rand(6, URLSAFE)}.${rand(38, URLSAFE)}`;
  const openaiKey = `sk-proj-${rand(74, URLSAFE)}T3BlbkFJ${rand(74, URLSAFE)}`;
  const openaiOut = `sk-proj-${rand(74, URLSAFE)}T3BlbkFJ${rand(74, URLSAFE)}`;
  const hfOut = `hf_${rand(34, UPPER + LOWER)}`;
  const anthropic = `sk-ant-api03-${rand(93, URLSAFE)}AA`;
  const stripe = `sk_live_${rand(99)}`;
  const sa = {
    type: 'service_account',
    project_id: 'analytics-prod-4711',
    private_key_id: hex(40),
    private_key: pkcs8,
    client_email: 'etl-runner@analytics-prod-4711.iam.gserviceaccount.com',
    client_id: rand(21, DIGITS),
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: 'https://oauth2.googleapis.com/token',
  };
  const saText = JSON.stringify(sa, null, 2);
  const notebook = (cells) => JSON.stringify({ cells, metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } }, nbformat: 4, nbformat_minor: 5 }, null, 1);
  const dockerAuth = Buffer.from(`ci-bot:${rand(16)}`).toString('base64');
  const minified = `!function(e){var t={};${Array.from({ length: 300 }, (_, i) => `t.k${i}={key:"${rand(24)}",token:"${rand(32, HEX)}",id:"${uuid()}"}`).join(';')}}(window);`;

  return [
    // ------------------------------------------------------------------ Python
    ['services/billing/app.py', `import os\nimport stripe\nimport requests\n\nstripe.api_key = "${stripe}"\nSLACK_BOT_TOKEN = "xoxb-${rand(11, DIGITS)}-${rand(13, DIGITS)}-${rand(24)}"\nDB_PASSWORD = "${W[0]}"\nHEADERS = {"Authorization": f"Bearer {os.environ['API_TOKEN']}"}\nclient = requests.Session()\nclient.auth = ("billing", os.environ["BILLING_PASSWORD"])\nMAX_TOKENS = 512\ntoken_type = "bearer"\npassword_field = "password"\n`, [
      P(stripe, 'payments', 'stripe live key'),
      P('xoxb-', 'messaging', 'slack bot token'),
      P(W[0], 'generic', 'password constant'),
      N("os.environ['API_TOKEN']", 'generic', 'env reference in f-string'),
      N('os.environ["BILLING_PASSWORD"]', 'generic', 'env reference'),
      N('token_type = "bearer"', 'generic', 'token type word'),
      N('password_field = "password"', 'generic', 'field name'),
    ]],
    ['services/ingest/aws.py', `import boto3\n\nAWS_ACCESS_KEY_ID = "${awsId}"\nAWS_SECRET_ACCESS_KEY = "${awsSecret}"\n\ns3 = boto3.client("s3", aws_access_key_id=AWS_ACCESS_KEY_ID, aws_secret_access_key=AWS_SECRET_ACCESS_KEY)\n# documented example keys, do not fire\nEXAMPLE_ID = "AKIAIOSFODNN7EXAMPLE"\nEXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"\nROLE_ARN = "arn:aws:iam::123456789012:role/ingest"\n`, [
      P(awsId, 'cloud', 'aws key id'),
      P(awsSecret, 'cloud', 'aws secret'),
      N('AKIAIOSFODNN7EXAMPLE', 'cloud', 'aws documented example id'),
      N('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'cloud', 'aws documented example secret'),
      N('arn:aws:iam::123456789012:role/ingest', 'cloud', 'role arn'),
    ]],
    ['services/ml/llm.py', `from openai import OpenAI\nimport anthropic\nimport google.generativeai as genai\n\nclient = OpenAI(api_key="${openaiKey}")\nclaude = anthropic.Anthropic(api_key=os.getenv("ANTHROPIC_API_KEY", "${anthropic}"))\ngenai.configure(api_key="AIza${rand(35, URLSAFE)}")\nco = cohere.Client(os.environ["COHERE_API_KEY"])\ntokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")\nmodel_id = "${uuid()}"\n`, [
      P(openaiKey, 'ai', 'openai key as kwarg'),
      P(anthropic, 'ai', 'anthropic key as env default'),
      P('AIza', 'ai', 'gemini key'),
      N('os.environ["COHERE_API_KEY"]', 'ai', 'env reference'),
      N('"bert-base-uncased"', 'ai', 'tokenizer name'),
      N('model_id', 'generic', 'model uuid'),
    ]],
    ['services/ml/settings.py', `import os\n\nDATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "app", "USER": "app", "PASSWORD": "${W[1]}", "HOST": "db"}}\nSECRET_KEY = "django-insecure-${rand(50, LOWER + DIGITS + '!@#%^&*(-_=+)')}"\nEMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")\nSESSION_COOKIE_NAME = "sessionid"\nPASSWORD_RESET_TIMEOUT = 259200\nAUTH_PASSWORD_VALIDATORS = [{"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"}]\n`, [
      P(W[1], 'generic', 'django db password'),
      P('django-insecure-', 'generic', 'django secret key'),
      N('os.environ.get("EMAIL_HOST_PASSWORD", "")', 'generic', 'empty default'),
      N('"django.contrib.auth.password_validation.MinimumLengthValidator"', 'generic', 'validator name'),
    ]],
    ['tools/deploy.py', `import paramiko, smtplib, jwt\n\nssh = paramiko.SSHClient()\nssh.connect("10.0.4.2", username="deploy", password="${W[2]}")\nserver = smtplib.SMTP("smtp.example.com", 587)\nserver.login("alerts@example.com", "${W[3]}")\ntoken = jwt.encode({"sub": "deploy"}, "${W[4]}", algorithm="HS256")\nDB_URL = "postgresql+psycopg2://etl:${W[5]}@warehouse.internal:5432/dw"\nFALLBACK_URL = "postgresql://user:password@localhost:5432/dev"\n`, [
      P(W[2], 'generic', 'paramiko password kwarg'),
      P(W[3], 'generic', 'smtp login password'),
      P(W[4], 'generic', 'jwt signing key'),
      P(W[5], 'database', 'sqlalchemy url'),
      N('postgresql://user:password@localhost:5432/dev', 'database', 'placeholder url'),
    ]],
    ['tests/test_payments.py', `import pytest\n\nTEST_PASSWORD = "test"\nFAKE_TOKEN = "fake-token"\n\ndef test_login(client):\n    client.login(username="alice", password="not-a-real-password")\n    assert client.get("/").status_code == 200\n`, [
      N('TEST_PASSWORD = "test"', 'generic', 'test placeholder'),
      N('"fake-token"', 'generic', 'fake token'),
      N('"not-a-real-password"', 'generic', 'fake password'),
    ]],
    // ------------------------------------------------------------------ JavaScript / TypeScript
    ['web/src/api.ts', `import Stripe from 'stripe';\nimport { Octokit } from '@octokit/rest';\n\nconst octokit = new Octokit({ auth: '${gh('ghp_')}' });\nexport const sendgridKey = 'SG.${rand(22, URLSAFE)}.${rand(43, URLSAFE)}';\nconst webhook = 'https://hooks.slack.com/services/T${rand(10, UPPER + DIGITS)}/B${rand(10, UPPER + DIGITS)}/${rand(24)}';\nconst apiKey = process.env.OPENAI_API_KEY ?? '';\nconst stripePk = 'pk_live_${rand(24)}';\nexport const config = { apiUrl: 'https://api.example.com', timeout: 3000, apiKeyHeader: 'X-API-Key' };\n`, [
      P('ghp_', 'code-hosting', 'github pat in octokit'),
      P('SG.', 'messaging', 'sendgrid key'),
      P('hooks.slack.com', 'messaging', 'slack webhook'),
      N('process.env.OPENAI_API_KEY', 'ai', 'env reference'),
      N('pk_live_', 'payments', 'stripe publishable key'),
      N("apiKeyHeader: 'X-API-Key'", 'generic', 'header name'),
    ]],
    ['web/src/db.js', `const { Pool } = require('pg');\nconst mongoose = require('mongoose');\n\nconst pool = new Pool({ host: 'db', user: 'web', password: '${W[6]}', database: 'web' });\nmongoose.connect('mongodb+srv://web:${W[7]}@cluster0.x1y2z.mongodb.net/prod');\nconst redisUrl = process.env.REDIS_URL || 'redis://localhost:6379';\nconst jwtSecret = process.env.JWT_SECRET || '${W[8]}';\nconst sessionCookie = 'connect.sid';\n`, [
      P(W[6], 'generic', 'pg pool password'),
      P(W[7], 'database', 'mongodb srv url'),
      N("'redis://localhost:6379'", 'database', 'local redis without password'),
      P(W[8], 'generic', 'env fallback secret'),
      N("'connect.sid'", 'generic', 'cookie name'),
    ]],
    ['web/src/notify.ts', `export class Notifier {\n  private readonly discordWebhook = 'https://discord.com/api/webhooks/${rand(18, DIGITS)}/${rand(68, URLSAFE)}';\n  private telegramToken: string = '${rand(10, DIGITS)}:AA${rand(33, URLSAFE)}';\n  private twilioAuthToken = '${hex(32)}';\n  private readonly mailgunKey = 'key-${hex(32)}';\n  private readonly retryTokens = 3;\n}\n`, [
      P('discord.com/api/webhooks', 'messaging', 'discord webhook'),
      P(':AA', 'messaging', 'telegram bot token'),
      P('twilioAuthToken', 'messaging', 'twilio auth token'),
      P('key-', 'messaging', 'mailgun key'),
      N('retryTokens = 3', 'generic', 'number'),
    ]],
    ['web/src/auth.test.ts', `import { sign } from 'jsonwebtoken';\n\nconst token = sign({ sub: 'u1' }, 'test-secret');\nconst password = 'password123';\nconst mockKey = 'mock-api-key';\n`, [
      N("'test-secret'", 'generic', 'test secret placeholder'),
      N("'password123'", 'generic', 'weak placeholder password'),
      N("'mock-api-key'", 'generic', 'mock key'),
    ]],
    ['web/public/vendor.js', minified, [N('!function(e)', 'generic', 'minified bundle with random strings')]],
    ['web/package-lock.json', JSON.stringify({ name: 'web', lockfileVersion: 3, packages: { 'node_modules/left-pad': { version: '1.3.0', resolved: 'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz', integrity: `sha512-${rand(86, B64)}==` }, 'node_modules/uuid': { version: '9.0.1', resolved: 'https://registry.npmjs.org/uuid/-/uuid-9.0.1.tgz', integrity: `sha512-${rand(86, B64)}==` } } }, null, 2), [
      N('sha512-', 'generic', 'lockfile integrity'),
    ]],
    // ------------------------------------------------------------------ config files
    ['.env', `# local development\nNODE_ENV=development\nDATABASE_URL=postgres://app:${W[9]}@db.internal:5432/app\nOPENAI_API_KEY=sk-proj-${rand(74, URLSAFE)}T3BlbkFJ${rand(74, URLSAFE)}\nGROQ_API_KEY=gsk_${rand(52)}\nSTRIPE_WEBHOOK_SECRET=whsec_${rand(32)}\nSESSION_SECRET=${W[10]}\nGITHUB_TOKEN=github_pat_${rand(22)}_${rand(59)}\nTWILIO_AUTH_TOKEN=${hex(32)}\nREDIS_PASSWORD=\nSENTRY_DSN=https://${hex(32)}@o123456.ingest.sentry.io/4504\n`, [
      P(W[9], 'database', 'postgres url in .env'),
      P('OPENAI_API_KEY=sk-proj', 'ai', 'openai key in .env'),
      P('gsk_', 'ai', 'groq key'),
      P('whsec_', 'payments', 'stripe webhook secret'),
      P(W[10], 'generic', 'session secret'),
      P('github_pat_', 'code-hosting', 'fine-grained pat'),
      P('TWILIO_AUTH_TOKEN=', 'messaging', 'twilio token'),
      N('REDIS_PASSWORD=', 'generic', 'empty value'),
      N('ingest.sentry.io', 'saas', 'sentry dsn (public)'),
    ]],
    ['.env.example', `DATABASE_URL=postgres://user:password@localhost:5432/app\nOPENAI_API_KEY=sk-...\nANTHROPIC_API_KEY=your-anthropic-api-key\nSTRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx\nGITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nSESSION_SECRET=changeme\nAWS_SECRET_ACCESS_KEY=<your-secret-key>\n`, [
      N('postgres://user:password@localhost', 'database', 'example url'),
      N('sk-...', 'ai', 'elided key'),
      N('your-anthropic-api-key', 'ai', 'placeholder'),
      N('sk_live_xxxxxxxx', 'payments', 'x placeholder'),
      N('ghp_xxxxxxxx', 'code-hosting', 'x placeholder'),
      N('SESSION_SECRET=changeme', 'generic', 'changeme'),
      N('<your-secret-key>', 'cloud', 'angle placeholder'),
    ]],
    ['deploy/docker-compose.yml', `services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${W[11]}\n      POSTGRES_USER: app\n  api:\n    image: registry.example.com/api:1.4.2\n    environment:\n      DATABASE_URL: mysql://api:${W[12]}@mysql:3306/api\n      REDIS_URL: \${REDIS_URL}\n      API_TOKEN: \${API_TOKEN:?set it}\n`, [
      P(W[11], 'generic', 'compose db password'),
      P(W[12], 'database', 'mysql url'),
      N('${REDIS_URL}', 'database', 'variable reference'),
      N('${API_TOKEN:?set it}', 'generic', 'variable reference'),
    ]],
    ['deploy/k8s/secret.yaml', `apiVersion: v1\nkind: Secret\nmetadata:\n  name: api\ntype: Opaque\nstringData:\n  password: ${W[13]}\n  vault_token: hvs.${rand(90, URLSAFE)}\n  doppler_token: dp.st.${rand(43)}\n  tls_cert_file: /etc/tls/tls.crt\n`, [
      P(W[13], 'generic', 'k8s secret password'),
      P('hvs.', 'cloud', 'vault token'),
      P('dp.st.', 'cloud', 'doppler token'),
      N('/etc/tls/tls.crt', 'generic', 'file path'),
    ]],
    ['deploy/kubeconfig', `apiVersion: v1\nclusters:\n- cluster:\n    server: https://10.0.0.1:6443\n  name: prod\nusers:\n- name: admin\n  user:\n    client-certificate-data: ${Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB...\n-----END CERTIFICATE-----\n').toString('base64')}\n    client-key-data: ${Buffer.from(ec).toString('base64')}\n`, [
      N('client-certificate-data', 'private-key', 'certificate (public)'),
      P('client-key-data', 'private-key', 'kubeconfig client key'),
    ]],
    ['config/appsettings.json', `{\n  "ConnectionStrings": {\n    "Default": "Server=tcp:sql-prod.database.windows.net,1433;Database=app;User ID=app;Password=${W[14]};Encrypt=True;"\n  },\n  "Storage": "DefaultEndpointsProtocol=https;AccountName=appstore;AccountKey=${Buffer.from(rand(64)).toString('base64')};EndpointSuffix=core.windows.net",\n  "AzureAd": { "ClientId": "${uuid()}", "ClientSecret": "abc8Q~${rand(34, ALNUM + '_.-')}" },\n  "Logging": { "LogLevel": { "Default": "Information" } }\n}\n`, [
      P(W[14], 'database', 'ado.net connection string'),
      P('AccountKey=', 'cloud', 'azure storage key'),
      P('8Q~', 'cloud', 'azure ad client secret'),
    ]],
    ['config/application.properties', `spring.datasource.url=jdbc:postgresql://db:5432/app?user=app&password=${W[15]}\nspring.datasource.hikari.maximum-pool-size=10\nspring.security.oauth2.client.registration.google.client-secret=GOCSPX-${rand(28, URLSAFE)}\nserver.ssl.key-store-password=\${KEYSTORE_PASSWORD}\n`, [
      P(W[15], 'database', 'jdbc password'),
      P('GOCSPX-', 'cloud', 'google oauth client secret'),
      N('${KEYSTORE_PASSWORD}', 'generic', 'property reference'),
    ]],
    ['config/settings.toml', `[database]\nhost = "db.internal"\npassword = "${W[16]}"\n\n[cloudflare]\napi_token = "${rand(40, URLSAFE)}"\n\n[cache]\nkey_prefix = "app:v2:"\n`, [
      P(W[16], 'generic', 'toml password'),
      P('api_token = ', 'cloud', 'cloudflare token'),
      N('key_prefix = "app:v2:"', 'generic', 'key prefix'),
    ]],
    ['config/legacy.ini', `[mailchimp]\napikey = ${hex(32)}-us14\n\n[smtp]\nuser = alerts\npassword = ${W[17]}\n\n[ui]\npassword_min_length = 12\n`, [
      P('-us14', 'messaging', 'mailchimp key'),
      P(W[17], 'generic', 'ini password'),
      N('password_min_length = 12', 'generic', 'policy number'),
    ]],
    ['config/service-account.json', saText, [P(saText, 'cloud', 'gcp service account (the whole file is the credential)')]],
    ['config/firebase.js', `// Firebase web config: public by design, restricted by security rules\nexport const firebaseConfig = {\n  authDomain: "shop-4711.firebaseapp.com",\n  projectId: "shop-4711",\n  appId: "1:${rand(12, DIGITS)}:web:${hex(22)}",\n  measurementId: "G-${rand(10, UPPER + DIGITS)}",\n};\n`, [N('appId:', 'cloud', 'firebase app id')]],
    ['.npmrc', `registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${gh('npm_')}\n//npm.pkg.github.com/:_authToken=\${GITHUB_TOKEN}\n`, [P('npm_', 'code-hosting', 'npm token'), N('${GITHUB_TOKEN}', 'code-hosting', 'env reference')]],
    ['.pypirc', `[distutils]\nindex-servers = pypi\n\n[pypi]\nusername = __token__\npassword = ${pypi}\n`, [P('pypi-', 'code-hosting', 'pypi token')]],
    ['.docker/config.json', `{\n  "auths": {\n    "registry.example.com": {\n      "auth": "${dockerAuth}"\n    }\n  },\n  "credsStore": "desktop"\n}\n`, [P(dockerAuth, 'code-hosting', 'docker config auth')]],
    ['.github/workflows/release.yml', `name: release\non: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}\n          GITLAB_TOKEN: glpat-${rand(20, URLSAFE)}\n      - run: docker login -u ci --password-stdin <<< "dckr_pat_${rand(27, URLSAFE)}"\n`, [
      N('${{ secrets.NPM_TOKEN }}', 'code-hosting', 'actions secret reference'),
      P('glpat-', 'code-hosting', 'gitlab pat'),
      P('dckr_pat_', 'code-hosting', 'docker hub pat'),
    ]],
    ['infra/main.tf', `provider "digitalocean" {\n  token = "dop_v1_${hex(64)}"\n}\n\nresource "aws_db_instance" "app" {\n  username = "app"\n  password = var.db_password\n}\n\nvariable "db_password" {\n  type      = string\n  sensitive = true\n}\n`, [P('dop_v1_', 'cloud', 'digitalocean token'), N('var.db_password', 'generic', 'terraform variable')]],
    ['infra/credentials', `[default]\naws_access_key_id = ${awsId2}\naws_secret_access_key = ${awsSecret2}\nregion = eu-west-1\n`, [P(awsId2, 'cloud', 'aws credentials file id'), P(awsSecret2, 'cloud', 'aws credentials file secret')]],
    // ------------------------------------------------------------------ shell, Docker, other languages
    ['scripts/release.sh', `#!/usr/bin/env bash\nset -euo pipefail\nexport HEROKU_API_KEY=${uuid()}\nexport SHOPIFY_ACCESS_TOKEN=shpat_${hex(32)}\ngit clone https://release-bot:${W[18]}@git.acmecorp.io/platform/infra.git\ncurl -sf -H "Authorization: Bearer $DEPLOY_TOKEN" https://deploy.example.com/hooks\nsha256sum dist/app.tar.gz # ${hex(64)}\n`, [
      P('HEROKU_API_KEY=', 'cloud', 'heroku api key'),
      P('shpat_', 'payments', 'shopify token'),
      P(W[18], 'database', 'credentials in git url'),
      N('Bearer $DEPLOY_TOKEN', 'generic', 'header with variable'),
      N('sha256sum', 'generic', 'sha256 digest'),
    ]],
    ['Dockerfile', `FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nENV HF_TOKEN=hf_${rand(34, UPPER + LOWER)}\nARG NPM_TOKEN\nENV ADMIN_PASSWORD ${W[19]}\nRUN pip install -r requirements.txt\n`, [
      P('hf_', 'ai', 'hf token in image'),
      N('ARG NPM_TOKEN', 'generic', 'build arg without value'),
      P(W[19], 'generic', 'ENV password'),
    ]],
    ['backend/src/main/java/com/example/Payments.java', `package com.example;\n\npublic class Payments {\n    private static final String SQUARE_ACCESS_TOKEN = "EAAA${rand(60, URLSAFE)}";\n    private static final String DB_PASSWORD = "${W[20]}";\n    private static final String PASSWORD_PROPERTY = "app.db.password";\n    private final String apiKey = System.getenv("PAYMENTS_API_KEY");\n}\n`, [
      P('EAAA', 'payments', 'square token'),
      P(W[20], 'generic', 'java constant password'),
      N('"app.db.password"', 'generic', 'property name'),
      N('System.getenv', 'generic', 'env read'),
    ]],
    ['backend/cmd/server/main.go', `package main\n\nconst braintreeToken = "access_token$production$${rand(16, LOWER + DIGITS)}$${hex(32)}"\n\nvar cfg = Config{\n\tRedisURL: "rediss://default:${W[21]}@cache.internal:6380",\n\tAPIKeyHeader: "X-Api-Key",\n}\n`, [
      P('access_token$production$', 'payments', 'braintree token'),
      P(W[21], 'database', 'redis url'),
      N('"X-Api-Key"', 'generic', 'header name'),
    ]],
    ['backend/app/models/user.rb', `class User < ApplicationRecord\n  has_secure_password\n  PAYPAL = { client_id: "A${rand(79, URLSAFE)}", paypal_client_secret: "E${rand(79, URLSAFE)}" }\n  validates :password, length: { minimum: 12 }\nend\n`, [P('paypal_client_secret', 'payments', 'paypal secret'), N('validates :password', 'generic', 'validation')]],
    ['backend/public/index.php', `<?php\n$mailgun = 'key-${hex(32)}';\n$config = ['db_password' => '${W[22]}', 'db_user' => 'web'];\n$password = $_POST['password'];\n`, [P('key-', 'messaging', 'mailgun key php'), P(W[22], 'generic', 'php array password'), N("$_POST['password']", 'generic', 'request input')]],
    ['backend/settings.xml', `<settings>\n  <servers>\n    <server>\n      <id>internal</id>\n      <username>deployer</username>\n      <password>${W[23]}</password>\n    </server>\n  </servers>\n</settings>\n`, [P(W[23], 'generic', 'maven settings password')]],
    // ------------------------------------------------------------------ keys
    ['keys/deploy_rsa.pem', rsa, [P(rsa, 'private-key', 'rsa pkcs1')]],
    ['keys/server-ec.key', ec, [P(ec, 'private-key', 'ec sec1')]],
    ['keys/id_ed25519', openssh, [P(openssh, 'private-key', 'openssh')]],
    ['keys/signing.asc', pgp, [P(pgp, 'private-key', 'pgp private block')]],
    ['keys/age.txt', `# created: 2024-05-01T10:00:00Z\n# public key: age1${rand(58, 'qpzry9x8gf2tvdw0s3jn54khce6mua7l')}\n${age}\n`, [P(age, 'private-key', 'age secret key'), N('# public key', 'private-key', 'age public key')]],
    ['keys/ed25519.pub.pem', pubPem, [N(pubPem, 'private-key', 'public key pem')]],
    ['keys/authorized_keys', `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${rand(43, B64)} ops@example\n`, [N('ssh-ed25519', 'private-key', 'ssh public key')]],
    ['src/crypto/sign.py', `SIGNING_KEY = """${rsa.replace(/\n$/, '')}"""\n\nPLACEHOLDER = """-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----"""\n`, [P(rsa.replace(/\n$/, ''), 'private-key', 'rsa key in python string'), N('PLACEHOLDER', 'private-key', 'elided key')]],
    // ------------------------------------------------------------------ docs and notebooks
    ['docs/setup.md', `# Setup\n\nCreate a token and export it:\n\n\`\`\`bash\nexport LINEAR_API_KEY=lin_api_${rand(40)}\nexport OPENAI_API_KEY=<your key>\n\`\`\`\n\nOur staging Discord bot uses \`${discordBot}\` for now.\n\nThe request id looks like \`${uuid()}\` and the commit is \`${hex(40)}\`.\n`, [
      P('lin_api_', 'saas', 'linear key in fenced shell'),
      N('<your key>', 'ai', 'placeholder in docs'),
      P(discordBot, 'messaging', 'discord bot token in prose'),
      N('The request id', 'generic', 'uuid and commit sha in prose'),
    ]],
    ['notebooks/analysis.ipynb', notebook([
      { cell_type: 'code', execution_count: 1, metadata: {}, outputs: [], source: ['import os\n', `os.environ["OPENAI_API_KEY"] = "${openaiOut}"\n`, `replicate_token = "r8_${rand(37)}"\n`] },
      { cell_type: 'code', execution_count: 2, metadata: {}, source: ['print(dict(os.environ))\n'], outputs: [{ name: 'stdout', output_type: 'stream', text: [`{'HOME': '/home/jovyan', 'HF_TOKEN': '${hfOut}', 'PATH': '/usr/bin'}\n`] }] },
      { cell_type: 'code', execution_count: 3, metadata: {}, source: ['df.head()\n'], outputs: [{ data: { 'text/plain': [`   id                                   hash\n0   1  ${hex(64)}\n`] }, execution_count: 3, metadata: {}, output_type: 'execute_result' }] },
      { cell_type: 'markdown', metadata: {}, source: ['Set `WANDB_API_KEY` before running the next cell.\n'] },
    ]), [P(openaiOut, 'ai', 'openai key in notebook cell'), P('r8_', 'ai', 'replicate token in cell'), P(hfOut, 'ai', 'hf token printed in output'), N('   id ', 'generic', 'hash in dataframe output')]],
    ['notebooks/auth.ipynb', notebook([
      { cell_type: 'code', execution_count: 1, metadata: {}, source: ['resp = requests.post(url, json=creds)\n', 'resp.json()\n'], outputs: [{ data: { 'text/plain': [`{'access_token': '${jwt({ sub: 'svc-etl', iss: 'https://auth.example.com', exp: 1893456000 })}',\n`, " 'token_type': 'Bearer',\n", " 'expires_in': 3600}\n"] }, execution_count: 1, metadata: {}, output_type: 'execute_result' }] },
    ]), [P('access_token', 'saas', 'jwt printed in output'), N("'token_type': 'Bearer'", 'generic', 'token type in output')]],
    ['src/integrations/misc.py', `NEW_RELIC_LICENSE_KEY = "${hex(36)}NRAL"\nDATADOG_API_KEY = "${hex(32)}"\nATLASSIAN_TOKEN = "ATATT3${rand(186, URLSAFE)}"\nPOSTMAN_API_KEY = "PMAK-${hex(24)}-${hex(34)}"\nNOTION = "ntn_${rand(11, DIGITS)}${rand(35)}"\nSENTRY_RELEASE = "${hex(40)}"\nCACHE_KEY = "user:{id}:profile"\n`, [
      P('NRAL', 'saas', 'new relic license key'),
      P('DATADOG_API_KEY', 'saas', 'datadog api key'),
      P('ATATT3', 'code-hosting', 'atlassian api token'),
      P('PMAK-', 'saas', 'postman key'),
      P('ntn_', 'saas', 'notion token'),
      N('SENTRY_RELEASE', 'generic', 'release sha'),
      N('CACHE_KEY', 'generic', 'cache key template'),
    ]],
    ['docs/webhooks.md', `# Webhooks\n\nSlack's example incoming webhook looks like \`https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX\`.\n\nSet \`SLACK_BOT_TOKEN=xoxb-your-bot-token\` and \`TELEGRAM_BOT_TOKEN=<bot id>:<token>\` in your environment.\n\nA JWT looks like this (from jwt.io): \`eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c\`\n`, [
      N('T00000000/B00000000', 'messaging', 'slack documented example webhook'),
      N('xoxb-your-bot-token', 'messaging', 'slack token placeholder'),
      N('SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c', 'saas', 'jwt.io example token'),
    ]],
    ['src/integrations/css/theme.css', `:root { --accent: #${hex(6)}; --token-spacing: 4px; }\n.icon { background: url("data:image/svg+xml;base64,${Buffer.from(`<svg>${rand(200)}</svg>`).toString('base64')}"); }\n`, [N('data:image', 'generic', 'data uri')]],
  ];
}

function lineOf(text, index) {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Write the corpus under `dir` (created, must be empty or absent) and return its labels:
 * { file, line, endLine, family, positive, what }.
 */
export async function buildCorpus(dir, { seed = 20250501 } = {}) {
  const v = await import(DIST);
  const g = generator(seed);
  const labels = [];
  const list = files(v, g);
  for (const [rel, content, plants] of list) {
    const abs = path.join(dir, rel);
    await fs.mkdir(path.dirname(abs), { recursive: true });
    await fs.writeFile(abs, content);
    for (const [value, family, positive, what] of plants) {
      // a plant is the value itself or a distinctive part of its line
      const idx = content.indexOf(value);
      if (idx < 0) throw new Error(`corpus: ${rel}: planted value for "${what}" not found`);
      const line = lineOf(content, idx);
      const endLine = value.includes('\n') ? lineOf(content, idx + value.length - 1) : line;
      labels.push({ file: rel, line, endLine, family, positive, what });
    }
  }
  return { files: list.length, labels };
}
