/** Analysis-like records with the awkward values a canonical writer must treat like canonicalRecord. */
export function analysisKeysFixture(): unknown[] {
  const protoKey = JSON.parse('{"__proto__": 7, "b": 1}') as Record<string, unknown>;
  const sparse: unknown[] = [];
  sparse[2] = { kind: 'k', text: 't', confidence: 1, evidence: [] };
  return [
    {
      turnKey: 'c:t',
      conversationKey: 'c',
      detectorVersion: 'v',
      index: -0,
      state: 'A',
      stateName: 'x',
      shift: true,
      confidence: NaN,
      labels: [],
      features: { z: 1, a: Infinity, 10: 2, 2: -0, m: null },
    },
    {
      turnKey: 'c:t',
      conversationKey: 'c',
      detectorVersion: 'v',
      index: 1,
      state: 'A',
      stateName: 'x',
      shift: 'yes',
      confidence: 1e21,
      labels: sparse,
      features: protoKey,
    },
    { detectorVersion: 5, features: [1, 2], labels: [null, 3, { kind: 1, evidence: [{ feature: 'f', before: -Infinity }] }] },
    {
      turnKey: 'c:t',
      conversationKey: 'c',
      detectorVersion: 'v',
      index: 0,
      state: '\u2028',
      stateName: '"q"',
      shift: false,
      confidence: 0.1,
      labels: [],
      features: 'none',
    },
  ];
}
