import { describe, expect, it } from 'vitest';
import { SecretEngine } from '../../src/secrets/engine.js';
import { PROVIDER_SPECS } from '../../src/secrets/providers/index.js';
import { FAMILIES } from '../../src/secrets/types.js';
import { crc32Base62Valid, jwtParts, pypiMacaroonValid, bech32Valid } from '../../src/secrets/validators.js';
import { ageKey, awsSecret, ecKey, githubToken, hex, jwt, opensshKey, pgpKey, pypiToken, rand, rsaKey, URLSAFE, uuid } from './fakes.js';

const engine = new SecretEngine();
const ids = (text: string, path = 'config.txt') => engine.scan({ text, path }).map((r) => r.spec.id);

/** One real-format fake per detector family member: [expected detector, text]. */
const POSITIVES: [string, string][] = [
  ['aws-access-key-id', `aws_access_key_id = AKIA${rand(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`],
  ['aws-secret-access-key', `aws_secret_access_key = ${awsSecret()}`],
  ['gcp-api-key', `key=AIza${rand(35, URLSAFE)}`],
  ['google-ai-api-key', `GEMINI_API_KEY=AIza${rand(35, URLSAFE)}`],
  ['gcp-oauth-client-secret', `client_secret: GOCSPX-${rand(28, URLSAFE)}`],
  ['azure-storage-account-key', `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${Buffer.from(rand(64)).toString('base64')};EndpointSuffix=core.windows.net`],
  ['azure-ad-client-secret', `AZURE_CLIENT_SECRET=abc8Q~${rand(34, 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789_.-')}`],
  ['digitalocean-pat', `DO_TOKEN=dop_v1_${hex(64)}`],
  ['heroku-api-key', `HEROKU_API_KEY=${uuid()}`],
  ['vault-service-token', `VAULT_TOKEN=hvs.${rand(90, URLSAFE)}`],
  ['doppler-token', `DOPPLER_TOKEN=dp.st.${rand(43)}`],
  ['github-pat', `token = "${githubToken('ghp_')}"`],
  ['github-oauth-token', `"${githubToken('gho_')}"`],
  ['github-app-installation-token', `GH=${githubToken('ghs_')}`],
  ['github-fine-grained-pat', `GITHUB_TOKEN=github_pat_${rand(22)}_${rand(59)}`],
  ['gitlab-pat', `GITLAB_TOKEN=glpat-${rand(20, URLSAFE)}`],
  ['bitbucket-app-password', `BITBUCKET_APP_PASSWORD=ATBB${rand(32)}`],
  ['npm-access-token', `//registry.npmjs.org/:_authToken=${githubToken('npm_')}`],
  ['pypi-token', `password = ${pypiToken()}`],
  ['docker-hub-pat', `DOCKER_TOKEN=dckr_pat_${rand(27, URLSAFE)}`],
  ['docker-config-auth', `{"auths": {"registry.example.io": {"auth": "${Buffer.from('deploy:Vx9!kq2Lm7Zp').toString('base64')}"}}}`],
  ['openai-project-key', `OPENAI_API_KEY=sk-proj-${rand(74, URLSAFE)}T3BlbkFJ${rand(74, URLSAFE)}`],
  ['openai-api-key', `openai.api_key = "sk-${rand(20)}T3BlbkFJ${rand(20)}"`],
  ['anthropic-api-key', `ANTHROPIC_API_KEY=sk-ant-api03-${rand(93, URLSAFE)}AA`],
  ['huggingface-token', `HF_TOKEN=hf_${rand(34, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz')}`],
  ['replicate-api-token', `REPLICATE_API_TOKEN=r8_${rand(37)}`],
  ['cohere-api-key', `COHERE_API_KEY=${rand(40)}`],
  ['mistral-api-key', `MISTRAL_API_KEY="${rand(32)}"`],
  ['groq-api-key', `GROQ_API_KEY=gsk_${rand(52)}`],
  ['stripe-secret-key', `stripe.api_key = "sk_live_${rand(32)}"`],
  ['stripe-webhook-secret', `STRIPE_WEBHOOK_SECRET=whsec_${rand(32)}`],
  ['square-access-token', `SQUARE_TOKEN=EAAA${rand(60, URLSAFE)}`],
  ['braintree-access-token', `access_token$production$${rand(16, 'abcdefghijklmnopqrstuvwxyz0123456789')}$${hex(32)}`],
  ['paypal-client-secret', `PAYPAL_CLIENT_SECRET=E${rand(79, URLSAFE)}`],
  ['shopify-access-token', `SHOPIFY_TOKEN=shpat_${hex(32)}`],
  ['slack-bot-token', `SLACK_BOT_TOKEN=xoxb-${rand(11, '0123456789')}-${rand(12, '0123456789')}-${rand(24)}`],
  ['slack-webhook-url', `https://hooks.slack.com/services/T${rand(10, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}/B${rand(10, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}/${rand(24)}`],
  ['discord-webhook-url', `https://discord.com/api/webhooks/${rand(18, '0123456789')}/${rand(68, URLSAFE)}`],
  ['discord-bot-token', `DISCORD_TOKEN=${Buffer.from('123456789012345678').toString('base64').replace(/=+$/, '')}.${rand(6, URLSAFE)}.${rand(38, URLSAFE)}`],
  ['telegram-bot-token', `bot = Bot("${rand(10, '0123456789')}:AA${rand(33, URLSAFE)}")`],
  ['twilio-auth-token', `TWILIO_AUTH_TOKEN=${hex(32)}`],
  ['sendgrid-api-key', `SENDGRID_API_KEY=SG.${rand(22, URLSAFE)}.${rand(43, URLSAFE)}`],
  ['mailgun-api-key', `MAILGUN_KEY=key-${hex(32)}`],
  ['mailchimp-api-key', `MAILCHIMP=${hex(32)}-us14`],
  ['jwt', `Authorization: Bearer ${jwt()}`],
  ['postgres-url', 'DATABASE_URL=postgres://app:Zq8vLx2Tn4Rw@db.internal:5432/prod'],
  ['mongodb-url', 'MONGO_URI="mongodb+srv://svc:P9x2LkQ7vB@cluster0.ab1cd.mongodb.net/app"'],
  ['mysql-url', 'mysql://root:Wm4zPq8Tk2@10.0.0.5:3306/shop'],
  ['redis-url', 'REDIS_URL=redis://default:Hs7Kp3Vx9Qm2@cache:6379/0'],
  ['ado-connection-string', 'Server=tcp:sql.example.net,1433;Database=app;User ID=svc;Password=Gr8!Vz4qLp2;Encrypt=True;'],
  ['jdbc-password', 'jdbc:mysql://db:3306/app?user=svc&password=Nq4Wz8Lx2Tp'],
  ['url-credentials', 'git clone https://deploy:Lk3Vz8Qp2Xw@git.internal.io/team/repo.git'],
  ['private-key', rsaKey()],
  ['private-key', ecKey()],
  ['private-key', opensshKey()],
  ['private-key', pgpKey()],
  ['age-secret-key', ageKey()],
  ['grafana-service-account-token', `GRAFANA_TOKEN=glsa_${rand(32)}_${hex(8)}`],
  ['newrelic-user-key', `NEW_RELIC_API_KEY=NRAK-${rand(27, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`],
  ['datadog-api-key', `DD_API_KEY=${hex(32)}`],
  ['sentry-user-token', `SENTRY_AUTH_TOKEN=sntryu_${hex(64)}`],
  ['postman-api-key', `PMAK-${hex(24)}-${hex(34)}`],
  ['linear-api-key', `LINEAR_API_KEY=lin_api_${rand(40)}`],
  ['notion-token', `NOTION_TOKEN=ntn_${rand(11, '0123456789')}${rand(35)}`],
  ['atlassian-api-token', `JIRA_API_TOKEN=ATATT3${rand(186, URLSAFE)}`],
  ['planetscale-token', `PLANETSCALE=pscale_tkn_${rand(43, URLSAFE)}`],
  ['tailscale-key', `TS_AUTHKEY=tskey-auth-${rand(12)}-${rand(30)}`],
];

describe('provider detectors', () => {
  it('has at least 150 detectors, with unique keyword-bearing entries', () => {
    const distinct = new Set(PROVIDER_SPECS.map((s) => s.id));
    expect(distinct.size).toBeGreaterThanOrEqual(150);
    for (const s of PROVIDER_SPECS) {
      expect(s.keywords.length, s.id).toBeGreaterThan(0);
      expect(FAMILIES).toContain(s.family);
      expect(s.regex || s.find, s.id).toBeTruthy();
    }
  });

  it.each(POSITIVES)('%s fires on a real-format fake', (id, text) => {
    expect(ids(text)).toContain(id);
  });

  it.each([
    ['a GitHub token with a wrong checksum', `token = "ghp_${'aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1'}000000"`],
    ['a GitHub token one character short', `token = "${githubToken().slice(0, -1)}"`],
    ['an npm token with a broken checksum', `_authToken=npm_${'Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1Jh0Gf9'}abcdef`],
    ["AWS's documented example key", 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    ['a token-shaped placeholder', 'OPENAI_API_KEY=sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    ['a Stripe placeholder', 'STRIPE_KEY=sk_live_XXXXXXXXXXXXXXXXXXXXXXXXXXXX'],
    ['a JWT whose header is not JSON', `token: eyJ${rand(30)}.eyJ${rand(40)}.${rand(43)}`],
    ['a PEM block with a placeholder body', '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----'],
    ['a PEM block of garbage', `-----BEGIN PRIVATE KEY-----\n${rand(64, 'abcdef')}\n-----END PRIVATE KEY-----`],
    ['a database URL with a template password', 'DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app'],
    ['a database URL with a placeholder password', 'postgres://user:password@localhost:5432/db'],
    ['a public key', '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----'],
    ['a PGP block with a bad checksum', pgpKey().replace(/\n=(.{4})\n/, '\n=AAAA\n')],
    ['an age key with a bad checksum', ageKey().slice(0, -1) + (ageKey().endsWith('Q') ? 'P' : 'Q')],
    ['a hf_ prefix inside a longer word', `value = shelf_${rand(34, 'abcdefghijklmnopqrstuvwxyz')}`],
  ])('does not fire on %s', (_what, text) => {
    expect(ids(text).filter((id) => !id.startsWith('generic'))).toEqual([]);
  });
});

describe('structure checks', () => {
  it('validates the GitHub/npm CRC32 checksum', () => {
    const t = githubToken();
    expect(crc32Base62Valid(t)).toBe(true);
    const flipped = t.slice(0, 10) + (t[10] === 'a' ? 'b' : 'a') + t.slice(11);
    expect(crc32Base62Valid(flipped)).toBe(false);
  });

  it('decodes JWT headers and PyPI macaroons', () => {
    expect(jwtParts(jwt())?.header.alg).toBe('HS256');
    expect(jwtParts('eyJub3QiOiJqd3QifQ.eyJhIjoxfQ.c2ln')).toBeNull();
    expect(pypiMacaroonValid(pypiToken())).toBe(true);
    expect(pypiMacaroonValid(`pypi-AgEIcHlwaS5vcmc${rand(60)}`.replace('AgEI', 'AwEI'))).toBe(false);
  });

  it('checks bech32 for age keys', () => {
    expect(bech32Valid(ageKey())).toBe(true);
  });

  it('reports validated when the checksum passed', () => {
    const [r] = engine.scan({ text: `t = "${githubToken()}"`, path: 'a.txt' });
    expect(r.validated).toBe(true);
    expect(engine.scan({ text: rsaKey(), path: 'k.pem' })[0].validated).toBe(true);
  });

  it('pairs an AWS secret with the key id next to it, whatever its name', () => {
    const text = `creds = {\n  "id": "AKIA${rand(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}",\n  "s": "${awsSecret()}"\n}`;
    expect(ids(text, 'c.json').sort()).toEqual(['aws-access-key-id', 'aws-secret-access-key']);
  });

  it('finds a GCP service-account key file as one finding', () => {
    const pem = rsaKey().replace(/\n/g, '\\n');
    const text = JSON.stringify({ type: 'service_account', project_id: 'p', private_key_id: hex(40), client_email: 'svc@p.iam.gserviceaccount.com' }, null, 2).replace('}', `,\n  "private_key": "${pem}"\n}`);
    expect(ids(text, 'sa.json')).toEqual(['gcp-service-account-key']);
  });
});
