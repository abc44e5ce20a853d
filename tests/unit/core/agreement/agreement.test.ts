import { describe, expect, it } from 'vitest';
import { agreementOfBundles, detectorAgreement, IN_EXTENSION, NO_SHIFT, wilsonInterval, type JudgedReply } from '../../../../src/core/agreement.ts';
import { sampleBundle } from '../formats/sample-bundle.ts';

describe('wilsonInterval', () => {
  it('matches worked examples (Wilson 1927; z = 1.96)', () => {
    const [lo, hi] = wilsonInterval(8, 10);
    expect(lo).toBeCloseTo(0.4902, 3);
    expect(hi).toBeCloseTo(0.9433, 3);
    const [lo0, hi0] = wilsonInterval(0, 5);
    expect(lo0).toBe(0);
    expect(hi0).toBeCloseTo(0.4345, 3);
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });
});

describe('detectorAgreement', () => {
  const r = (site: JudgedReply['site'], kinds: string[], verdict: JudgedReply['verdict'], source = IN_EXTENSION): JudgedReply => ({
    site,
    kinds,
    verdict,
    source,
  });

  it('counts verdicts per label kind, site and source; confirm is agreement', () => {
    const report = detectorAgreement(
      [
        r('chatgpt', ['tone'], 'confirm'),
        r('chatgpt', ['tone', 'warmth'], 'reject'),
        r('claude', [NO_SHIFT], 'confirm', 'label-studio'),
        r('claude', [NO_SHIFT], 'relabel', 'label-studio'),
        r('claude', [NO_SHIFT], 'confirm', 'argilla'),
      ],
      2,
    );
    expect(report.overall).toMatchObject({ confirmed: 3, rejected: 1, relabelled: 1, judged: 5, agreement: 0.6 });
    expect(report.byKind.map((k) => [k.key, k.confirmed, k.judged])).toEqual([
      [NO_SHIFT, 2, 3],
      ['tone', 1, 2],
      ['warmth', 0, 1],
    ]);
    expect(report.bySite.map((k) => [k.key, k.agreement])).toEqual([
      ['claude', 2 / 3],
      ['chatgpt', 0.5],
    ]);
    expect(report.bySource.map((k) => [k.key, k.judged])).toEqual(
      [
        ['label-studio', 2],
        ['argilla', 1],
        [IN_EXTENSION, 2],
      ].sort((a, b) => (b[1] as number) - (a[1] as number) || String(a[0]).localeCompare(String(b[0]))),
    );
    expect(report.byKind[0].interval?.[0]).toBeCloseTo(wilsonInterval(2, 3)[0], 10);
    expect(report.unlabelled).toBe(2);
  });

  it('nothing judged: no rate, no interval', () => {
    expect(detectorAgreement([]).overall).toEqual({ key: 'all', confirmed: 0, rejected: 0, relabelled: 0, judged: 0, agreement: null, interval: null });
  });

  it('from stored bundles: notes are not verdicts; verdicts without a label are counted apart', () => {
    const b = sampleBundle();
    b.annotations.push(
      {
        id: 'x1',
        turnKey: 'chatgpt:conv1:a1',
        conversationKey: 'chatgpt:conv1',
        kind: 'confirm',
        label: null,
        note: null,
        createdAt: 1,
        updatedAt: 1,
        origin: { tool: 'argilla', author: 'u' },
      },
      { id: 'x2', turnKey: 'chatgpt:conv1:a1', conversationKey: 'chatgpt:conv1', kind: 'note', label: null, note: 'hm', createdAt: 1, updatedAt: 1 },
      { id: 'x3', turnKey: 'chatgpt:conv1:a1b', conversationKey: 'chatgpt:conv1', kind: 'reject', label: null, note: null, createdAt: 1, updatedAt: 1 },
    );
    const report = agreementOfBundles([b]);
    // n1 relabels the "tone" shift at a2; x1 confirms "no shift" at a1; x3 is on an alternative without analysis.
    expect(report.byKind.map((k) => [k.key, k.confirmed, k.relabelled])).toEqual([
      [NO_SHIFT, 1, 0],
      ['tone', 0, 1],
    ]);
    expect(report.bySource.map((k) => k.key).sort()).toEqual(['argilla', IN_EXTENSION].sort());
    expect(report.unlabelled).toBe(1);
  });
});
