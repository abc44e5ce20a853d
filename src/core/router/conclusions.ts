/**
 * The report's top-level reading in plain language. Each part already carries its own
 * conclusion (with its null hypothesis); this file orders them and adds the one-line answer to
 * "does this look router-like?" with the caveats that always apply.
 */
import type { RouterReport } from './types.ts';

import { formatEvidence } from './questions.ts';

type Parts = Pick<RouterReport, 'repertoire' | 'transitions' | 'comparison' | 'triggers' | 'modelSwitch' | 'mirroring' | 'questions'>;

export function summarize(parts: Parts, sizes: RouterReport['sizes'], warnings: readonly string[]): string[] {
  const lines: string[] = parts.questions.map((q) => `${q.question} ${q.verdict} — ${q.answer}${q.evidence ? ` (${formatEvidence(q.evidence)})` : ''}`);
  const c = parts.comparison;
  lines.push(
    c
      ? `${headline(c.verdict)} (${sizes.replies} replies in ${sizes.conversationsUsed} conversations; winner ${c.winner} by ΔBIC ${c.margin.toFixed(1)}, ${c.strength} evidence).`
      : `Not enough data to say whether the pattern is router-like (${sizes.replies} replies in ${sizes.conversationsUsed} conversations).`,
  );
  if (parts.repertoire) lines.push(parts.repertoire.conclusion);
  if (parts.transitions) lines.push(parts.transitions.conclusion);
  if (c) lines.push(c.conclusion);
  if (parts.triggers) lines.push(parts.triggers.conclusion);
  lines.push(parts.modelSwitch.conclusion);
  lines.push(parts.mirroring.conclusion);
  lines.push(
    'Caveats: these are statistical patterns in surface style features of the replies, pooled over the conversations given; they cannot see inside the model, and topic changes move the same features.',
  );
  return [...lines, ...warnings.map((w) => `Warning: ${w}`)];
}

function headline(verdict: NonNullable<Parts['comparison']>['verdict']): string {
  switch (verdict) {
    case 'router-like':
      return 'Looks router-like: replies jump among a small set of recurring styles';
    case 'switching-without-recurrence':
      return 'Replies change in jumps, but a recurring repertoire is not clearly supported';
    case 'mixed-reply-types':
      return 'Looks like a mix of reply types chosen turn by turn, not persisting personas';
    case 'drift-like':
      return 'Looks like gradual drift rather than switching';
    case 'stable':
      return 'Looks stable: one persona plus noise';
    default:
      return 'Inconclusive: no explanation wins clearly';
  }
}
