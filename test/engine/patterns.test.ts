/**
 * Every pattern feature, each with code it must match and look-alike code it must not.
 * `lines` are the 1-based lines where a match must start; any other match fails the case.
 */
import { describe, expect, it } from 'vitest';
import type { LanguageId } from '../../src/core/types.js';
import { matchLines, pattern } from '../helpers.js';

interface Case {
  name: string;
  lang?: LanguageId;
  pattern: string;
  code: string;
  lines: number[];
}

const ruleLang = (l: LanguageId) => (l === 'tsx' ? 'typescript' : l);

const cases: Case[] = [
  // --- metavariables
  { name: 'metavariable binds any expression', pattern: 'eval($X)', code: 'eval(a)\neval(f(1) + 2)\nevaluate(a)\n', lines: [1, 2] },
  { name: 'same metavariable must bind equal code', pattern: '$X == $X', code: 'a == a\na == b\nf(1) == f(1)\n', lines: [1, 3] },
  { name: '$_ does not unify', pattern: 'foo($_, $_)', code: 'foo(1, 2)\nfoo(1)\n', lines: [1] },
  { name: 'metavariable in attribute position', pattern: 'os.$F("rm")', code: 'os.system("rm")\nos.popen("rm")\nos.system("ls")\n', lines: [1, 2] },
  {
    name: 'a with-statement alias is the name used in the body',
    pattern: 'with tarfile.open(...) as $T:\n  ...\n  $T.extractall(...)',
    code: 'import tarfile\nwith tarfile.open(p) as tar:\n    tar.extractall("x")\nwith tarfile.open(p) as tar:\n    other.extractall("x")\n',
    lines: [2],
  },
  // --- ellipsis in arguments
  { name: '... matches any arguments', pattern: 'foo(...)', code: 'foo()\nfoo(1, 2, x=3)\nbar(1)\n', lines: [1, 2] },
  { name: 'leading and trailing ellipsis', pattern: 'foo(..., 5, ...)', code: 'foo(5)\nfoo(1, 5, 9)\nfoo(1, 2)\n', lines: [1, 2] },
  { name: 'first argument then ellipsis', pattern: 'foo($A, ...)', code: 'foo(1)\nfoo(1, 2)\nfoo()\n', lines: [1, 2] },
  { name: 'no ellipsis means exact arity', pattern: 'foo($A)', code: 'foo(1)\nfoo(1, 2)\n', lines: [1] },
  { name: '$...ARGS binds a sequence', pattern: 'foo($...ARGS, 3)', code: 'foo(3)\nfoo(1, 2, 3)\nfoo(1, 2)\n', lines: [1, 2] },
  // --- keyword arguments
  { name: 'keyword arguments in any order', pattern: 'requests.get($U, verify=False, timeout=$T)', code: 'import requests\nrequests.get(u, timeout=5, verify=False)\nrequests.get(u, verify=True, timeout=5)\n', lines: [2] },
  { name: 'keyword with ellipsis allows other keywords', pattern: 'subprocess.run(..., shell=True, ...)', code: 'import subprocess\nsubprocess.run(c, check=True, shell=True, cwd=d)\nsubprocess.run(c, check=True)\n', lines: [2] },
  { name: 'exact keyword set without ellipsis', pattern: 'f(x=1)', code: 'f(x=1)\nf(x=1, y=2)\n', lines: [1] },
  // --- strings
  { name: '"..." matches any constant string, not f-strings with values', pattern: 'execute("...")', code: 'execute("SELECT 1")\nexecute(\'x\')\nexecute(f"SELECT {a}")\nexecute(q)\n', lines: [1, 2] },
  { name: 'string content compares without quote style', pattern: 'hashlib.new("md5")', code: 'import hashlib\nhashlib.new(\'md5\')\nhashlib.new("sha256")\n', lines: [2] },
  { name: 'string regex', pattern: 'hashlib.new("=~/^(md5|sha1)$/i")', code: 'import hashlib\nhashlib.new("MD5")\nhashlib.new("sha1")\nhashlib.new("sha512")\n', lines: [2, 3] },
  { name: 'f"..." matches f-strings', pattern: 'os.system(f"...")', code: 'import os\nos.system(f"ls {d}")\nos.system("ls")\n', lines: [2] },
  { name: 'constant propagation of a single string assignment', pattern: 'hashlib.new("md5")', code: 'import hashlib\nALG = "md5"\nhashlib.new(ALG)\nx = "md5"\nx = "sha256"\nhashlib.new(x)\n', lines: [3] },
  { name: 'a string pattern on its own matches a name holding a constant string', lang: 'javascript', pattern: '"..."', code: 'const K = "k1";\nuse(K);\nlet v = "a";\nv = "b";\nuse(v);\nuse(other);\n', lines: [1, 2, 3, 4] },
  // --- containers
  { name: 'list with ellipsis', pattern: '[..., "--privileged", ...]', code: 'a = ["run", "--privileged", "img"]\nb = ["run", "img"]\n', lines: [1] },
  { name: 'dict keys in any order with ellipsis', pattern: '{..., "verify": False, ...}', code: 'a = {"url": u, "verify": False}\nb = {"verify": True}\n', lines: [1] },
  { name: 'JS shorthand property matches a key: value pattern', lang: 'javascript', pattern: 'f({..., iv: $V, ...})', code: 'f({ name: n, iv });\nf({ iv: x });\nf({ ivx });\nf({ other });\n', lines: [1, 2] },
  { name: 'JS object with ellipsis', lang: 'javascript', pattern: '{..., rejectUnauthorized: false, ...}', code: 'const o = { host: h, rejectUnauthorized: false };\nconst p = { rejectUnauthorized: true };\n', lines: [1] },
  // --- deep expressions
  { name: 'deep expression', pattern: 'cursor.execute(<... $Q ...>)', code: 'cursor.execute("a" + q)\ncursor.execute(q)\ncursor.execute(fmt(1, g(q)))\nother.execute(q)\n', lines: [1, 2, 3] },
  // --- statements and sequences
  { name: 'statement sequence with ellipsis', pattern: '$F = open($P)\n...\n$F.write($D)', code: 'f = open(p)\nx = 1\nf.write(d)\ng = open(p)\nh.write(d)\n', lines: [1] },
  { name: 'assignment statement in a sequence matches a JS declaration', lang: 'javascript', pattern: '$R = verify($T);\n...\nuse($T);', code: 'const r = verify(t);\nuse(t);\nlet a = 1, b = verify(u);\nuse(u);\nx = verify(v);\nuse(v);\n', lines: [1, 5] },
  { name: 'deep statement matching after ellipsis', pattern: '$X = input()\n...\nos.system($X)', code: 'import os\nx = input()\nif x:\n    os.system(x)\n', lines: [2] },
  { name: 'function definition with ellipsis body', pattern: 'def $F(..., password, ...):\n    ...', code: 'def login(user, password):\n    return 1\ndef other(user):\n    return 2\n', lines: [1] },
  { name: 'function pattern matches annotated definitions', pattern: 'def $F(...):\n    ...', code: 'def a(x) -> str:\n    return x\nasync def b(y: int) -> None:\n    pass\nlambda: 1\n', lines: [1, 3] },
  { name: 'return annotation in the pattern', pattern: 'def $F(...) -> int:\n    ...', code: 'def a(x) -> int:\n    return 1\ndef b(x) -> str:\n    return ""\ndef c(x):\n    return 1\n', lines: [1] },
  { name: 'with ... as $X binds the name used in the body', pattern: 'with smtplib.SMTP(...) as $S:\n    ...\n    $S.login(...)', code: 'import smtplib\nwith smtplib.SMTP(h) as s:\n    s.login(u, p)\nwith smtplib.SMTP(h) as s:\n    t.login(u, p)\n', lines: [2] },
  { name: 'return statement', pattern: 'return $X == None', code: 'def f(a):\n    return a == None\ndef g(a):\n    return a\n', lines: [2] },
  { name: 'decorators: the pattern names a subset', pattern: '@app.route(...)\ndef $F(...):\n    ...', code: '@login_required\n@app.route("/x")\ndef view():\n    pass\ndef plain():\n    pass\n', lines: [1] },
  // --- equivalences: parentheses, imports
  { name: 'parentheses do not matter', pattern: 'eval($X + $Y)', code: 'eval((a + b))\neval((a) + (b))\n', lines: [1, 2] },
  { name: 'import alias', pattern: 'subprocess.call(...)', code: 'import subprocess as sp\nsp.call(x)\ncall(x)\n', lines: [2] },
  { name: 'from-import', pattern: 'os.system($X)', code: 'from os import system\nsystem(x)\n', lines: [2] },
  { name: 'from-import with alias', pattern: 'os.system($X)', code: 'from os import system as s\ns(x)\nsystem(x)\n', lines: [2] },
  { name: 'nested module path', pattern: 'xml.etree.ElementTree.parse(...)', code: 'import xml.etree.ElementTree as ET\nET.parse(f)\nfrom xml.etree import ElementTree\nElementTree.parse(f)\n', lines: [2, 4] },
  { name: 'an imported name matches only where it is used, not in the import or as an attribute', pattern: 'django.views.decorators.csrf.csrf_exempt', code: 'from django.views.decorators.csrf import csrf_exempt\nfrom django.views.decorators import csrf\n@csrf_exempt\ndef v(r):\n    pass\nu = [f(csrf_exempt), g(csrf.csrf_exempt), h(other.csrf_exempt)]\nk(csrf_exempt=1)\n', lines: [3, 6, 6] },
  { name: 'import of a submodule', pattern: 'os.path.join(...)', code: 'from os import path\npath.join(a, b)\nimport os\nos.path.join(a, b)\n', lines: [2, 4] },
  { name: 'names imported from a module whose name is no identifier', lang: 'javascript', pattern: 'require("fs/promises").readFile($P)', code: 'import { readFile } from "node:fs/promises";\nreadFile(p);\nconst fsp = require("fs/promises");\nfsp.readFile(p);\nconst { readFile: rf } = require("fs-extra");\nrf(p);\n', lines: [2, 4] },
  { name: 'JS: `$X = e;` in a statement sequence matches a declaration', lang: 'javascript', pattern: '$F = open($P);\n...\n$F.write($D);', code: 'const f = open(p);\nlet x = 1;\nf.write(d);\nconst g = open(p), h = 2;\ng.write(d);\n', lines: [1] },
  { name: 'TS: `await f<T>(x)` is a call awaited (not `(await f)<T>(x)`)', lang: 'typescript', pattern: 'await db.query($Q)', code: 'async function f() {\n  await db.query<Row>(q);\n  await db.query(q);\n  await other.query<Row>(q);\n}\n', lines: [2, 3] },
  { name: 'require with alias', lang: 'javascript', pattern: 'child_process.exec($C, ...)', code: 'const cp = require("child_process");\ncp.exec(cmd);\nexec(cmd);\n', lines: [2] },
  { name: 'require with destructuring and rename', lang: 'javascript', pattern: 'child_process.exec($C, ...)', code: 'const { exec: run, spawn } = require("node:child_process");\nrun(cmd);\nspawn(cmd);\n', lines: [2] },
  { name: 'ES named import with alias', lang: 'typescript', pattern: 'child_process.exec($C)', code: 'import { exec as sh } from "child_process";\nsh(c);\n', lines: [2] },
  { name: 'ES namespace and default import', lang: 'javascript', pattern: 'fs.readFileSync($P)', code: 'import * as f from "fs";\nimport g from "fs";\nf.readFileSync(p);\ng.readFileSync(p);\nh.readFileSync(p);\n', lines: [3, 4] },
  { name: 'require() in the pattern', lang: 'javascript', pattern: 'require("child_process").exec(...)', code: 'const cp = require("child_process");\ncp.exec(c);\nrequire("child_process").exec(c);\nother.exec(c);\n', lines: [2, 3] },
  // --- JavaScript equivalences
  { name: '$X = e matches declarations', lang: 'javascript', pattern: '$X = crypto.createHash("md5")', code: 'const crypto = require("crypto");\nconst h = crypto.createHash("md5");\nlet g;\ng = crypto.createHash("md5");\n', lines: [2, 4] },
  { name: 'function expression matches arrow functions', lang: 'javascript', pattern: 'app.get($P, function ($REQ, $RES) { ... })', code: 'app.get("/a", (req, res) => { res.send(1); });\napp.get("/b", function (req, res) { res.end(); });\napp.get("/c", (req) => req);\n', lines: [1, 2] },
  { name: 'template literal with ... around a substitution', lang: 'javascript', pattern: 'db.query(`...${$X}...`)', code: 'db.query(`SELECT ${id}`);\ndb.query(`a ${x} b ${y} c`);\ndb.query(`SELECT 1`);\ndb.query("SELECT 1");\n', lines: [1, 2] },
  { name: 'template literal with fixed text before a substitution', lang: 'javascript', pattern: 'fetch(`https://api.example.com/${$X}...`)', code: 'fetch(`https://api.example.com/${id}/x`);\nfetch(`${base}/x`);\n', lines: [1] },
  { name: 'template literal pattern', lang: 'javascript', pattern: 'db.query(`...`)', code: 'db.query(`SELECT ${id}`);\ndb.query("SELECT 1");\n', lines: [1] },
  { name: 'JSX attribute', lang: 'javascript', pattern: '<$EL dangerouslySetInnerHTML={$X} />', code: 'const a = <div dangerouslySetInnerHTML={{ __html: h }} />;\nconst b = <div className="x" />;\n', lines: [1] },
  { name: 'typed metavariable', lang: 'typescript', pattern: 'crypto.createHash(($ALG : string))', code: 'import crypto from "crypto";\ncrypto.createHash("sha1");\nconst alg: string = pick();\ncrypto.createHash(alg);\ncrypto.createHash(n);\n', lines: [2, 4] },
  { name: 'method call on any object', lang: 'javascript', pattern: '$EL.innerHTML = $V', code: 'el.innerHTML = html;\nel.textContent = html;\n', lines: [1] },
  { name: 'TSX component', lang: 'tsx', pattern: 'eval($X)', code: 'export const C = () => { eval(code); return <div />; };\n', lines: [1] },
];

describe('pattern features', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const lang = c.lang ?? 'python';
      const lines = await matchLines(pattern(c.pattern, ruleLang(lang)), c.code, lang);
      expect(lines).toEqual(c.lines);
    });
  }
});
