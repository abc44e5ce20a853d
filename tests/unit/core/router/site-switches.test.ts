import { describe, expect, it } from 'vitest';
import { analyzeRouter } from '../../../../src/core/router/analyze-router.ts';
import { createRng } from '../../../../src/core/router/random.ts';
import { siteSwitchSeries } from '../../../../src/core/router/site-switches.ts';
import type { RouteInfo } from '../../../../src/core/model/types.ts';
import type { RouterConversation } from '../../../../src/core/router/types.ts';
import { noText } from './synthetic.ts';

const route = (served: string | null, requested: string | null = 'auto'): RouteInfo => ({ requested, shown: null, served, flags: [], source: 'page-reported' });

describe('the site’s own model switches (served model changes the user did not ask for)', () => {
  it('a change of served model under the same request is a switch; a change the user asked for is not', () => {
    const s = siteSwitchSeries([
      [route('big'), route('small'), route('small'), route('big')],
      [route('big', 'big'), route('small', 'small'), route('big', 'big'), route('small', 'big')],
    ]);
    expect(s?.switches).toEqual([
      [false, true, false, true],
      [false, false, false, true],
    ]);
    expect(s?.count).toBe(3);
    expect(s?.models).toEqual(['big', 'small']);
  });

  it('slugs that differ only by "." vs "-" name one model', () => {
    expect(siteSwitchSeries([[route('gpt-4.1'), route('gpt-4-1'), route('x'), route('y'), route('x')]])?.count).toBe(3);
  });

  it('too little route data, or a site that hardly switches, gives nothing to test', () => {
    const sparse = [[route('a'), null, null, route('b'), null, route('a'), route('b')]];
    expect(siteSwitchSeries(sparse)).toBeNull(); // 4 of 7 replies carry a served model
    expect(siteSwitchSeries([[route('a'), route('b'), route('b'), route('a')]])).toBeNull(); // 2 switches
    expect(siteSwitchSeries([])).toBeNull();
  });

  it('only conversations whose replies mostly carry a served model are used, so a pile may mix sites', () => {
    const s = siteSwitchSeries([
      [null, null, null], // another site: no routes
      [route('a'), route('b'), route('a'), route('b')],
      [route('a'), null, null, route('b')], // half its replies unknown: left out
    ]);
    expect(s?.conversations).toEqual([1]);
    expect(s?.switches).toEqual([[false, true, true, true]]);
    expect([s?.covered, s?.replies, s?.count]).toEqual([4, 4, 3]);
  });
});

/**
 * A site that swaps model when the user disengages: after a bored "ok" the served model changes
 * and the next message is a full request again. Text features carry nothing (noise only), so
 * only the site's switches can show the loop.
 */
function siteLoopPile(seed: number, loop: boolean): RouterConversation[] {
  const rng = createRng(seed);
  return Array.from({ length: 40 }, (_, c) => {
    let model = rng.int(2) === 0 ? 'big' : 'small';
    const turns: RouterConversation['turns'] = [];
    for (let t = 0; t < 14; t++) {
      const bored = t > 0 && rng.next() < 0.2;
      // Short messages that are not disengagement, so a cue is compared with messages of its own length.
      const short = !bored && t > 0 && rng.next() < 0.25;
      const switches = loop ? bored && rng.next() < 0.9 : t > 0 && rng.next() < 0.15;
      if (switches) model = model === 'big' ? 'small' : 'big';
      turns.push(
        {
          role: 'user',
          text: bored ? 'ok' : short ? 'Thanks, go on.' : 'Could you explain how the water cycle shapes the weather in coastal towns, step by step?',
        },
        { role: 'assistant', text: '', features: { f0: rng.normal(), f1: rng.normal() }, route: route(model) },
      );
    }
    return { id: `site-${c}`, turns };
  });
}

describe('trigger and loop lines on the site’s switches', () => {
  it('a site that swaps model on disengagement: the loop line says yes, for the switches the site reported', () => {
    const r = analyzeRouter(siteLoopPile(3, true), { extractFeatures: noText, permutations: 199, skipMirroring: true, bootstrap: 20 });
    expect(r.siteSwitches?.switches).toBeGreaterThan(20);
    expect(r.siteSwitches?.alpha).toBe(0.025);
    const loop = r.questions.find((q) => q.id === 'loop');
    expect(loop?.verdict).toBe('yes');
    expect(loop?.answer).toMatch(/^Yes, for the model switches the site reported: /);
    expect(loop?.evidence?.label).toMatch(/site model switch/);
    const triggers = r.questions.find((q) => q.id === 'triggers');
    expect(triggers?.verdict).toBe('yes');
    expect(triggers?.answer).toMatch(/boredom/);
    // Only disengagement is followed by a switch, so the risk ratio is infinite: the line shows the share instead.
    expect(triggers?.evidence).toMatchObject({ unit: 'share', interval: 'Wilson' });
    expect(triggers?.evidence?.label).toMatch(/^replies to a boredom message with a site model switch \(0 of \d+ after other messages\)$/);
  });

  it('a site that switches at random: neither line says yes', () => {
    for (const seed of [4, 5, 6]) {
      const r = analyzeRouter(siteLoopPile(seed, false), { extractFeatures: noText, permutations: 199, skipMirroring: true, bootstrap: 20 });
      expect(r.siteSwitches).not.toBeNull();
      expect(r.questions.find((q) => q.id === 'loop')?.verdict).not.toBe('yes');
      expect(r.questions.find((q) => q.id === 'triggers')?.verdict).not.toBe('yes');
    }
  });

  it('conversations from a site without routes in the same pile do not hide the site’s switches', () => {
    const withRoutes = siteLoopPile(3, true);
    const other = siteLoopPile(9, false).map((c) => ({ ...c, id: `other-${c.id}`, turns: c.turns.map((t) => ({ ...t, route: null })) }));
    const r = analyzeRouter([...withRoutes, ...other], { extractFeatures: noText, permutations: 199, skipMirroring: true, bootstrap: 20 });
    expect(r.siteSwitches?.conversations).toBe(withRoutes.length);
    expect(r.questions.find((q) => q.id === 'loop')?.answer).toMatch(/^Yes, for the model switches the site reported: /);
  });

  it('without route data the lines come from the text alone, at the full α', () => {
    const pile = siteLoopPile(3, true).map((c) => ({ ...c, turns: c.turns.map((t) => ({ ...t, route: null })) }));
    const r = analyzeRouter(pile, { extractFeatures: noText, permutations: 99, skipMirroring: true, bootstrap: 20 });
    expect(r.siteSwitches).toBeNull();
    expect(r.triggers?.alpha).toBe(0.05);
    expect(r.questions.find((q) => q.id === 'loop')?.answer).not.toMatch(/site reported/);
  });
});
