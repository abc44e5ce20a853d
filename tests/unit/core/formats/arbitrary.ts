/** fast-check generators of consistent ConversationBundles (keys agree, alternatives point at main-line turns). */
import fc from 'fast-check';
import type { Annotation, ConversationBundle, StoredAnalysis, Turn } from '../../../../src/core/model/types.ts';
import { ANNOTATION_KINDS, SITE_IDS, SOURCES } from '../../../../src/core/model/records.ts';

const text = fc.string({ unit: 'binary', maxLength: 40 });
const nullableText = fc.option(text, { nil: null });
const num = fc.double();
const time = fc.integer({ min: 0, max: 4e12 });

const turnSeed = fc.record({
  role: fc.constantFrom('user' as const, 'assistant' as const),
  text,
  model: nullableText,
  selectedModel: nullableText,
  thinking: nullableText,
  branch: fc.option(fc.record({ index: fc.nat(5), count: fc.nat(5) }), { nil: null }),
  capturedAt: time,
  createdAt: fc.option(time, { nil: null }),
  alternative: fc.boolean(),
  analysis: fc.option(
    fc.record({
      index: fc.nat(100),
      state: text,
      stateName: text,
      shift: fc.boolean(),
      confidence: num,
      labels: fc.array(
        fc.record({
          kind: text,
          text,
          confidence: num,
          evidence: fc.array(fc.record({ feature: text, before: num, after: num, effect: num }), { maxLength: 2 }),
        }),
        { maxLength: 2 },
      ),
      features: fc.dictionary(fc.string({ maxLength: 8 }), fc.option(num, { nil: null }), { maxKeys: 4 }),
      detectorVersion: text,
    }),
    { nil: null },
  ),
  annotations: fc.array(fc.record({ kind: fc.constantFrom(...ANNOTATION_KINDS), label: nullableText, note: nullableText, createdAt: time, updatedAt: time }), {
    maxLength: 2,
  }),
});

export const bundleArb: fc.Arbitrary<ConversationBundle> = fc
  .record({
    site: fc.constantFrom(...SITE_IDS),
    conversationId: fc.string({ minLength: 1, maxLength: 12 }),
    title: nullableText,
    url: nullableText,
    source: fc.constantFrom(...SOURCES),
    firstSeen: time,
    lastSeen: time,
    models: fc.array(text, { maxLength: 3 }),
    counts: fc.array(fc.nat(50), { minLength: 4, maxLength: 4 }),
    seeds: fc.array(turnSeed, { maxLength: 6 }),
  })
  .map((r) => {
    const key = `${r.site}:${r.conversationId}`;
    const turns: Turn[] = [];
    const analyses: StoredAnalysis[] = [];
    const annotations: Annotation[] = [];
    let lastMain: Turn | null = null;
    r.seeds.forEach((s, i) => {
      const turnId = `t${i}`;
      const alternativeOf: string | null = s.alternative && lastMain ? lastMain.key : null;
      const turn: Turn = {
        key: `${key}:${turnId}`,
        conversationKey: key,
        turnId,
        order: alternativeOf && lastMain ? lastMain.order : i,
        role: s.role,
        text: s.text,
        contentHash: `h${i}`,
        model: s.model,
        selectedModel: s.selectedModel,
        thinking: s.thinking,
        branch: s.branch,
        alternativeOf,
        capturedAt: s.capturedAt,
        createdAt: s.createdAt,
        route: i % 4 === 1 ? { requested: s.selectedModel, shown: s.model, served: `served-${i}`, flags: ['served-from:ste'], source: 'page-reported' } : null,
        ...(i % 3 === 2
          ? {
              steps: [
                { kind: 'search' as const, text: `Read ${i} web pages` },
                { kind: 'thinking' as const, text: s.text },
              ],
            }
          : {}),
        ...(i % 3 === 2 ? { citations: [`https://example.org/${i}`, s.text] } : {}),
        ...(i % 5 === 3 ? { notCaptured: `reason ${s.text}` } : {}),
      };
      turns.push(turn);
      if (alternativeOf === null) lastMain = turn;
      if (s.analysis) analyses.push({ ...s.analysis, turnKey: turn.key, conversationKey: key });
      s.annotations.forEach((a, k) => annotations.push({ ...a, id: `a${i}-${k}`, turnKey: turn.key, conversationKey: key }));
    });
    return {
      conversation: {
        key,
        site: r.site,
        conversationId: r.conversationId,
        title: r.title,
        url: r.url,
        source: r.source,
        firstSeen: r.firstSeen,
        lastSeen: r.lastSeen,
        models: r.models,
        turnCount: r.counts[0],
        assistantCount: r.counts[1],
        shiftCount: r.counts[2],
        annotationCount: r.counts[3],
      },
      turns,
      analyses,
      annotations,
    };
  });

/** Several bundles with distinct conversation keys. */
export const bundlesArb = fc.uniqueArray(bundleArb, { maxLength: 4, selector: (b) => b.conversation.key });
