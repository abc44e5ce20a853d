/** The golden file's shape: a hash of each whole report plus the numbers a person reads when it differs. */
import { createHash } from 'node:crypto';
import type { RouterReport } from '../../../../src/core/router/types.ts';

export function digest(r: RouterReport) {
  return {
    sha256: createHash('sha256').update(JSON.stringify(r)).digest('hex'),
    verdict: r.comparison?.verdict ?? null,
    lines: r.questions.map((q) => `${q.id}: ${q.verdict}`),
    fits: r.comparison?.fits.map((f) => `${f.model} ${f.deltaBic}`) ?? [],
    triggerP: r.triggers?.tests.map((t) => t.p) ?? [],
    loopP: r.loop?.p ?? null,
    recurrenceP: r.recurrence?.p ?? null,
  };
}
