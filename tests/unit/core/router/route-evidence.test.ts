import { describe, expect, it } from 'vitest';
import { analyzeRoutes } from '../../../../src/core/router/route-evidence.ts';
import type { RouteInfo } from '../../../../src/core/model/types.ts';

const route = (requested: string, served: string, flags: string[] = []): RouteInfo => ({ requested, shown: requested, served, flags, source: 'page-reported' });

describe('does the site switch models?', () => {
  it('page-reported routes are ground truth: reroutes counted beside persona switches', () => {
    const r = analyzeRoutes([
      {
        routes: [route('gpt-5', 'gpt-5'), route('gpt-5', 'gpt-5-mini', ['auto-switched']), route('gpt-5', 'gpt-5')],
        models: [null, null, null],
        switches: [false, true, false],
      },
    ]);
    expect(r.source).toBe('routes');
    expect([r.observed, r.changes, r.flagged, r.changesWithPersonaSwitch]).toEqual([3, 1, 1, 1]);
  });

  it('falls back to the model the page showed per reply', () => {
    const r = analyzeRoutes([{ routes: [null, null, null], models: ['gpt-4', 'gpt-4', 'gpt-3.5'], switches: [false, false, false] }]);
    expect(r.source).toBe('shown-model');
    expect([r.observed, r.changes]).toEqual([2, 1]);
    expect(r.conclusion).toMatch(/^No route data/);
  });

  it("says can't tell with no route data and no models", () => {
    const r = analyzeRoutes([{ routes: [null, null], models: [null, null], switches: [false, false] }]);
    expect(r.source).toBe('none');
    expect(r.conclusion).toBe("Can't tell: no route data, and the page did not show the model per reply.");
  });
});

describe('a site that picks the model itself ("auto")', () => {
  it('a change of served model under "auto" is the site switching; the user’s own pick is not', () => {
    const auto = (served: string, requested = 'auto'): RouteInfo => ({ requested, shown: null, served, flags: [], source: 'page-reported' });
    const r = analyzeRoutes([
      { routes: [auto('big'), auto('small'), auto('small'), auto('big')], models: [null, null, null, null], switches: [false, true, false, false] },
      { routes: [auto('big', 'big'), auto('small', 'small')], models: [null, null], switches: [false, false] },
    ]);
    expect([r.observed, r.changes, r.changesWithPersonaSwitch]).toEqual([6, 2, 1]);
    expect(r.models).toEqual(['big', 'small']);
  });
});
