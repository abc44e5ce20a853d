/** The "can't tell" report line every question falls back to when it has too little to go on. */
import type { VerdictLine } from './types.ts';

export function cantTell(id: VerdictLine['id'], question: string, why: string): VerdictLine {
  return {
    id,
    question,
    verdict: "can't tell",
    answer: `Can't tell: ${why.replace(/^Can't tell: /, '')}`,
    evidence: null,
    plot: null,
    details: [why],
    nullHypotheses: [],
  };
}
