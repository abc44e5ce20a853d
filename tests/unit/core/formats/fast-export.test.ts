/**
 * The exporters write JSON/CSV text directly (no canonical copy, no papaparse per cell) for
 * speed. These tests pin that output to the straightforward definitions they replace:
 * JSON.stringify(canonicalRecord(...)) and Papa.unparse of the row arrays.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { analysisKeysFixture } from './fast-export-fixture.ts';
import { FEATURES } from '../../../../src/core/features/registry.ts';
import { canonicalBundle, exportBundleJson } from '../../../../src/core/formats/bundle-json.ts';
import { csvCell, csvColumns, exportCsv } from '../../../../src/core/formats/csv.ts';
import { indexExtras } from '../../../../src/core/formats/analysis-join.ts';
import { canonicalJson } from '../../../../src/core/formats/json-text.ts';
import { exportJsonl, toLine } from '../../../../src/core/formats/jsonl-export.ts';
import { LINE_SCHEMA } from '../../../../src/core/formats/jsonl-records.ts';
import { ANALYSIS_SCHEMA } from '../../../../src/core/model/records.ts';
import { canonicalRecord } from '../../../../src/core/model/schema.ts';
import { isoTime } from '../../../../src/core/formats/time.ts';
import type { ConversationBundle, StoredAnalysis } from '../../../../src/core/model/types.ts';
import { bundlesArb } from './arbitrary.ts';

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const PAPA = { escapeFormulae: FORMULA_START, newline: '\r\n', header: false };

/** The JSONL line as first defined: canonical copy, then JSON.stringify. */
const referenceJsonl = (bundles: ConversationBundle[]): string => bundles.map((b) => JSON.stringify(canonicalRecord(LINE_SCHEMA, toLine(b))) + '\n').join('');

const referenceBundleJson = (bundles: ConversationBundle[]): string =>
  bundles.map((b, i) => (i > 0 ? ',\n' : '') + JSON.stringify(canonicalBundle(b))).join('');

/** The CSV as first defined: row arrays through Papa.unparse. */
function referenceCsv(bundles: ConversationBundle[], features: readonly { name: string }[]): string {
  let out = Papa.unparse([csvColumns(features)], PAPA) + '\r\n';
  for (const b of bundles) {
    if (b.turns.length === 0) continue;
    const extras = indexExtras(b);
    const turnIdOf = new Map(b.turns.map((t) => [t.key, t.turnId]));
    const c = b.conversation;
    const rows = b.turns.map((t) => {
      const a = extras.analysisOf(t.key);
      const n = extras.annotationsOf(t.key);
      return [
        c.key,
        c.site,
        c.conversationId,
        c.title,
        t.turnId,
        t.order,
        t.role,
        t.alternativeOf === null ? null : (turnIdOf.get(t.alternativeOf) ?? t.alternativeOf),
        t.model,
        t.selectedModel,
        isoTime(t.createdAt),
        t.text,
        t.thinking,
        ...(a
          ? [a.detectorVersion, a.state, a.stateName, a.shift, a.confidence, a.labels.map((l) => l.text).join(' | '), a.labels.map((l) => l.kind).join(' | ')]
          : [null, null, null, null, null, null, null]),
        ...(n.length
          ? [n.map((x) => x.kind).join(' | '), n.map((x) => x.label ?? '').join(' | '), n.map((x) => x.note ?? '').join(' | ')]
          : [null, null, null]),
        ...(t.route ? [t.route.requested, t.route.shown, t.route.served, t.route.flags.join(' '), t.route.source] : [null, null, null, null, null]),
        ...features.map((f) => a?.features[f.name] ?? null),
      ];
    });
    out += Papa.unparse(rows, PAPA) + '\r\n';
  }
  return out;
}

describe('direct writers give the same bytes as the definitions they replace', () => {
  it('JSONL, bundle JSON and CSV over generated stores', () => {
    fc.assert(
      fc.property(bundlesArb, (bundles) => {
        expect(exportJsonl(bundles)).toBe(referenceJsonl(bundles));
        const json = exportBundleJson(bundles);
        expect(json.slice(json.indexOf('[\n') + 2, json.lastIndexOf('\n]}'))).toBe(referenceBundleJson(bundles));
        // Feature names as the generator makes them (short random strings), plus the registry's.
        const names = [...new Set(bundles.flatMap((b) => b.analyses.flatMap((a) => Object.keys(a.features))))].map((name) => ({ name }));
        expect(exportCsv(bundles, { features: names })).toBe(referenceCsv(bundles, names));
        expect(exportCsv(bundles)).toBe(referenceCsv(bundles, FEATURES));
      }),
      { numRuns: 200 },
    );
  });

  it('awkward values: non-finite numbers, -0, integer-like and __proto__ feature names, missing fields, sparse arrays', () => {
    for (const record of analysisKeysFixture()) {
      expect(canonicalJson(ANALYSIS_SCHEMA, record as StoredAnalysis)).toBe(JSON.stringify(canonicalRecord(ANALYSIS_SCHEMA, record as StoredAnalysis)));
    }
  });

  it('CSV cells: quoting, formulas, spaces, BOM, numbers and booleans as papaparse writes them', () => {
    const cells = [
      '',
      'plain',
      ' lead',
      'trail ',
      'a,b',
      'say "hi"',
      'two\nlines',
      'cr\r',
      '\uFEFFbom',
      '=1+1',
      '+x',
      '-3',
      '@me',
      '\tTab',
      '＝full',
      'ok=',
      0,
      -0,
      1.5,
      1e21,
      NaN,
      Infinity,
      -2,
      true,
      false,
      null,
    ];
    for (const v of cells) expect(csvCell(v as never)).toBe(Papa.unparse([[v]], PAPA));
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (s) => {
        expect(csvCell(s)).toBe(Papa.unparse([[s]], PAPA));
      }),
      { numRuns: 500 },
    );
  });
});
