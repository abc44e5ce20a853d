import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportBundleJson } from '../../../../src/core/formats/bundle-json.ts';
import { parseAnyConversationFile } from '../../../../src/core/formats/detect.ts';
import { exportJsonl } from '../../../../src/core/formats/jsonl-export.ts';
import { bundlesArb } from './arbitrary.ts';

describe('export → import → export', () => {
  it('bundle JSON gives the same bytes (property over generated stores)', () => {
    fc.assert(
      fc.property(bundlesArb, (bundles) => {
        const first = exportBundleJson(bundles);
        const parsed = parseAnyConversationFile(first, 'store.json');
        expect(parsed.format).toBe('bundle');
        expect(exportBundleJson(parsed.bundles)).toBe(first);
      }),
      { numRuns: 150 },
    );
  });

  it('bundle JSON import keeps every field of a finite-valued bundle', () => {
    fc.assert(
      fc.property(bundlesArb, (bundles) => {
        const once = parseAnyConversationFile(exportBundleJson(bundles)).bundles;
        // Re-importing the same file gives equal records with equal keys (the store dedupes by key).
        expect(parseAnyConversationFile(exportBundleJson(bundles)).bundles).toEqual(once);
        expect(once.map((b) => b.conversation.key)).toEqual(bundles.map((b) => b.conversation.key));
        expect(once.map((b) => b.turns.map((t) => t.key))).toEqual(bundles.map((b) => b.turns.map((t) => t.key)));
      }),
      { numRuns: 50 },
    );
  });

  it('our JSONL gives the same bytes too', () => {
    fc.assert(
      fc.property(bundlesArb, (bundles) => {
        const first = exportJsonl(bundles);
        if (bundles.length === 0) {
          expect(first).toBe('');
          return;
        }
        const parsed = parseAnyConversationFile(first, 'store.jsonl');
        expect(exportJsonl(parsed.bundles)).toBe(first);
      }),
      { numRuns: 150 },
    );
  });

  it('steps, citations and not-captured reasons survive bundle JSON and JSONL', () => {
    fc.assert(
      fc.property(bundlesArb, (bundles) => {
        const extras = (bs: typeof bundles) => bs.flatMap((b) => b.turns.map((t) => [t.key, t.steps ?? null, t.citations ?? null, t.notCaptured ?? null]));
        expect(extras(parseAnyConversationFile(exportBundleJson(bundles), 'store.json').bundles)).toEqual(extras(bundles));
        if (bundles.length > 0) expect(extras(parseAnyConversationFile(exportJsonl(bundles), 'store.jsonl').bundles)).toEqual(extras(bundles));
      }),
      { numRuns: 50 },
    );
  });

  it('an empty selection exports a valid empty bundle', () => {
    const text = exportBundleJson([]);
    expect(JSON.parse(text)).toEqual({ format: 'persona-observatory', version: 1, detectorVersions: [], conversations: [] });
    expect(parseAnyConversationFile(text).bundles).toEqual([]);
  });
});
