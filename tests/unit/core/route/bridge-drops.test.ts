import { describe, expect, it } from 'vitest';
import { BRIDGE_DROPS, bridgeDropWords, parseBridgeDropCounts } from '../../../../src/core/route/bridge-drops.ts';

describe('bridge drop counts in words', () => {
  it('nothing ignored says none', () => {
    expect(bridgeDropWords({})).toBe('none');
    expect(bridgeDropWords({ malformed: 0 })).toBe('none');
  });
  it('a total and each reason in plain words, in a fixed order', () => {
    expect(bridgeDropWords({ 'rate-limited': 1200, malformed: 2, oversize: 1 })).toBe(
      '1,203 messages ignored: 2 malformed, 1 too large, 1,200 too many at once',
    );
    expect(bridgeDropWords({ 'foreign-source': 1 })).toBe('1 message ignored: 1 from another frame or window');
  });
  it('every reason has words', () => {
    for (const r of BRIDGE_DROPS) expect(bridgeDropWords({ [r]: 1 })).toMatch(/^1 message ignored: 1 [a-z]/);
  });
});

describe('bridge drop counts from the page', () => {
  it('keeps valid counts, drops zeros', () => {
    expect(parseBridgeDropCounts({ malformed: 3, oversize: 0 })).toEqual({ malformed: 3 });
    expect(parseBridgeDropCounts({})).toEqual({});
  });
  it('refuses anything else', () => {
    for (const bad of [
      null,
      undefined,
      'x',
      1,
      [],
      { malformed: -1 },
      { malformed: 1.5 },
      { malformed: '3' },
      { unknown: 1 },
      { malformed: Number.POSITIVE_INFINITY },
      { ['__proto__']: 1 },
    ])
      expect(parseBridgeDropCounts(bad)).toBeNull();
  });
});
