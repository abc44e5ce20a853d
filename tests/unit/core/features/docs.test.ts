import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEATURES } from '../../../../src/core/features/registry.ts';
import { LABEL_VOCABULARY } from '../../../../src/core/detect/vocabulary.ts';
import { renderInstrumentDoc } from '../../../../bench/lib/instrument-doc.ts';
import { DETECTOR_VERSION } from '../../../../src/core/analyze.ts';

const doc = readFileSync(resolve(import.meta.dirname, '../../../../docs/instrument.md'), 'utf8');

describe('docs/instrument.md', () => {
  it('documents every registry feature and every label kind', () => {
    for (const f of FEATURES) expect(doc, f.name).toContain(`\`${f.name}\``);
    for (const v of LABEL_VOCABULARY) expect(doc, v.kind).toContain(`| ${v.kind} |`);
  });
  it('is exactly what the generator renders (regenerate: npx tsx bench/lib/write-instrument-doc.ts)', () => {
    expect(doc).toBe(renderInstrumentDoc(DETECTOR_VERSION));
  });
});
