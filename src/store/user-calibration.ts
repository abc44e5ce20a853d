/**
 * The store side of per-user calibration (src/core/detect/user-calibration.ts): the verdicts on
 * stored replies, each with the confidence the SHIPPED curve gives that reply (the stored analyses
 * may already carry the user's curve, so the conversation is analysed again with the shipped
 * one), and the fitted curve kept in `meta` for the worker and the About view.
 */
import type { VerdictSample, UserCalibration } from '../core/detect/user-calibration.ts';
import { detectorLine } from './analyses.ts';
import type { Analyzer } from './analyzer.ts';
import type { ObservatoryDB } from './schema.ts';
import { mainLine } from './summary.ts';
import { ofConversation, turnRange } from './turn-rows.ts';
import { commitOrAbort } from './write-error.ts';

/** meta key of the user's fitted curve (JSON of UserCalibration). */
export const META_USER_CALIBRATION = 'userCalibration';

/** Every verdict on a main-line reply after the first, with the shipped detector's answer there (model-slug switches left out: a fact, not an estimate). */
export async function verdictSamples(db: ObservatoryDB, shipped: Analyzer): Promise<VerdictSample[]> {
  const byConversation = new Map<string, Map<string, VerdictSample['verdict']>>();
  for (const a of await db.getAll('annotations')) {
    if (a.kind === 'note') continue;
    const m = byConversation.get(a.conversationKey) ?? new Map<string, VerdictSample['verdict']>();
    // One verdict per reply: the user's own (no origin) wins over an imported one.
    if (!m.has(a.turnKey) || a.origin === undefined) m.set(a.turnKey, a.kind);
    byConversation.set(a.conversationKey, m);
  }
  const samples: VerdictSample[] = [];
  for (const [key, verdicts] of byConversation) {
    const turns = detectorLine(mainLine(ofConversation(await db.getAll('turns', turnRange(key)), key)));
    const assistants = turns.filter((t) => t.role === 'assistant');
    const analysis = shipped.analyze(turns.map((t) => ({ role: t.role, text: t.text, model: t.model })));
    for (const r of analysis.replies) {
      const verdict = r.index > 0 ? verdicts.get(assistants[r.index]?.key ?? '') : undefined;
      if (!verdict || r.labels.some((l) => l.kind === 'model')) continue;
      samples.push({ verdict, shift: r.shift, confidence: r.confidence });
    }
  }
  return samples;
}

export async function readUserCalibration(db: ObservatoryDB): Promise<UserCalibration | null> {
  const raw = await db.get('meta', META_USER_CALIBRATION);
  if (typeof raw !== 'string') return null;
  try {
    const u = JSON.parse(raw) as UserCalibration;
    const finite = [u.alpha, u.beta, u.calibration?.a, u.calibration?.b, u.confirmed, u.rejected, u.relabelled].every((x) => Number.isFinite(x));
    return finite ? u : null;
  } catch {
    return null; // a damaged record reads as "no user curve"; the next refit rewrites it
  }
}

export async function saveUserCalibration(db: ObservatoryDB, u: UserCalibration): Promise<void> {
  const tx = db.transaction('meta', 'readwrite');
  await commitOrAbort(tx, () => tx.store.put(JSON.stringify(u), META_USER_CALIBRATION));
}
