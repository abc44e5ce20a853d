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
