import { describe, expect, it } from 'vitest';
import { analyzeRoutes } from '../../../../src/core/route/analysis/index.ts';
import { analyzeRouter } from '../../../../src/core/router/index.ts';
import { mulberry32 } from '../../../../src/core/math/random.ts';
import type { ConversationBundle, RouteInfo, StoredAnalysis, Turn } from '../../../../src/core/model/types.ts';

const CUE_TEXT = {
  vulnerability: 'I feel so lonely and hopeless tonight',
  meta: 'are you conscious? what model are you',
  boredom: 'meh',
  plain: 'Can you explain how tides work in a few sentences please',
};

interface ReplySpec {
  user: string;
  served: string;
  chosen?: string;
  feature: number;
  shift?: boolean;
}

function bundle(id: string, replies: ReplySpec[]): ConversationBundle {
  const key = `chatgpt:${id}`;
  const turns: Turn[] = [];
  const analyses: StoredAnalysis[] = [];
  replies.forEach((r, i) => {
    const base = {
      conversationKey: key,
      contentHash: 'h',
      model: 'gpt-5',
      selectedModel: null,
      thinking: null,
      branch: null,
      alternativeOf: null,
      capturedAt: 0,
      createdAt: null,
    };
    turns.push({ ...base, key: `${key}:u${i}`, turnId: `u${i}`, order: 2 * i, role: 'user', text: r.user, model: null, route: null });
    const route: RouteInfo = { requested: r.chosen ?? 'gpt-5', shown: 'gpt-5', served: r.served, flags: [], source: 'page-reported' };
    turns.push({ ...base, key: `${key}:a${i}`, turnId: `a${i}`, order: 2 * i + 1, role: 'assistant', text: 'reply', route });
    analyses.push({
      turnKey: `${key}:a${i}`,
      conversationKey: key,
      detectorVersion: 't',
      index: i,
      state: 'A',
      stateName: 'x',
      shift: r.shift ?? false,
      confidence: 0,
      labels: [],
      features: { f1: r.feature, f2: r.feature * 2 + (i % 3) * 0.01 },
    });
  });
  return {
    conversation: {
      key,
      site: 'chatgpt',
      conversationId: id,
      title: null,
      url: null,
      source: 'capture',
      firstSeen: 0,
      lastSeen: 0,
      models: [],
      turnCount: turns.length,
      assistantCount: replies.length,
      shiftCount: 0,
      annotationCount: 0,
    },
    turns,
    analyses,
    annotations: [],
  };
}

/** A safety router: after a vulnerability cue it serves gpt-5-chat-safety with probability pCue, else pBase. */
function safetyWorld(seed: number, pCue: number, pBase: number): ConversationBundle[] {
  const rand = mulberry32(seed);
  return Array.from({ length: 40 }, (_, c) =>
    bundle(
      `c${c}`,
      Array.from({ length: 10 }, (_, i) => {
        const u = rand();
        const user = u < 0.25 ? CUE_TEXT.vulnerability : u < 0.4 ? CUE_TEXT.boredom : u < 0.5 ? CUE_TEXT.meta : CUE_TEXT.plain;
        const safety = rand() < (user === CUE_TEXT.vulnerability ? pCue : pBase);
        const served = safety ? 'gpt-5-chat-safety' : 'gpt-5';
        // The persona follows the served model: a large move when the model is the safety one.
        return { user, served, feature: (safety ? 3 : 0) + rand() * 0.5 };
      }),
    ),
  );
}

describe('route analysis', () => {
  it('finds the cue that precedes reroutes, and only that one', () => {
    const r = analyzeRoutes(safetyWorld(1, 0.8, 0.05), { permutations: 499 });
    const byCue = Object.fromEntries(r.cues.map((c) => [c.cue, c]));
    expect(byCue.vulnerability.pAdjusted).toBeLessThan(0.01);
    expect(byCue.boredom.p).toBeGreaterThan(0.05);
    expect(byCue.meta.p).toBeGreaterThan(0.05);
    expect(byCue.pushback.p).toBeNull(); // no pushback in this world: untested, with a reason
    expect(byCue.pushback.note).toMatch(/too few/);
    expect(r.reroutes).toBe(r.servedModels['gpt-5-chat-safety']);
    expect(r.conclusions.join('\n')).toMatch(/vulnerability: \d+% of replies after this cue were rerouted/);
  });

  it('no cue effect when reroutes ignore the user (null world)', () => {
    const r = analyzeRoutes(safetyWorld(2, 0.15, 0.15), { permutations: 499 });
    for (const c of r.cues) if (c.pAdjusted !== null) expect(c.pAdjusted).toBeGreaterThan(0.05);
  });

  it('controls for position: reroutes late in a chat and a cue that is also late is not a trigger', () => {
    const rand = mulberry32(3);
    const bundles = Array.from({ length: 60 }, (_, c) =>
      bundle(
        `p${c}`,
        Array.from({ length: 12 }, (_, i) => {
          const late = i >= 6;
          const user = rand() < (late ? 0.5 : 0.05) ? CUE_TEXT.meta : CUE_TEXT.plain;
          return { user, served: rand() < (late ? 0.6 : 0.02) ? 'gpt-5-mini' : 'gpt-5', feature: rand() };
        }),
      ),
    );
    const meta = analyzeRoutes(bundles, { permutations: 499 }).cues.find((c) => c.cue === 'meta')!;
    // Naively the cue looks strongly associated...
    const naive = meta.reroutedWithCue / meta.withCue / (meta.reroutedWithoutCue / meta.withoutCue);
    expect(naive).toBeGreaterThan(2);
    // ...but within position strata it is not.
    expect(meta.p).toBeGreaterThan(0.05);
  });

  it('the persona moves more across a route change than within a run on one model', () => {
    const r = analyzeRoutes(safetyWorld(4, 0.8, 0.05), { permutations: 499 });
    expect(r.persona.acrossPairs).toBeGreaterThan(10);
    expect(r.persona.meanAcross!).toBeGreaterThan(r.persona.meanWithin!);
    expect(r.persona.p).toBeLessThan(0.01);
  });

  it('and not when the persona ignores the model', () => {
    const rand = mulberry32(5);
    const bundles = safetyWorld(5, 0.8, 0.05).map((b) => ({ ...b, analyses: b.analyses.map((a) => ({ ...a, features: { f1: rand(), f2: rand() } })) }));
    expect(analyzeRoutes(bundles, { permutations: 499 }).persona.p).toBeGreaterThan(0.05);
  });

  it('detector agreement: perfect when shifts sit on route changes, near chance when random', () => {
    const served = ['gpt-5', 'gpt-5', 'gpt-5-mini', 'gpt-5-mini', 'gpt-5', 'gpt-5', 'gpt-5', 'gpt-5-mini'];
    const perfect = [
      bundle(
        'd1',
        served.map((s, i) => ({ user: CUE_TEXT.plain, served: s, feature: 0, shift: i > 0 && s !== served[i - 1] })),
      ),
    ];
    const a = analyzeRoutes(perfect, { permutations: 99 }).agreement;
    expect(a).toMatchObject({ routeChanges: 3, detectorShifts: 3, matched: 3, precision: 1, recall: 1, f1: 1 });
    expect(a.chanceF1!).toBeLessThan(1);
    const off = [
      bundle(
        'd2',
        served.map((s, i) => ({ user: CUE_TEXT.plain, served: s, feature: 0, shift: i === 6 })),
      ),
    ];
    expect(analyzeRoutes(off, { permutations: 99, tolerance: 0 }).agreement).toMatchObject({ matched: 0, precision: 0, recall: 0, f1: 0 });
  });

  it('no routes: says so and tests nothing', () => {
    const b = bundle('none', [{ user: 'hi', served: 'x', feature: 0 }]);
    b.turns = b.turns.map((t) => ({ ...t, route: null }));
    const r = analyzeRoutes([b]);
    expect(r.repliesWithServed).toBe(0);
    expect(r.cues.every((c) => c.p === null)).toBe(true);
    expect(r.conclusions[0]).toMatch(/No reply has a model reported/);
  });

  it('is deterministic for a seed', () => {
    const w = safetyWorld(6, 0.6, 0.1);
    expect(analyzeRoutes(w, { permutations: 199, seed: 9 })).toEqual(analyzeRoutes(w, { permutations: 199, seed: 9 }));
  });

  it('the router report answers "Does the site switch models?" with these findings (cues before reroutes, with p-values)', () => {
    const bundles = safetyWorld(11, 0.9, 0.05);
    const findings = analyzeRoutes(bundles, { seed: 1, permutations: 199 }).conclusions;
    const report = analyzeRouter(bundles, { seed: 1, permutations: 199 });
    const line = report.questions.find((q) => q.id === 'models');
    expect(report.routes.source).toBe('routes');
    expect(line?.verdict).toBe('yes');
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(line?.details).toContain(f);
  });
});
