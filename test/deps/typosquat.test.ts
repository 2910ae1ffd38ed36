import { describe, expect, it } from 'vitest';
import { PopularIndex, popularIndex, skeleton } from '../../src/deps/typosquat.js';

describe('typosquats', () => {
  const npm = popularIndex('npm');
  const pypi = popularIndex('PyPI');

  it('loads the shipped popularity lists', () => {
    expect(npm.size).toBeGreaterThan(19_000);
    expect(pypi.size).toBeGreaterThan(14_000);
    expect(npm.rank('lodash')).toBeLessThan(500);
    expect(npm.rank('semver')).toBe(1);
  });

  it('never flags popular names themselves', () => {
    for (const n of ['lodash', 'express', 'react', 'react-dom', '@babel/core', 'chalk']) expect(npm.resemble(n)).toBeNull();
    for (const n of ['requests', 'Django', 'python-dateutil', 'PyYAML', 'scikit-learn']) expect(pypi.resemble(n)).toBeNull();
  });

  it('names the popular package and how the name resembles it', () => {
    expect(npm.resemble('expresss')).toEqual({ popular: 'express', how: 'is one letter away from' });
    expect(npm.resemble('loadsh')).toEqual({ popular: 'lodash', how: 'swaps two adjacent letters of' });
    expect(pypi.resemble('reqeusts')).toMatchObject({ popular: 'requests' });
    expect(npm.resemble('1odash')).toEqual({ popular: 'lodash', how: 'uses lookalike characters for' });
    expect(npm.resemble('lоdash')?.popular).toBe('lodash'); // Cyrillic о
    expect(npm.resemble('reactdom')).toEqual({ popular: 'react-dom', how: 'differs only in separators from' });
    expect(pypi.resemble('python-requests')).toEqual({ popular: 'requests', how: 'adds the prefix "python-" to' });
    expect(npm.resemble('lodash-js')).toEqual({ popular: 'lodash', how: 'adds the suffix "-js" to' });
    expect(npm.resemble('babel-core-x')).toBeNull();
  });

  it('scope confusion', () => {
    const idx = new PopularIndex('npm', ['@typescript-eslint/parser', 'left-pad']);
    expect(idx.resemble('typescript-eslint-parser')).toEqual({ popular: '@typescript-eslint/parser', how: 'confuses a scope with a name prefix of' });
    expect(new PopularIndex('npm', ['babel-core']).resemble('@babel/core')?.popular).toBe('babel-core');
  });

  it('leaves unrelated and short names alone', () => {
    expect(npm.resemble('my-company-internal-utils')).toBeNull();
    expect(new PopularIndex('npm', ['ms']).resemble('ws')).toBeNull();
    expect(skeleton('rnodule')).toBe('module');
  });
});
