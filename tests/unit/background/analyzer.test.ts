import { describe, expect, it } from 'vitest';
import { coreAnalyzer, createMeasureMemo } from '../../../src/background/analyzer.ts';
import { analyzeConversation } from '../../../src/core/analyze.ts';

const TURNS = [
  { role: 'user' as const, text: 'Hi?' },
  { role: 'assistant' as const, text: 'Hello! How can I help you today?', model: 'a' },
  { role: 'user' as const, text: 'Explain tides.' },
  { role: 'assistant' as const, text: 'Tides come from the Moon’s gravity pulling on the oceans.\n\n- High tide\n- Low tide', model: 'a' },
  { role: 'user' as const, text: 'More?' },
  { role: 'assistant' as const, text: 'Sure. The Sun matters too, about half as much as the Moon.', model: 'b' },
];

describe('worker analyzer', () => {
  it('gives exactly what the detector gives with model evidence, on first and memoised runs', () => {
    // Stamped with the analyzer's version (model evidence used), which the store compares rows with.
    const expected = { ...analyzeConversation(TURNS, { useModel: true }), detectorVersion: coreAnalyzer.version };
    expect(coreAnalyzer.analyze(TURNS)).toEqual(expected);
    expect(coreAnalyzer.analyze(TURNS)).toEqual(expected);
    expect(coreAnalyzer.version).toMatch(/\+model$/);
    expect(expected.switches).toContain(2); // model a → b
  });

  it('memo evicts the least recently used text', () => {
    const memo = createMeasureMemo(2);
    const a = memo('alpha text');
    const b = memo('beta text');
    expect(memo('alpha text')).toBe(a); // refreshed: beta is now the oldest
    memo('gamma text'); // evicts beta
    expect(memo('alpha text')).toBe(a);
    const again = memo('beta text');
    expect(again).not.toBe(b); // measured anew
    expect(again).toEqual(b); // to the same values
  });
});
