import { describe, expect, it } from 'vitest';
import { cweIds, explainRule, fixSentence, sentences } from '../../src/surfaces/compact.js';
import type { RuleInfo } from '../../src/core/types.js';

describe('compact findings', () => {
  it('finds the advice sentence of a message', () => {
    const m = 'yaml.load builds arbitrary objects from the document. A crafted file runs code. Use yaml.safe_load instead.';
    expect(sentences(m)).toHaveLength(3);
    expect(fixSentence(m)).toBe('Use yaml.safe_load instead.');
    // no sentence reads as advice: the last one
    expect(fixSentence('Weak hash. MD5 collides in seconds.')).toBe('MD5 collides in seconds.');
    // abbreviations such as "e.g." do not split a sentence
    expect(fixSentence('Bad call. Pass a list, e.g. run(["ls", p]), not a string.')).toBe('Pass a list, e.g. run(["ls", p]), not a string.');
  });

  it('keeps CWE ids only, once each', () => {
    expect(cweIds(['CWE-78: Improper Neutralization', 'cwe-78', 'CWE-89: SQL'])).toEqual(['CWE-78', 'CWE-89']);
  });

  it('explains a rule as what / why / safe alternative', () => {
    const info: RuleInfo = {
      id: 'python.yaml-load',
      name: 'yaml-load',
      shortDescription: '',
      help: 'yaml.load builds arbitrary objects. A crafted document runs code on load. Use yaml.safe_load instead.\n\nReferences:\n- https://example.org',
      severity: 'high',
      languages: ['python'],
      metadata: { cwe: ['CWE-502: Deserialization of Untrusted Data'], references: ['https://example.org'] },
    };
    expect(explainRule(info)).toMatchObject({
      what: 'yaml.load builds arbitrary objects.',
      why: 'A crafted document runs code on load.',
      safeAlternative: 'Use yaml.safe_load instead.',
      references: ['https://example.org'],
    });
  });
});
