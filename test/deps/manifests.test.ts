import { describe, expect, it } from 'vitest';
import { manifestKind, parseManifest } from '../../src/deps/manifests/index.js';
import { pnpmKey } from '../../src/deps/manifests/npm.js';
import { parseRequirement } from '../../src/deps/manifests/python.js';
import type { Dependency } from '../../src/deps/types.js';

const brief = (deps: Dependency[]) => deps.map((d) => `${d.name}@${d.version ?? '-'}${d.versionKind === 'minimum' ? '+' : ''}${d.nonRegistry ? ' (non-registry)' : ''}${d.dev ? ' dev' : ''} :${d.location.start.line}`);

describe('manifest kinds', () => {
  it('recognises manifests by name', () => {
    expect(manifestKind('a/package.json')).toBe('package.json');
    expect(manifestKind('npm-shrinkwrap.json')).toBe('package-lock.json');
    expect(manifestKind('requirements-dev.txt')).toBe('requirements');
    expect(manifestKind('dev-requirements.txt')).toBe('requirements');
    expect(manifestKind('requirements/base.txt')).toBe('requirements');
    expect(manifestKind('constraints.txt')).toBe('constraints');
    expect(manifestKind('notes.txt')).toBeNull();
    expect(manifestKind('package.json.bak')).toBeNull();
  });
});

describe('npm', () => {
  it('package.json: ranges, exact pins, aliases, non-registry sources, lines', () => {
    const text = `{
  "name": "demo",
  "dependencies": {
    "lodash": "4.17.15",
    "express": "^4.18.0",
    "alias": "npm:@scope/real@^2.1.0",
    "local": "file:../local",
    "gh": "user/repo",
    "any": "*"
  },
  "devDependencies": { "typescript": "~5.4.2" }
}`;
    const r = parseManifest('package.json', 'package.json', text);
    expect(brief(r.deps)).toEqual([
      'lodash@4.17.15 :4', 'express@4.18.0+ :5', '@scope/real@2.1.0+ :6', 'local@- (non-registry) :7', 'gh@- (non-registry) :8', 'any@- :9', 'typescript@5.4.2+ dev :11',
    ]);
    expect(r.deps[0].location.start.column).toBe(5);
    // the whole line: the frame's caret uses the column above
    expect(r.deps[0].snippet).toBe('    "lodash": "4.17.15",');
    expect(r.declares?.names).toContain('typescript');
  });

  it('package.json: invalid JSON is an error, not an empty result', () => {
    const r = parseManifest('package.json', 'package.json', '{ "dependencies": { "a": ');
    expect(r.deps).toEqual([]);
    expect(r.errors[0].message).toMatch(/invalid JSON/);
  });

  it('package-lock v1 (nested dependencies)', () => {
    const text = JSON.stringify({
      lockfileVersion: 1,
      dependencies: {
        lodash: { version: '4.17.15', resolved: 'https://registry.npmjs.org/lodash/-/lodash-4.17.15.tgz' },
        a: { version: '1.0.0', dev: true, dependencies: { b: { version: '2.0.0' } } },
        g: { version: 'git+https://github.com/x/g.git#abc' },
      },
    }, null, 2);
    expect(brief(parseManifest('package-lock.json', 'package-lock.json', text).deps)).toEqual([
      'lodash@4.17.15 :4', 'a@1.0.0 dev :8', 'b@2.0.0 :12', 'g@- (non-registry) :17',
    ]);
  });

  it('package-lock v2/v3 (packages, nested node_modules, aliases, links)', () => {
    const text = JSON.stringify({
      lockfileVersion: 3,
      packages: {
        '': { name: 'root', dependencies: { lodash: '^4' } },
        'node_modules/lodash': { version: '4.17.15' },
        'node_modules/@babel/core': { version: '7.1.0', dev: true },
        'node_modules/a/node_modules/lodash': { version: '3.10.1' },
        'node_modules/al': { name: 'real-pkg', version: '1.2.3' },
        'node_modules/ws-link': { resolved: 'packages/x', link: true },
        'packages/x': { version: '0.0.1' },
      },
    }, null, 2);
    expect(brief(parseManifest('package-lock.json', 'npm-shrinkwrap.json', text).deps)).toEqual([
      'lodash@4.17.15 :10', '@babel/core@7.1.0 dev :13', 'lodash@3.10.1 :17', 'real-pkg@1.2.3 :20',
    ]);
  });

  it('yarn.lock classic', () => {
    const text = `# yarn lockfile v1


"@babel/code-frame@^7.0.0", "@babel/code-frame@^7.10.4":
  version "7.12.13"
  resolved "https://registry.yarnpkg.com/@babel/code-frame/-/code-frame-7.12.13.tgz"

lodash@^4.17.15:
  version "4.17.15"
`;
    expect(brief(parseManifest('yarn.lock', 'yarn.lock', text).deps)).toEqual(['@babel/code-frame@7.12.13 :4', 'lodash@4.17.15 :8']);
  });

  it('yarn.lock berry (workspaces are not packages)', () => {
    const text = `__metadata:
  version: 8

"lodash@npm:^4.17.15, lodash@npm:^4.17.20":
  version: 4.17.20
  resolution: "lodash@npm:4.17.20"

"my-app@workspace:.":
  version: 0.0.0-use.local
  resolution: "my-app@workspace:."
`;
    expect(brief(parseManifest('yarn.lock', 'yarn.lock', text).deps)).toEqual(['lodash@4.17.20 :4', 'my-app@- (non-registry) :8']);
  });

  it('pnpm-lock.yaml v6 and v9 keys, peer suffixes', () => {
    expect(pnpmKey('/lodash/4.17.15')).toEqual({ name: 'lodash', version: '4.17.15' });
    expect(pnpmKey('/@babel/core/7.1.0_supports-color@5.0.0')).toEqual({ name: '@babel/core', version: '7.1.0' });
    expect(pnpmKey('/@babel/core@7.1.0(supports-color@5.0.0)')).toEqual({ name: '@babel/core', version: '7.1.0' });
    const text = `lockfileVersion: '9.0'

importers:
  .:
    dependencies:
      lodash:
        specifier: ^4.17.0
        version: 4.17.15

packages:

  lodash@4.17.15:
    resolution: {integrity: sha512-abc}

  react-dom@18.2.0(react@18.2.0):
    resolution: {integrity: sha512-def}
`;
    expect(brief(parseManifest('pnpm-lock.yaml', 'pnpm-lock.yaml', text).deps)).toEqual(['lodash@4.17.15 :12', 'react-dom@18.2.0 :15']);
  });
});

describe('python', () => {
  it('parses PEP 508 requirements', () => {
    expect(parseRequirement('Django[argon2,bcrypt] >=3.2,<4 ; python_version >= "3.8"')).toEqual({ name: 'Django', extras: ['argon2', 'bcrypt'], spec: '>=3.2,<4', marker: 'python_version >= "3.8"' });
    expect(parseRequirement('pkg @ https://example.com/pkg.whl')).toMatchObject({ name: 'pkg', url: 'https://example.com/pkg.whl' });
    expect(parseRequirement('not a requirement')).toBeNull();
  });

  it('requirements.txt: pins, ranges, markers, extras, hashes, continuations, includes, options', () => {
    const text = `# comment
requests==2.19.0  # pinned
PyYAML>=5.1,<6 ; python_version >= "3.8"
django[argon2]==3.2.0 \\
    --hash=sha256:0000
-r base.txt
--constraint constraints.txt
-i https://pypi.org/simple
-e git+https://github.com/x/y.git#egg=yy
git+https://github.com/a/b.git#egg=bee
flask
numpy~=1.24.0
weird!!
`;
    const r = parseManifest('requirements', 'requirements.txt', text);
    expect(brief(r.deps)).toEqual([
      'requests@2.19.0 :2', 'PyYAML@5.1+ :3', 'django@3.2.0 :4', 'yy@- (non-registry) :9', 'bee@- (non-registry) :10', 'flask@- :11', 'numpy@1.24.0+ :12',
    ]);
    expect(r.includes).toEqual([{ path: 'base.txt', constraint: false }, { path: 'constraints.txt', constraint: true }]);
    expect(r.errors.map((e) => e.message)).toEqual(['cannot parse requirement: weird!!']);
  });

  it('Pipfile and Pipfile.lock', () => {
    const pipfile = `[[source]]
url = "https://pypi.org/simple"

[packages]
requests = "==2.19.0"
flask = "*"
"django" = {version = ">=3.2", extras = ["argon2"]}
mylib = {git = "https://github.com/x/mylib.git"}

[dev-packages]
pytest = ">=7"
`;
    expect(brief(parseManifest('Pipfile', 'Pipfile', pipfile).deps)).toEqual([
      'requests@2.19.0 :5', 'flask@- :6', 'django@3.2+ :7', 'mylib@- (non-registry) :8', 'pytest@7+ dev :11',
    ]);
    const lock = JSON.stringify({ _meta: {}, default: { requests: { version: '==2.19.0', hashes: [] } }, develop: { pytest: { version: '==7.0.0' } } }, null, 2);
    expect(brief(parseManifest('Pipfile.lock', 'Pipfile.lock', lock).deps)).toEqual(['requests@2.19.0 :4', 'pytest@7.0.0 dev :10']);
  });

  it('pyproject.toml: PEP 621, optional dependencies, dependency groups, Poetry', () => {
    const text = `[project]
name = "demo"
dependencies = [
  "requests==2.19.0",
  "PyYAML>=5.1",
]

[project.optional-dependencies]
web = ["flask>=2.0"]

[dependency-groups]
test = ["pytest>=7", {include-group = "lint"}]

[tool.poetry.dependencies]
python = "^3.10"
jinja2 = "2.4.1"
numpy = "^1.24"
local = {path = "../local"}

[tool.poetry.group.dev.dependencies]
black = "~23.1"
`;
    const r = parseManifest('pyproject.toml', 'pyproject.toml', text);
    expect(brief(r.deps)).toEqual([
      'requests@2.19.0 :4', 'PyYAML@5.1+ :5', 'flask@2.0+ :9', 'pytest@7+ dev :12', 'jinja2@2.4.1 :16', 'numpy@1.24+ :17', 'local@- (non-registry) :18', 'black@23.1+ dev :21',
    ]);
  });

  it('poetry.lock and uv.lock', () => {
    const poetry = `[[package]]
name = "requests"
version = "2.19.0"
description = "HTTP"
optional = false

[[package]]
name = "mylib"
version = "0.1.0"

[package.source]
type = "git"
url = "https://github.com/x/mylib.git"
`;
    expect(brief(parseManifest('poetry.lock', 'poetry.lock', poetry).deps)).toEqual(['requests@2.19.0 :2', 'mylib@- (non-registry) :8']);
    const uv = `version = 1

[[package]]
name = "demo"
version = "0.1.0"
source = { editable = "." }

[[package]]
name = "jinja2"
version = "2.4.1"
source = { registry = "https://pypi.org/simple" }
`;
    expect(brief(parseManifest('uv.lock', 'uv.lock', uv).deps)).toEqual(['demo@- (non-registry) :4', 'jinja2@2.4.1 :9']);
  });

  it('invalid TOML is an error naming the problem', () => {
    const r = parseManifest('pyproject.toml', 'pyproject.toml', '[project\nname = ');
    expect(r.deps).toEqual([]);
    expect(r.errors[0].message).toMatch(/invalid TOML/);
  });
});
