import { describe, expect, it } from 'vitest';
import { analyzeRouter } from '../../../../src/core/router/analyze-router.ts';
import type { ConversationBundle } from '../../../../src/core/model/types.ts';
import { noText, synth } from './synthetic.ts';

describe('analyzeRouter report', () => {
  it('is plain JSON with conclusions that state a null hypothesis', () => {
    const r = analyzeRouter(synth('switcher', 8, 30, 20).conversations, { extractFeatures: noText, permutations: 49 });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(r.summary.join(' ')).toMatch(/Null hypothes/);
    const k = r.repertoire?.states.length ?? 0;
    expect(k).toBeGreaterThanOrEqual(3); // 3 true states; within-conversation centring may add a 4th
    expect(r.transitions?.matrix.length).toBe(k);
    expect(r.questions.map((q) => q.id)).toEqual(['repertoire', 'router', 'triggers', 'loop', 'models']);
    for (const q of r.questions) expect(['yes', 'no', "can't tell"]).toContain(q.verdict);
    expect(r.triggers?.tests.length).toBe(5);
    expect(r.mirroring.status).toBe('tested');
  });

  it('is reproducible from the seed', () => {
    const input = synth('switcher', 3).conversations;
    const a = analyzeRouter(input, { extractFeatures: noText, permutations: 49, seed: 5 });
    const b = analyzeRouter(input, { extractFeatures: noText, permutations: 49, seed: 5 });
    expect(a).toEqual(b);
  });

  it('refuses to model too little data and says why', () => {
    const r = analyzeRouter(synth('switcher', 1, 1, 4).conversations, { extractFeatures: noText });
    expect(r.comparison).toBeNull();
    expect(r.warnings[0]).toMatch(/at least 10/);
  });

  it('separates persona switches with and without a model change', () => {
    const convs = synth('switcher', 2).conversations.map((c) => ({
      ...c,
      turns: c.turns.map((t, i) => (t.role === 'assistant' ? { ...t, model: i < 16 ? 'gpt-4' : 'gpt-3.5' } : t)),
    }));
    const r = analyzeRouter(convs, { extractFeatures: noText, permutations: 19, skipMirroring: true });
    expect(r.modelSwitch.available).toBe(true);
    expect(r.modelSwitch.pairsWithModelChange).toBe(convs.length);
    expect(r.modelSwitch.conclusion).toMatch(/without a model change/);
  });

  it('accepts stored bundles and uses their stored features', () => {
    const bundles: ConversationBundle[] = synth('switcher', 6, 4, 8).conversations.map((c) => ({
      conversation: {
        key: `unknown:${c.id}`,
        site: 'unknown',
        conversationId: c.id,
        title: null,
        url: null,
        source: 'import:jsonl',
        firstSeen: 0,
        lastSeen: 0,
        models: [],
        turnCount: c.turns.length,
        assistantCount: 8,
        shiftCount: 0,
        annotationCount: 0,
      },
      turns: c.turns.map((t, i) => ({
        key: `${c.id}:${i}`,
        conversationKey: `unknown:${c.id}`,
        turnId: String(i),
        order: i,
        role: t.role,
        text: t.text,
        contentHash: '',
        model: null,
        selectedModel: null,
        thinking: null,
        branch: null,
        alternativeOf: null,
        capturedAt: 0,
        createdAt: null,
        route: null,
      })),
      analyses: c.turns.flatMap((t, i) =>
        t.role === 'assistant'
          ? [
              {
                index: i >> 1,
                state: 'A',
                stateName: '',
                shift: false,
                confidence: 0,
                labels: [],
                features: t.features ?? {},
                turnKey: `${c.id}:${i}`,
                conversationKey: `unknown:${c.id}`,
                detectorVersion: 'x',
              },
            ]
          : [],
      ),
      annotations: [],
    }));
    const r = analyzeRouter(bundles, {
      extractFeatures: () => {
        throw new Error('should use stored features');
      },
      permutations: 19,
      skipMirroring: true,
    });
    expect(r.sizes.replies).toBe(32);
    expect(r.repertoire?.featuresUsed).toEqual(['f0', 'f1', 'f2']);

    // Shared pages (someone else's chat, openable by any site) stay out unless asked for.
    const shared = bundles.map((b, i) => (i < 2 ? { ...b, conversation: { ...b.conversation, source: 'capture:shared' as const } } : b));
    const noShared = analyzeRouter(shared, {
      extractFeatures: () => {
        throw new Error('stored');
      },
      permutations: 19,
      skipMirroring: true,
    });
    expect(noShared.sizes.conversations).toBe(bundles.length - 2);
    expect(noShared.warnings.join(' ')).toMatch(/2 conversations captured from shared pages left out/);
    const withShared = analyzeRouter(shared, {
      extractFeatures: () => {
        throw new Error('stored');
      },
      permutations: 19,
      skipMirroring: true,
      includeShared: true,
    });
    expect(withShared.sizes.conversations).toBe(bundles.length);
  });
});
