/**
 * Each rule operator with code it must match and code it must not.
 */
import { describe, expect, it } from 'vitest';
import { findings, matchLines, ruleYaml } from '../helpers.js';

describe('rule operators', () => {
  it('patterns: pattern-not removes equal ranges', async () => {
    const y = ruleYaml(`patterns:
  - pattern: hashlib.new($X)
  - pattern-not: hashlib.new("sha256")`);
    expect(await matchLines(y, 'import hashlib\nhashlib.new("md5")\nhashlib.new("sha256")\n')).toEqual([2]);
  });

  it('patterns: pattern-inside keeps matches inside its ranges', async () => {
    const y = ruleYaml(`patterns:
  - pattern-inside: |
      def $F(...):
        ...
  - pattern: eval(...)`);
    expect(await matchLines(y, 'eval(a)\ndef f():\n    eval(b)\n')).toEqual([3]);
  });

  it('patterns: pattern-not-inside removes matches inside its ranges', async () => {
    const y = ruleYaml(`patterns:
  - pattern: open($P)
  - pattern-not-inside: |
      with open($P) as $F:
        ...`);
    expect(await matchLines(y, 'open(a)\nwith open(b) as f:\n    pass\n')).toEqual([1]);
  });

  it('negation respects metavariables shared with the positive pattern', async () => {
    const y = ruleYaml(`patterns:
  - pattern: cursor.execute($Q)
  - pattern-not-inside: |
      $Q = "..."
      ...`);
    const code = 'q = "SELECT 1"\ncursor.execute(q)\ncursor.execute(other)\n';
    expect(await matchLines(y, code)).toEqual([3]);
  });

  it('pattern-either is a union', async () => {
    const y = ruleYaml(`pattern-either:
  - pattern: pickle.loads(...)
  - pattern: marshal.loads(...)`);
    expect(await matchLines(y, 'import pickle, marshal\npickle.loads(d)\nmarshal.loads(d)\njson.loads(d)\n')).toEqual([2, 3]);
  });

  it('pattern-either of pattern-inside acts as inside', async () => {
    const y = ruleYaml(`patterns:
  - pattern-either:
      - pattern-inside: |
          def a(...):
            ...
      - pattern-inside: |
          def b(...):
            ...
  - pattern: print(...)`);
    expect(await matchLines(y, 'def a():\n    print(1)\ndef c():\n    print(2)\ndef b():\n    print(3)\n')).toEqual([2, 6]);
  });

  it('pattern-regex and pattern-not-regex', async () => {
    const y = ruleYaml(`patterns:
  - pattern-regex: TODO\\(\\w+\\)
  - pattern-not-regex: TODO\\(ok\\)`, 'python');
    expect(await matchLines(y, '# TODO(alice)\n# TODO(ok)\nx = 1\n')).toEqual([1]);
  });

  it('languages: [regex] rules run on any file', async () => {
    const y = ruleYaml('pattern-regex: "BEGIN RSA PRIVATE KEY"', 'regex');
    expect(await matchLines(y, 'x = """\n-----BEGIN RSA PRIVATE KEY-----\n"""\n')).toEqual([2]);
  });

  it('metavariable-regex is anchored at the start and filters bindings', async () => {
    const y = ruleYaml(`patterns:
  - pattern: hashlib.$H(...)
  - metavariable-regex:
      metavariable: $H
      regex: (md5|sha1)`);
    expect(await matchLines(y, 'import hashlib\nhashlib.md5(d)\nhashlib.sha1(d)\nhashlib.sha256(d)\nhashlib.blake2_md5(d)\n')).toEqual([2, 3]);
  });

  it('metavariable-regex picks among all bindings of an ellipsis match', async () => {
    const y = ruleYaml(`patterns:
  - pattern: f(..., $A, ...)
  - metavariable-regex:
      metavariable: $A
      regex: secret`);
    expect(await matchLines(y, 'f(a, secret_token, b)\nf(a, b)\n')).toEqual([1]);
  });

  it('metavariable-pattern matches within the binding', async () => {
    const y = ruleYaml(`patterns:
  - pattern: requests.get($URL, ...)
  - metavariable-pattern:
      metavariable: $URL
      pattern: request.args.get(...)`);
    expect(await matchLines(y, 'import requests\nrequests.get(request.args.get("u"))\nrequests.get("https://x")\n')).toEqual([2]);
  });

  it('metavariable-pattern with another language parses a string', async () => {
    const y = ruleYaml(`patterns:
  - pattern: subprocess.run(["python", "-c", $CODE])
  - metavariable-pattern:
      metavariable: $CODE
      language: python
      pattern: os.system(...)`);
    const code = 'import subprocess\nsubprocess.run(["python", "-c", "import os; os.system(x)"])\nsubprocess.run(["python", "-c", "print(1)"])\n';
    expect(await matchLines(y, code)).toEqual([2]);
  });

  it('metavariable-comparison compares numbers (including octal literals)', async () => {
    const y = ruleYaml(`patterns:
  - pattern: os.chmod($P, $MODE)
  - metavariable-comparison:
      metavariable: $MODE
      comparison: $MODE & 2 == 2 or $MODE > 0o700`);
    // `&` is not part of the comparison language: the rule must fail to load
    await expect(matchLines(y, 'import os\nos.chmod(p, 0o777)\n')).rejects.toThrow();
    const y2 = ruleYaml(`patterns:
  - pattern: os.chmod($P, $MODE)
  - metavariable-comparison:
      metavariable: $MODE
      comparison: $MODE > 0o700`);
    expect(await matchLines(y2, 'import os\nos.chmod(p, 0o777)\nos.chmod(p, 0o600)\nos.chmod(p, mode)\n')).toEqual([2]);
  });

  it('metavariable-comparison with strings, int() and in', async () => {
    const y = ruleYaml(`patterns:
  - pattern: rsa.generate_private_key(public_exponent=$E, key_size=$SIZE)
  - metavariable-comparison:
      metavariable: $SIZE
      comparison: int($SIZE) < 2048 and $E in [65537, 3]`);
    expect(await matchLines(y, 'rsa.generate_private_key(public_exponent=65537, key_size=1024)\nrsa.generate_private_key(public_exponent=65537, key_size=4096)\n')).toEqual([1]);
  });

  it('metavariable-comparison re.match reads the rule regex dialect (inline flags)', async () => {
    const y = ruleYaml(`patterns:
  - pattern: render($X)
  - metavariable-comparison:
      comparison: re.match("(?is).*<H1", str($X))`);
    expect(await matchLines(y, 'render("a\\n<h1>x")\nrender("plain")\n')).toEqual([1]);
  });

  it('metavariable-analysis entropy', async () => {
    const y = ruleYaml(`patterns:
  - pattern: $K = "$V"
  - metavariable-analysis:
      metavariable: $V
      analyzer: entropy`);
    expect(await matchLines(y, 'a = "hello world"\nb = "q8Z!k2@Lp0#xR7$wT4^m"\n')).toEqual([2]);
  });

  it('focus-metavariable narrows the match', async () => {
    const y = ruleYaml(`patterns:
  - pattern: requests.get($URL, verify=False)
  - focus-metavariable: $URL`);
    const fs = await findings(y, 'import requests\nrequests.get(url, verify=False)\n');
    expect(fs).toHaveLength(1);
    expect(fs[0].location.start).toMatchObject({ line: 2, column: 14 });
    expect(fs[0].location.end).toMatchObject({ line: 2, column: 17 });
  });

  it('focus-metavariable with a list is a union', async () => {
    const y = ruleYaml(`patterns:
  - pattern: f($A, $B)
  - focus-metavariable: [$A, $B]`);
    const fs = await findings(y, 'f(one, two)\n');
    expect(fs.map((f) => f.location.start.column)).toEqual([3, 8]);
  });

  it('messages interpolate metavariables', async () => {
    const y = ruleYaml('pattern: hashlib.$H($D)', 'python', 'test.rule', 'weak hash $H on $D');
    const fs = await findings(y, 'import hashlib\nhashlib.md5(data)\n');
    expect(fs[0].message).toBe('weak hash md5 on data');
  });

  it('fix rewrites the match with metavariables', async () => {
    const y = ruleYaml('pattern: yaml.load($X)\nfix: yaml.safe_load($X)');
    const fs = await findings(y, 'import yaml\nyaml.load(open(p))\n');
    expect(fs[0].fix?.edits[0].replacement).toBe('yaml.safe_load(open(p))');
    expect(fs[0].fix?.edits[0].location.start.line).toBe(2);
  });

  it('fix-regex rewrites part of the match', async () => {
    const y = ruleYaml('pattern: requests.get(..., verify=False)\nfix-regex:\n  regex: ",\\\\s*verify=False"\n  replacement: ""');
    const fs = await findings(y, 'import requests\nrequests.get(u, verify=False)\n');
    expect(fs[0].fix?.edits[0].replacement).toBe('requests.get(u)');
  });

  it('fix-regex replacements refer to groups as Python (\\1, \\g<1>) or JS ($1) does', async () => {
    const y = ruleYaml('pattern: subprocess.run(..., shell=True, ...)\nfix-regex:\n  regex: ",\\\\s*shell=True(\\\\s*,)?"\n  replacement: "\\\\1"');
    const fs = await findings(y, 'import subprocess\nsubprocess.run(["ls", p], shell=True, check=True)\nsubprocess.run(["ls", p], shell=True)\n');
    expect(fs.map((f) => f.fix?.edits[0].replacement)).toEqual(['subprocess.run(["ls", p], check=True)', 'subprocess.run(["ls", p])']);
    const g = ruleYaml('pattern: hashlib.md5($X)\nfix-regex:\n  regex: "(hashlib)\\\\.md5"\n  replacement: "\\\\g<1>.sha256 $1"');
    expect((await findings(g, 'import hashlib\nhashlib.md5(b)\n'))[0].fix?.edits[0].replacement).toBe('hashlib.sha256 hashlib(b)');
  });

  it('paths include/exclude', async () => {
    const { Scanner } = await import('../../src/core/scanner.js');
    const { loadRulesFromText } = await import('../../src/engine/rules/load.js');
    const y = ruleYaml('pattern: eval(...)\npaths:\n  include: ["src/"]\n  exclude: ["*_test.py"]');
    const s = await Scanner.create({ rules: loadRulesFromText(y, 'r.yaml').rules });
    expect(s.scanText('src/a.py', 'eval(x)\n').findings).toHaveLength(1);
    expect(s.scanText('lib/a.py', 'eval(x)\n').findings).toHaveLength(0);
    expect(s.scanText('src/a_test.py', 'eval(x)\n').findings).toHaveLength(0);
  });

  it('same rule and range reported once', async () => {
    const y = ruleYaml(`pattern-either:
  - pattern: eval($X)
  - pattern: eval(...)`);
    expect(await matchLines(y, 'eval(a)\n')).toEqual([1]);
  });
});

describe('metavariable-analysis: redos', () => {
  it('flags regexes with exponential or polynomial backtracking, not safe ones', async () => {
    const y = ruleYaml(`patterns:
  - pattern: re.compile($R, ...)
  - metavariable-analysis:
      metavariable: $R
      analyzer: redos`);
    const code = 'import re\nA = re.compile(r"^(a+)+$")\nB = re.compile(r"^[a-z]+@example\\\\.com$")\nC = re.compile(r"(\\\\w+\\\\s?)*$")\nD = re.compile(r"^\\\\d{3}-\\\\d{4}$")\n';
    expect(await matchLines(y, code)).toEqual([2, 4]);
  });
  it('options.complexity: exponential leaves out polynomial backtracking', async () => {
    const y = ruleYaml(`patterns:
  - pattern: re.compile($R, ...)
  - metavariable-analysis:
      metavariable: $R
      analyzer: redos
      options:
        complexity: exponential`);
    // line 3 backtracks quadratically (\\s*$ after a greedy run), line 2 exponentially
    const code = 'import re\nA = re.compile(r"^(a+)+$")\nB = re.compile(r"\\s*x*\\s*$")\nC = re.compile(r"^[a-z]+$")\n';
    expect(await matchLines(y, code)).toEqual([2]);
    const any = ruleYaml(`patterns:
  - pattern: re.compile($R, ...)
  - metavariable-analysis:
      metavariable: $R
      analyzer: redos`);
    expect(await matchLines(any, code)).toEqual([2, 3]);
  });
  it('options.anchor: a regex matched at the start or in full is analysed anchored', async () => {
    const rule = (anchor: string) => ruleYaml(`patterns:
  - pattern: re.$F($R, ...)
  - metavariable-analysis:
      metavariable: $R
      analyzer: redos
      options:
        complexity: exponential${anchor}`);
    // unanchored, (\\w+,?)+ finds a short match at once; anchored at both ends it backtracks exponentially
    const code = 'import re\nre.fullmatch(r"(\\w+,?)+", s)\n';
    expect(await matchLines(rule(''), code)).toEqual([]);
    expect(await matchLines(rule('\n        anchor: full'), code)).toEqual([2]);
  });
  it('rejects unknown redos options', async () => {
    await expect(matchLines(ruleYaml(`patterns:
  - pattern: re.compile($R, ...)
  - metavariable-analysis:
      metavariable: $R
      analyzer: redos
      options:
        complexity: cubic`), 'x = 1\n')).rejects.toThrow(/complexity/);
  });
  it('works on JavaScript regex literals', async () => {
    const y = ruleYaml(`patterns:
  - pattern: $R.test(...)
  - metavariable-analysis:
      metavariable: $R
      analyzer: redos`, 'javascript');
    expect(await matchLines(y, 'const ok = /^(a|aa)+$/.test(s);\nconst fine = /^[a-f0-9]{32}$/.test(s);\n', 'javascript')).toEqual([1]);
  });
  it('options.complexity: exponential keeps only exponential backtracking', async () => {
    const rule = (opts: string) => ruleYaml(`patterns:
  - pattern: $R.test(...)
  - metavariable-analysis:
      metavariable: $R
      analyzer: redos${opts}`, 'javascript');
    // line 1 is exponential, line 2 polynomial (trailing-space trim), line 3 safe
    const code = 'a = /^(a+)+$/.test(s);\nb = /\\s+$/.test(s);\nc = /^\\d+$/.test(s);\n';
    expect(await matchLines(rule(''), code, 'javascript')).toEqual([1, 2]);
    expect(await matchLines(rule('\n      options:\n        complexity: exponential'), code, 'javascript')).toEqual([1]);
  });
});

describe('options', () => {
  it('constant_propagation: false turns constant propagation off', async () => {
    const code = 'import hashlib\nALG = "md5"\nhashlib.new(ALG)\nhashlib.new("md5")\n';
    expect(await matchLines(ruleYaml('pattern: hashlib.new("md5")'), code)).toEqual([3, 4]);
    expect(await matchLines(ruleYaml('pattern: hashlib.new("md5")\noptions:\n  constant_propagation: false'), code)).toEqual([4]);
  });
});
