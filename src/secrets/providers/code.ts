/** Code hosts, CI/CD and package registries. */
import type { SecretSpec } from '../types.js';
import { base64StartsWith, crc32Base62Valid, decodeBase64, pypiMacaroonValid } from '../validators.js';
import { ALNUM, contextual, HEX, prefixed } from './build.js';

const GITHUB_REVOKE = 'revoke it under GitHub Settings > Developer settings (or the app/OAuth settings that issued it)';
const gh = (id: string, name: string, prefix: string): SecretSpec =>
  prefixed(id, name, 'code-hosting', prefix, '[A-Za-z0-9]{36}', 'critical', {
    validate: (s) => crc32Base62Valid(s),
    structural: true,
    revoke: GITHUB_REVOKE,
  });

/** Docker's config.json keeps registry credentials as base64("user:password"). */
function dockerAuthValid(s: string): boolean {
  const buf = decodeBase64(s);
  if (!buf) return false;
  const t = buf.toString('utf8');
  const colon = t.indexOf(':');
  return colon > 0 && colon < t.length - 1 && /^[\x20-\x7e]+$/.test(t);
}

export const CODE_HOSTING: SecretSpec[] = [
  gh('github-pat', 'GitHub personal access token', 'ghp_'),
  gh('github-oauth-token', 'GitHub OAuth access token', 'gho_'),
  gh('github-user-to-server-token', 'GitHub App user-to-server token', 'ghu_'),
  gh('github-app-installation-token', 'GitHub App installation token', 'ghs_'),
  gh('github-refresh-token', 'GitHub App refresh token', 'ghr_'),
  prefixed('github-fine-grained-pat', 'GitHub fine-grained personal access token', 'code-hosting', 'github_pat_', '[A-Za-z0-9]{22}_[A-Za-z0-9]{59}', 'critical', { revoke: GITHUB_REVOKE, minEntropy: 4 }),
  contextual('github-legacy-token', 'GitHub token (40-hex legacy format)', 'code-hosting', ['github_token', 'gh_token', 'github_oauth', 'github_access_token', 'githubtoken', 'github_api_token', 'github_pat'], HEX(40), 'high', { revoke: GITHUB_REVOKE }),
  prefixed('gitlab-pat', 'GitLab personal access token', 'code-hosting', 'glpat-', '[A-Za-z0-9_\\-]{20}(?:[A-Za-z0-9_\\-]{7,50}\\.[0-9a-z]{2}\\.[0-9a-z]{9})?', 'critical', {
    minEntropy: 3.2,
    revoke: 'revoke it under GitLab User settings > Access tokens',
  }),
  prefixed('gitlab-deploy-token', 'GitLab deploy token', 'code-hosting', 'gldt-', '[A-Za-z0-9_\\-]{20,80}', 'high', { minEntropy: 3.2 }),
  prefixed('gitlab-pipeline-trigger-token', 'GitLab pipeline trigger token', 'code-hosting', 'glptt-', HEX(40), 'high'),
  prefixed('gitlab-runner-token', 'GitLab runner authentication token', 'code-hosting', 'glrt-', '[A-Za-z0-9_\\-]{20,80}', 'high', { minEntropy: 3.2 }),
  prefixed('gitlab-runner-registration-token', 'GitLab runner registration token', 'code-hosting', 'GR1348941', '[A-Za-z0-9_\\-]{20}', 'high', { minEntropy: 3.2 }),
  prefixed('gitlab-ci-job-token', 'GitLab CI job token', 'code-hosting', 'glcbt-', '[A-Za-z0-9_\\-]{20,80}', 'medium', { minEntropy: 3.2 }),
  prefixed('gitlab-oauth-app-secret', 'GitLab OAuth application secret', 'code-hosting', 'gloas-', '[A-Za-z0-9_\\-]{64}', 'high'),
  prefixed('gitlab-feed-token', 'GitLab feed token', 'code-hosting', 'glft-', '[A-Za-z0-9_\\-]{20}', 'medium', { minEntropy: 3.2 }),
  prefixed('gitlab-incoming-mail-token', 'GitLab incoming mail token', 'code-hosting', 'glimt-', '[A-Za-z0-9_\\-]{25}', 'medium', { minEntropy: 3.2 }),
  prefixed('gitlab-scim-token', 'GitLab SCIM token', 'code-hosting', 'glsoat-', '[A-Za-z0-9_\\-]{20}', 'high', { minEntropy: 3.2 }),
  prefixed('gitlab-agent-token', 'GitLab agent for Kubernetes token', 'code-hosting', 'glagent-', '[A-Za-z0-9_\\-]{50}', 'high', { minEntropy: 3.2 }),
  prefixed('bitbucket-app-password', 'Bitbucket app password', 'code-hosting', 'ATBB', '[A-Za-z0-9_=.\\-]{32}', 'high', { minEntropy: 3.5, revoke: 'revoke it under Bitbucket Personal settings > App passwords' }),
  contextual('bitbucket-client-secret', 'Bitbucket OAuth consumer secret', 'code-hosting', ['bitbucket'], '[A-Za-z0-9=_\\-]{64}|[A-Za-z0-9]{32}', 'high'),
  prefixed('atlassian-api-token', 'Atlassian (Jira, Confluence, Bitbucket) API token', 'code-hosting', 'ATATT3', '[A-Za-z0-9_=\\-]{180,200}', 'high', {
    minEntropy: 4,
    revoke: 'revoke it at id.atlassian.com > Security > API tokens',
  }),
  contextual('jira-api-token', 'Atlassian API token (legacy 24-character)', 'code-hosting', ['jira_api_token', 'jira_token', 'confluence_api_token', 'confluence_token', 'atlassian_api_token', 'atlassian_token'], ALNUM(24), 'high'),
  prefixed('npm-access-token', 'npm access token', 'code-hosting', 'npm_', '[A-Za-z0-9]{36}', 'critical', {
    validate: (s) => crc32Base62Valid(s),
    structural: true,
    revoke: 'revoke it with `npm token revoke` or on npmjs.com > Access Tokens',
  }),
  contextual('npmrc-auth-token', 'npm registry auth token (.npmrc)', 'code-hosting', ['_authtoken'], '[A-Za-z0-9_\\-]{36,80}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', 'high', { confidence: 'high' }),
  prefixed('pypi-token', 'PyPI API token', 'code-hosting', ['pypi-AgEIcHlwaS5vcmc', 'pypi-AgENdGVzdC5weXBpLm9yZw'], '[A-Za-z0-9_\\-]{50,1000}', 'critical', {
    validate: pypiMacaroonValid,
    structural: true,
    revoke: 'remove the token on pypi.org > Account settings > API tokens; prefer trusted publishing',
  }),
  prefixed('rubygems-api-key', 'RubyGems API key', 'code-hosting', 'rubygems_', HEX(48), 'high'),
  prefixed('nuget-api-key', 'NuGet API key', 'code-hosting', 'oy2', '[a-z0-9]{43}', 'high', { minEntropy: 3.5 }),
  prefixed('clojars-token', 'Clojars deploy token', 'code-hosting', 'CLOJARS_', '[a-z0-9]{60}', 'high', { ci: true }),
  prefixed('docker-hub-pat', 'Docker Hub personal access token', 'code-hosting', 'dckr_pat_', '[A-Za-z0-9_\\-]{27}', 'high', { revoke: 'delete it under Docker Hub Account settings > Personal access tokens' }),
  prefixed('docker-hub-org-token', 'Docker Hub organization access token', 'code-hosting', 'dckr_oat_', '[A-Za-z0-9_\\-]{32}', 'high'),
  {
    id: 'docker-config-auth',
    name: 'Docker registry credentials (config.json auth)',
    family: 'code-hosting',
    keywords: ['"auth"'],
    regex: /"auth"\s{0,4}:\s{0,4}"([A-Za-z0-9+/]{8,400}={0,2})"/,
    validate: dockerAuthValid,
    structural: true,
    severity: 'high',
    confidence: 'high',
    minEntropy: 2.5,
  },
  prefixed('jfrog-api-key', 'JFrog Artifactory API key', 'code-hosting', 'AKCp', ALNUM(69), 'high'),
  prefixed('jfrog-identity-token', 'JFrog identity token', 'code-hosting', 'cmVmdGtuOjAxOj', '[A-Za-z0-9+/=]{50}', 'high', {
    validate: (s) => base64StartsWith(s, 'reftkn:01:'),
    structural: true,
    tail: 'A-Za-z0-9+/=',
  }),
  prefixed('circleci-pat', 'CircleCI personal API token', 'code-hosting', 'CCIPAT_', `[A-Za-z0-9]{22}_${HEX(40)}`, 'high'),
  contextual('circleci-token', 'CircleCI API token', 'code-hosting', ['circleci', 'circle_token'], HEX(40), 'high'),
  prefixed('buildkite-token', 'Buildkite API token', 'code-hosting', 'bkua_', HEX(40), 'high'),
  contextual('travis-ci-token', 'Travis CI API token', 'code-hosting', ['travis'], '[A-Za-z0-9_\\-]{22}', 'medium'),
  prefixed('sonarqube-token', 'SonarQube / SonarCloud token', 'code-hosting', ['squ_', 'sqa_', 'sqp_'], HEX(40), 'high'),
  prefixed('octopus-deploy-api-key', 'Octopus Deploy API key', 'code-hosting', 'API-', '[A-Z0-9]{26}', 'high', { minEntropy: 3.2 }),
  prefixed('sourcegraph-token', 'Sourcegraph access token', 'code-hosting', ['sgp_local_', 'sgp_'], `(?:[a-f0-9]{16}_)?${HEX(40)}`, 'high'),
  prefixed('harness-pat', 'Harness access token', 'code-hosting', ['pat.', 'sat.'], `[A-Za-z0-9_\\-]{22}\\.${HEX(24)}\\.[A-Za-z0-9]{20}`, 'high'),
  prefixed('prefect-api-key', 'Prefect API key', 'code-hosting', 'pnu_', ALNUM(36), 'high'),
  prefixed('readme-api-key', 'ReadMe API key', 'code-hosting', 'rdme_', '[a-z0-9]{70}', 'high'),
  prefixed('snyk-token', 'Snyk API token', 'code-hosting', ['snyk_token', 'snyk_api_token'], `["'\\s:=]{1,6}([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`, 'high', { ci: true, boundary: false }),
  contextual('codecov-token', 'Codecov upload token', 'code-hosting', ['codecov_token'], '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', 'medium'),
  prefixed('scalingo-token', 'Scalingo API token', 'code-hosting', 'tk-us-', '[A-Za-z0-9_\\-]{48}', 'high'),
  prefixed('frameio-token', 'Frame.io API token', 'saas', 'fio-u-', '[A-Za-z0-9_=\\-]{64}', 'high'),
];
