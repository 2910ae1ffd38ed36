/** Cloud platforms and infrastructure tools. */
import type { RawSecret, SecretSpec } from '../types.js';
import { awsKeyIdValid, base64StartsWith, decodeBase64, shannonEntropy } from '../validators.js';
import { ALNUM, contextual, HEX, prefixed, UUID } from './build.js';

const AWS_KEY_ID = /(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])/y;
const AWS_SECRET_NEAR = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

/**
 * An AWS secret access key has no prefix: 40 base64 characters. It is recognised by its
 * name (aws_secret_access_key, secretAccessKey) or by standing within a few lines of an
 * access key id, as the two are always used as a pair.
 */
const awsSecretNearKeyId: SecretSpec['find'] = ({ text, hits }) => {
  const out: RawSecret[] = [];
  for (const h of hits) {
    AWS_KEY_ID.lastIndex = h;
    const id = AWS_KEY_ID.exec(text);
    if (!id || id[0].endsWith('EXAMPLE')) continue;
    // three lines either side, bounded in characters
    let from = h;
    for (let i = 0; i < 4 && from > 0; i++) from = text.lastIndexOf('\n', from - 1);
    from = Math.max(0, from, h - 600);
    let to = h;
    for (let i = 0; i < 4 && to !== -1 && to < text.length; i++) to = text.indexOf('\n', to + 1);
    to = to === -1 ? text.length : Math.min(to, h + 620);
    const window = text.slice(from, to);
    AWS_SECRET_NEAR.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = AWS_SECRET_NEAR.exec(window))) {
      const v = m[0];
      if (!/[a-z]/.test(v) || !/[A-Z]/.test(v) || !/[0-9]/.test(v) || shannonEntropy(v) < 4) continue;
      out.push({ spec: awsSecretSpec, start: from + m.index, end: from + m.index + 40, value: v, context: 'next to an AWS access key id', priority: 3 });
    }
  }
  return out;
};

const awsSecretSpec: SecretSpec = {
  id: 'aws-secret-access-key',
  name: 'AWS secret access key',
  family: 'cloud',
  keywords: ['akia', 'asia'],
  find: awsSecretNearKeyId,
  severity: 'critical',
  confidence: 'high',
  revoke: 'deactivate and delete the key pair in IAM (Security credentials), then check CloudTrail for its use',
};

/** GCP service-account key files: JSON with type service_account and a private_key. */
const gcpServiceAccount: SecretSpec['find'] = ({ text, hits }) => {
  const out: RawSecret[] = [];
  const seen = new Set<number>();
  for (const h of hits) {
    const lo = Math.max(0, h - 4000);
    const region = text.slice(lo, Math.min(text.length, h + 4000));
    const key = /"private_key"\s{0,4}:\s{0,4}"(-----BEGIN [A-Z ]{0,20}PRIVATE KEY-----[A-Za-z0-9+/=\\\s]{100,6000}?-----END [A-Z ]{0,20}PRIVATE KEY-----(?:\\n)?)"/.exec(region);
    if (!key || !/"client_email"\s{0,4}:\s{0,4}"[^"]{1,200}@[^"]{1,200}\.iam\.gserviceaccount\.com"/.test(region)) continue;
    const start = lo + key.index + key[0].indexOf(key[1]);
    if (seen.has(start)) continue;
    seen.add(start);
    const body = key[1].replace(/\\n/g, '\n').replace(/-----[A-Z ]+-----/g, '');
    const der = decodeBase64(body);
    out.push({ spec: gcpSpec, start, end: start + key[1].length, value: key[1], validated: der !== null && der[0] === 0x30, priority: 5 });
  }
  return out;
};

const gcpSpec: SecretSpec = {
  id: 'gcp-service-account-key',
  name: 'Google Cloud service-account key',
  family: 'cloud',
  keywords: ['service_account'],
  find: gcpServiceAccount,
  severity: 'critical',
  confidence: 'high',
  revoke: 'delete the key under IAM > Service accounts > Keys and prefer workload identity or the metadata server',
};

export const CLOUD: SecretSpec[] = [
  prefixed('aws-access-key-id', 'AWS access key id', 'cloud', ['AKIA', 'ASIA', 'ABIA', 'ACCA'], '[A-Z2-7]{16}', 'high', {
    validate: awsKeyIdValid,
    revoke: 'deactivate and delete the key in IAM, then check CloudTrail for its use',
  }),
  awsSecretSpec,
  contextual('aws-secret-access-key', 'AWS secret access key', 'cloud', ['aws_secret_access_key', 'aws_secret_key', 'secretaccesskey', 'secret_access_key', 'aws-secret-access-key', 'awssecretkey', 'aws_secret'], '[A-Za-z0-9/+]{40}', 'critical', {
    confidence: 'high',
    minEntropy: 3.8,
    revoke: 'deactivate and delete the key pair in IAM, then check CloudTrail for its use',
  }),
  contextual('aws-session-token', 'AWS session token', 'cloud', ['aws_session_token', 'sessiontoken', 'aws-session-token', 'security_token'], '[A-Za-z0-9/+=]{100,1500}', 'high', { minEntropy: 4 }),
  prefixed('aws-mws-key', 'Amazon MWS auth token', 'cloud', 'amzn.mws.', UUID, 'high', { ci: true }),
  prefixed('aws-bedrock-api-key', 'Amazon Bedrock API key', 'ai', 'ABSK', '[A-Za-z0-9+/]{100,300}={0,2}', 'high', {
    tail: 'A-Za-z0-9+/=',
    validate: (s) => base64StartsWith(s.slice(4), 'BedrockAPIKey-'),
    structural: true,
  }),
  gcpSpec,
  prefixed('gcp-api-key', 'Google API key', 'cloud', 'AIza', '[0-9A-Za-z_\\-]{35}', 'high', { revoke: 'delete or restrict the key under APIs & Services > Credentials' }),
  contextual('google-ai-api-key', 'Google AI (Gemini) API key', 'ai', ['gemini', 'genai', 'generativeai', 'google_ai', 'googleai', 'google_api_key'], 'AIza[0-9A-Za-z_\\-]{35}', 'high', {
    confidence: 'high',
    priority: 5,
    revoke: 'delete the key in Google AI Studio (API keys) or the Cloud console',
  }),
  prefixed('gcp-oauth-client-secret', 'Google OAuth client secret', 'cloud', 'GOCSPX-', '[A-Za-z0-9_\\-]{28}', 'high'),
  prefixed('google-oauth-access-token', 'Google OAuth access token', 'cloud', 'ya29.', '[0-9A-Za-z_\\-]{30,400}', 'medium', { minEntropy: 4 }),
  prefixed('google-oauth-refresh-token', 'Google OAuth refresh token', 'cloud', '1//0', '[0-9A-Za-z_\\-]{40,120}', 'high', { minEntropy: 4 }),
  prefixed('firebase-cloud-messaging-key', 'Firebase Cloud Messaging server key', 'cloud', 'AAAA', '[A-Za-z0-9_\\-]{7}:APA91b[A-Za-z0-9_\\-]{134}', 'high'),
  prefixed('azure-storage-account-key', 'Azure storage account key', 'cloud', 'AccountKey=', '([A-Za-z0-9+/]{86}==)', 'critical', {
    ci: true,
    tail: 'A-Za-z0-9+/=',
    validate: (s) => decodeBase64(s)?.length === 64,
    structural: true,
    revoke: 'rotate the access key in the storage account (Security + networking > Access keys) and prefer managed identities',
  }),
  prefixed('azure-shared-access-key', 'Azure Service Bus / Event Hubs shared access key', 'cloud', 'SharedAccessKey=', '([A-Za-z0-9+/]{43}=)', 'high', { ci: true, tail: 'A-Za-z0-9+/=' }),
  prefixed('azure-sas-token', 'Azure shared access signature', 'cloud', ['sv=20'], '\\d{2}-\\d{2}-\\d{2}&[A-Za-z0-9&=%:._\\-]{0,300}?sig=([A-Za-z0-9%+/]{40,100}(?:%3D|=){0,2})', 'high', { tail: 'A-Za-z0-9%+/=' }),
  {
    id: 'azure-ad-client-secret',
    name: 'Azure AD (Entra ID) client secret',
    family: 'cloud',
    keywords: ['q~'],
    regex: /(?<![A-Za-z0-9_~.-])([A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.\-]{31,34})(?![A-Za-z0-9_~.-])/,
    before: 4,
    after: 40,
    severity: 'high',
    confidence: 'high',
    minEntropy: 3.5,
    revoke: 'delete the client secret under App registrations > Certificates & secrets',
  },
  contextual('azure-openai-key', 'Azure OpenAI key', 'ai', ['azure_openai', 'azureopenai', 'azure-openai', 'openai_azure', 'aoai'], '[a-f0-9]{32}', 'high'),
  contextual('azure-devops-pat', 'Azure DevOps personal access token', 'code-hosting', ['azure_devops', 'azuredevops', 'ado_pat', 'ado_token', 'vsts', 'system_accesstoken', 'azure-devops'], '[a-z2-7]{52}|[A-Za-z0-9]{84}', 'high'),
  prefixed('digitalocean-pat', 'DigitalOcean personal access token', 'cloud', 'dop_v1_', HEX(64), 'high'),
  prefixed('digitalocean-oauth-token', 'DigitalOcean OAuth token', 'cloud', 'doo_v1_', HEX(64), 'high'),
  prefixed('digitalocean-refresh-token', 'DigitalOcean refresh token', 'cloud', 'dor_v1_', HEX(64), 'high'),
  prefixed('heroku-api-key-v2', 'Heroku API key', 'cloud', 'HRKU-AA', '[0-9A-Za-z_\\-]{58}', 'high'),
  contextual('heroku-api-key', 'Heroku API key', 'cloud', ['heroku'], UUID, 'high'),
  prefixed('alibaba-access-key-id', 'Alibaba Cloud AccessKey id', 'cloud', 'LTAI', ALNUM('20'), 'high', { minEntropy: 3 }),
  contextual('alibaba-secret-key', 'Alibaba Cloud AccessKey secret', 'cloud', ['alibaba', 'aliyun', 'alicloud'], ALNUM(30), 'high'),
  prefixed('tencent-secret-id', 'Tencent Cloud SecretId', 'cloud', 'AKID', ALNUM(32), 'high'),
  contextual('ibm-cloud-api-key', 'IBM Cloud API key', 'cloud', ['ibm_cloud', 'ibmcloud', 'ibm_api_key', 'ibm-cloud'], '[A-Za-z0-9_\\-]{44}', 'high'),
  contextual('cloudflare-api-token', 'Cloudflare API token', 'cloud', ['cloudflare', 'cf_api_token', 'cf_token'], '[A-Za-z0-9_\\-]{40}', 'high'),
  contextual('cloudflare-global-api-key', 'Cloudflare global API key', 'cloud', ['cloudflare', 'cf_api_key', 'cf_global'], HEX(37), 'critical'),
  prefixed('cloudflare-origin-ca-key', 'Cloudflare Origin CA key', 'cloud', 'v1.0-', `${HEX(24)}-${HEX(146)}`, 'high'),
  contextual('linode-token', 'Linode (Akamai) API token', 'cloud', ['linode'], HEX(64), 'high'),
  contextual('vultr-api-key', 'Vultr API key', 'cloud', ['vultr'], '[A-Z0-9]{36}', 'high'),
  prefixed('scaleway-access-key', 'Scaleway access key id', 'cloud', 'SCW', '[A-Z0-9]{17}', 'medium', { minEntropy: 3 }),
  contextual('scaleway-secret-key', 'Scaleway secret key', 'cloud', ['scaleway', 'scw_secret'], UUID, 'high'),
  contextual('hetzner-api-token', 'Hetzner Cloud API token', 'cloud', ['hetzner', 'hcloud'], ALNUM(64), 'high'),
  prefixed('flyio-token', 'Fly.io access token', 'cloud', ['FlyV1 fm1_', 'FlyV1 fm2_', 'fm1r_', 'fm2_'], '[A-Za-z0-9+/=_\\-]{50,700}', 'high', { minEntropy: 4, tail: 'A-Za-z0-9+/=_\\-' }),
  prefixed('flyio-legacy-token', 'Fly.io access token', 'cloud', 'fo1_', '[A-Za-z0-9_\\-]{43}', 'high'),
  contextual('vercel-token', 'Vercel access token', 'cloud', ['vercel'], ALNUM(24), 'high'),
  prefixed('netlify-pat', 'Netlify personal access token', 'cloud', 'nfp_', ALNUM(36), 'high'),
  contextual('netlify-token', 'Netlify access token', 'cloud', ['netlify'], '[A-Za-z0-9_\\-]{40,64}', 'high'),
  prefixed('render-api-key', 'Render API key', 'cloud', 'rnd_', ALNUM(32), 'high'),
  contextual('railway-token', 'Railway token', 'cloud', ['railway_token', 'railway_api'], UUID, 'high'),
  prefixed('supabase-pat', 'Supabase access token', 'database', 'sbp_', HEX(40), 'high'),
  prefixed('supabase-secret-key', 'Supabase secret API key', 'database', 'sb_secret_', '[A-Za-z0-9_\\-]{20,64}', 'high', { minEntropy: 3.5 }),
  {
    id: 'terraform-cloud-token',
    name: 'Terraform Cloud / HCP Terraform API token',
    family: 'cloud',
    keywords: ['.atlasv1.'],
    regex: /(?<![A-Za-z0-9])[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=\-]{60,70}(?![A-Za-z0-9_=-])/,
    before: 14,
    after: 90,
    severity: 'high',
    confidence: 'high',
  },
  prefixed('vault-service-token', 'HashiCorp Vault token', 'cloud', ['hvs.', 'hvb.'], '[A-Za-z0-9_\\-]{24,400}', 'high', { minEntropy: 3.5 }),
  contextual('vault-legacy-token', 'HashiCorp Vault token', 'cloud', ['vault_token', 'vault-token', 'x-vault-token'], 's\\.[A-Za-z0-9]{24}', 'high'),
  prefixed('hcp-client-secret', 'HashiCorp Cloud Platform service principal', 'cloud', 'hcp_', '[A-Za-z0-9]{60,70}', 'medium', { minEntropy: 4 }),
  prefixed('pulumi-token', 'Pulumi access token', 'cloud', 'pul-', HEX(40), 'high'),
  prefixed('doppler-token', 'Doppler token', 'cloud', ['dp.pt.', 'dp.st.', 'dp.ct.', 'dp.sa.', 'dp.scim.', 'dp.audit.'], ALNUM('40,44'), 'high'),
  prefixed('infisical-token', 'Infisical service token', 'cloud', 'st.', `[a-f0-9\\-]{36}\\.${HEX(32)}\\.${HEX(32)}`, 'high'),
  prefixed('openshift-token', 'OpenShift user token', 'cloud', 'sha256~', '[A-Za-z0-9_\\-]{43}', 'high'),
  contextual('kubernetes-token', 'Kubernetes service-account token', 'cloud', ['kube_token', 'k8s_token', 'kubernetes_token'], 'eyJ[A-Za-z0-9_\\-]{20,1500}\\.[A-Za-z0-9_\\-]{20,3000}\\.[A-Za-z0-9_\\-]{20,1500}', 'high'),
  {
    id: 'kubeconfig-client-key',
    name: 'Kubernetes client private key (kubeconfig)',
    family: 'private-key',
    keywords: ['client-key-data'],
    regex: /client-key-data:\s{0,4}["']?([A-Za-z0-9+/]{100,8000}={0,2})/,
    validate: (s) => base64StartsWith(s, '-----BEGIN'),
    structural: true,
    severity: 'critical',
    confidence: 'high',
  },
];
