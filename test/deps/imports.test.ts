import { describe, expect, it } from 'vitest';
import { importsOf } from '../../src/deps/imports.js';
import { npmPackageOf, pythonDistribution } from '../../src/deps/names.js';

const names = async (path: string, code: string) => (await importsOf(path, code)).map((d) => `${d.ecosystem}:${d.name}${d.guessed ? '?' : ''}@${d.location.start.line}:${d.location.start.column}`);

describe('Python imports', () => {
  it('maps modules to distributions, skips the standard library and relative imports', async () => {
    const code = `import os, sys
import cv2 as cv
import yaml
from PIL import Image
from sklearn.model_selection import train_test_split
from bs4 import BeautifulSoup
import google.cloud.storage
from azure.storage.blob import BlobServiceClient
from . import sibling
from .pkg import thing
from __future__ import annotations
import totally_made_up_pkg
`;
    expect(await names('app.py', code)).toEqual([
      'PyPI:opencv-python@2:8', 'PyPI:PyYAML@3:8', 'PyPI:google-cloud-storage@7:8', 'PyPI:totally_made_up_pkg?@12:8',
      'PyPI:Pillow@4:6', 'PyPI:scikit-learn@5:6', 'PyPI:beautifulsoup4@6:6', 'PyPI:azure-storage-blob@8:6',
    ]);
  });

  it('knows the well-known mismatches', () => {
    expect(pythonDistribution('dateutil.parser').distribution).toBe('python-dateutil');
    expect(pythonDistribution('jwt').distribution).toBe('PyJWT');
    expect(pythonDistribution('Crypto.Cipher').distribution).toBe('pycryptodome');
    expect(pythonDistribution('json')).toEqual({ distribution: null, guessed: false });
    expect(pythonDistribution('requests')).toEqual({ distribution: 'requests', guessed: true });
  });
});

describe('JS imports', () => {
  it('reads import, export-from, require and dynamic import; keeps scopes, drops subpaths, skips built-ins and relative paths', async () => {
    const code = `import x from '@scope/pkg/sub/path';
import 'side-effect';
import fs from 'node:fs';
import path from 'path';
const y = require('./local');
const z = require('lodash/merge');
export { a } from 're-export';
const m = await import('dyn-pkg');
import alias from '@/components/Button';
`;
    expect(await names('a.mjs', code)).toEqual(['npm:@scope/pkg@1:16', 'npm:side-effect@2:9', 'npm:re-export@7:20', 'npm:lodash@6:20', 'npm:dyn-pkg@8:25']);
  });

  it('names the package of a specifier', () => {
    expect(npmPackageOf('@types/node')).toBe('@types/node');
    expect(npmPackageOf('lodash/fp/get')).toBe('lodash');
    expect(npmPackageOf('fs/promises')).toBeNull();
    expect(npmPackageOf('https://esm.sh/react')).toBeNull();
    expect(npmPackageOf('npm:chalk@5')).toBe('chalk');
    expect(npmPackageOf('#internal/x')).toBeNull();
    expect(npmPackageOf('@scope')).toBeNull();
  });

  it('reads TypeScript', async () => {
    expect(await names('a.ts', `import type { A } from 'zod';\nimport express = require('express');\n`)).toEqual(['npm:zod@1:25', 'npm:express@2:27']);
  });
});

describe('snippets and install commands', () => {
  it('reads code fences in markdown and maps lines to the document', async () => {
    const md = `Here is how:

\`\`\`python
import requests
import fancy_ai_helper
\`\`\`

Then run:

\`\`\`bash
pip install fancy-ai-helper==0.3.1 "requests[socks]>=2"
npm install --save-dev left-pad @types/node
\`\`\`
`;
    const deps = await importsOf('chat.md', md);
    expect(deps.map((d) => `${d.name}@${d.location.start.line}:${d.location.start.column}${d.spec ? ` ${d.spec}` : ''}`)).toEqual([
      'requests@4:8', 'fancy_ai_helper@5:8', 'fancy-ai-helper@11:13 ==0.3.1', 'requests@11:37 >=2', 'left-pad@12:24', '@types/node@12:33',
    ]);
  });

  it('reads notebook cells and !pip lines', async () => {
    const nb = JSON.stringify({
      cells: [
        { cell_type: 'code', source: ['!pip install transformers\n', 'import torch\n', 'from transformers import pipeline\n'], outputs: [] },
        { cell_type: 'markdown', source: ['pip install not-code'] },
      ],
      metadata: { kernelspec: { language: 'python' } },
    }, null, 1);
    const deps = await importsOf('n.ipynb', nb);
    expect(deps.map((d) => d.name).sort()).toEqual(['torch', 'transformers', 'transformers']);
    expect(deps.every((d) => d.location.start.line > 1)).toBe(true);
  });

  it('never throws on broken code', async () => {
    expect(await names('x.py', 'import (\nfrom requests import\n')).toEqual(expect.any(Array));
  });
});
