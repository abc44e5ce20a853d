import { describe, expect, it } from 'vitest';
import { decideVerdict } from '../../../../src/core/router/model-comparison.ts';
import { createRng, type Rng } from '../../../../src/core/router/random.ts';
import { FIDELITY_TOLERANCE, fUpperTail, returnFidelityTest } from '../../../../src/core/router/return-fidelity.ts';
import type { ModelComparisonResult, ReturnFidelityResult } from '../../../../src/core/router/types.ts';

const DIMS = 3;
/** A path that leaves state 0 and comes back twice: three returns (0, 1, 0 again… ). */
const PATH = [0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0];

/** Observations along `path`: each visit (run) at `levelOf(run index, state)`, plus unit noise. */
function observe(rng: Rng, path: readonly number[], levelOf: (run: number, state: number) => number[]): number[][] {
  let run = 0;
  return path.map((s, t) => {
    if (t > 0 && s !== path[t - 1]) run++;
    const level = levelOf(run, s);
    return level.map((v) => v + rng.normal());
  });
}

const stateLevel = (s: number) => Array.from({ length: DIMS }, (_, k) => (k === 0 ? 3 * s : 0));

function pile(seed: number, conversations: number, levelOf: (rng: Rng) => (run: number, state: number) => number[]) {
  const rng = createRng(seed);
  const paths = Array.from({ length: conversations }, () => PATH);
  const seqs = paths.map((p) => observe(rng, p, levelOf(rng)));
  return { paths, seqs };
}

describe('return fidelity (returns come back to the level they left)', () => {
  it("Paulson's approximation matches F tables at the 5% point", () => {
    expect(fUpperTail(2.305, 5, 100)).toBeCloseTo(0.05, 2);
    expect(fUpperTail(2.348, 10, 20)).toBeCloseTo(0.05, 2);
    expect(fUpperTail(1.649, 30, 60)).toBeCloseTo(0.05, 2);
    expect(fUpperTail(0, 3, 10)).toBe(1);
  });

  it('a router whose personas come back to the same level passes (distance ≈ 1)', () => {
    const { paths, seqs } = pile(1, 20, () => (_run, s) => stateLevel(s));
    const r = returnFidelityTest(paths, seqs, 0.05);
    expect(r.status).toBe('tested');
    expect(r.returns).toBe(20 * 3);
    expect(r.meanDistance).toBeGreaterThan(0.6);
    expect(r.meanDistance).toBeLessThan(1.5);
    expect(r.p).toBeGreaterThanOrEqual(0.05);
  });

  it('each conversation at its own level still passes: the noise is the spread within a run, not within a state', () => {
    const { paths, seqs } = pile(2, 20, (rng) => {
      const offset = Array.from({ length: DIMS }, () => 4 * rng.normal());
      return (_run, s) => stateLevel(s).map((v, k) => v + offset[k]);
    });
    const r = returnFidelityTest(paths, seqs, 0.05);
    expect(r.meanDistance).toBeLessThan(1.5);
    expect(r.p).toBeGreaterThanOrEqual(0.05);
  });

  it('fresh levels labelled alike (a cascade forced onto two states) fail', () => {
    const { paths, seqs } = pile(3, 20, (rng) => {
      const levels = new Map<number, number[]>();
      return (run) => {
        if (!levels.has(run))
          levels.set(
            run,
            Array.from({ length: DIMS }, () => 1.5 * rng.normal()),
          );
        return levels.get(run) as number[];
      };
    });
    const r = returnFidelityTest(paths, seqs, 0.05);
    expect(r.status).toBe('tested');
    expect(r.meanDistance).toBeGreaterThan(3);
    expect(r.p).toBeLessThan(0.001);
    expect(r.conclusion).toContain('new levels');
  });

  it('is calibrated at the F reference without the tolerance, and conservative with it', () => {
    let rejectedExact = 0;
    let rejected = 0;
    const datasets = 300;
    for (let i = 0; i < datasets; i++) {
      const rng = createRng(100 + i);
      const paths = Array.from({ length: 4 }, () => PATH);
      const seqs = paths.map((p) => observe(rng, p, (_run, s) => stateLevel(s)));
      const r = returnFidelityTest(paths, seqs, 0.05);
      if (fUpperTail(r.meanDistance as number, r.returns * r.dimensions, r.noiseDf) < 0.05) rejectedExact++;
      if ((r.p as number) < 0.05) rejected++;
    }
    // Returns that share an earlier visit are correlated, so the exact rate is near, not at, 5%.
    expect(rejectedExact / datasets).toBeGreaterThan(0.01);
    expect(rejectedExact / datasets).toBeLessThan(0.12);
    expect(rejected).toBe(0);
    expect(FIDELITY_TOLERANCE).toBe(2);
  });

  it('no returns → not testable; a lone odd reply splits no visit', () => {
    const rng = createRng(4);
    const fresh = [[0, 0, 0, 1, 1, 1, 2, 2, 2]];
    const r = returnFidelityTest(
      fresh,
      fresh.map((p) => observe(rng, p, (_run, s) => stateLevel(s))),
      0.05,
    );
    expect(r.status).toBe('not-testable');
    expect(r.p).toBeNull();
    expect(r.meanDistance).toBeNull();
    const merged = [[0, 0, 0, 1, 0, 0, 0]];
    expect(
      returnFidelityTest(
        merged,
        merged.map((p) => observe(rng, p, (_run, s) => stateLevel(s))),
        0.05,
      ).returns,
    ).toBe(0);
    expect(returnFidelityTest([], [], 0.05).status).toBe('not-testable');
  });

  it('the router-like verdict needs faithful returns', () => {
    const fidelity = (p: number | null): ReturnFidelityResult => ({
      status: p === null ? 'not-testable' : 'tested',
      returns: p === null ? 0 : 10,
      meanDistance: p === null ? null : 1,
      dimensions: 3,
      noiseDf: 50,
      tolerance: FIDELITY_TOLERANCE,
      p,
      conclusion: '',
    });
    const base: ModelComparisonResult = {
      fits: [],
      winner: 'sticky-hmm',
      runnerUp: 'piecewise-constant',
      margin: 20,
      strength: 'very strong',
      switchingVsDrift: 50,
      hmmVsPiecewise: 20,
      hmmVsMixture: 20,
      hmmVsClusters: 20,
      recurrenceP: 0.01,
      persistence: null,
      returnFidelity: fidelity(0.6),
      withinConversationSwitches: 30,
      verdict: 'inconclusive',
      observations: 300,
      conversations: 20,
      conclusion: '',
    };
    expect(decideVerdict(base, 0.05)).toBe('router-like');
    expect(decideVerdict({ ...base, returnFidelity: fidelity(0.001) }, 0.05)).toBe('switching-without-recurrence');
    expect(decideVerdict({ ...base, returnFidelity: fidelity(null) }, 0.05)).toBe('switching-without-recurrence');
    expect(decideVerdict({ ...base, returnFidelity: null }, 0.05)).toBe('switching-without-recurrence');
  });
});
