/**
 * Binary segmentation with a penalty: repeatedly split the segment whose best split gains the
 * most, while that gain exceeds the penalty. Greedy, O(n log n) splits.
 */
import { splitGain, type SegmentCost } from './cost.ts';

export function binseg(c: SegmentCost, penalty: number, minSize = 1): number[] {
  const cps: number[] = [];
  const stack: [number, number][] = [[0, c.n]];
  while (stack.length) {
    const [a, b] = stack.pop()!;
    let best = -Infinity;
    let arg = -1;
    for (let t = a + minSize; t <= b - minSize; t++) {
      const g = splitGain(c, a, t, b);
      if (g > best) {
        best = g;
        arg = t;
      }
    }
    if (arg > 0 && best > penalty) {
      cps.push(arg);
      stack.push([a, arg], [arg, b]);
    }
  }
  return cps.sort((x, y) => x - y);
}
