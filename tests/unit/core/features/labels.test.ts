import { describe, expect, it } from 'vitest';
import { FEATURES } from '../../../../src/core/features/registry.ts';
import { FEATURE_LABELS, featureLabel } from '../../../../src/core/features/labels.ts';

describe('FEATURE_LABELS (the light copy of the registry labels)', () => {
  it('equals the registry, name for name and in order', () => {
    const expected = Object.fromEntries(FEATURES.map((f) => [f.name, f.label]));
    const hint = `replace the object in src/core/features/labels.ts with:\n${FEATURES.map((f) => `  ${f.name}: ${JSON.stringify(f.label)},`).join('\n')}`;
    expect(Object.entries(FEATURE_LABELS), hint).toEqual(Object.entries(expected));
  });
  it('falls back to the spaced name for an unknown feature', () => {
    expect(featureLabel('exclamation_share')).toBe('Exclamations');
    expect(featureLabel('made_up_thing')).toBe('made up thing');
  });
});
