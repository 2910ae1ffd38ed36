/**
 * The bundled pack's conventions: every rule has full metadata, a severity that follows the
 * documented scheme, at least 3 firing and 3 non-firing fixture cases, and docs/rules.md is
 * current. (`redpen test rules`, run by `npm test`, checks each fixture's annotations.)
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUNDLED_RULES } from '../../src/config/rules.js';
import { checkPackRule, readPack, rulesMarkdown, schemeSeverity } from '../../src/testing/pack.js';

describe('rule pack', async () => {
  const pack = await readPack(BUNDLED_RULES);

  it('has rules', () => expect(pack.length).toBeGreaterThan(0));

  for (const p of pack) {
    it(`${p.rule.id} follows the pack conventions`, () => {
      expect(checkPackRule(p)).toEqual([]);
    });
  }

  it('rule ids are unique across languages', () => {
    const ids = pack.map((p) => p.rule.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('docs/rules.md is generated from the YAML (run `npm run docs`)', () => {
    const committed = fs.readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');
    expect(committed).toBe(rulesMarkdown(pack));
  });

  it('the severity scheme', () => {
    expect(schemeSeverity('high', 'high')).toBe('critical');
    expect(schemeSeverity('high', 'medium')).toBe('high');
    expect(schemeSeverity('medium', 'medium')).toBe('medium');
    expect(schemeSeverity('low', 'medium')).toBe('low');
  });
});
