/**
 * Refits the user's confidence curve from their verdicts and re-labels what it changes
 * (src/core/detect/user-calibration.ts for the fit, src/store/user-calibration.ts for the data).
 * Runs at start-up and, coalesced, after verdicts are saved, deleted or imported; always inside
 * the write queue, so captures wait behind it instead of racing it.
 */
import { DETECTOR_PARAMS } from '../core/detect/params.ts';
import { fitUserCalibration, type UserCalibration } from '../core/detect/user-calibration.ts';
import { recomputeStale } from '../store/analyses.ts';
import type { ObservatoryDB } from '../store/schema.ts';
import { readUserCalibration, saveUserCalibration, verdictSamples } from '../store/user-calibration.ts';
import type { CoreAnalyzer } from './analyzer.ts';
import type { WriteQueue } from './write-queue.ts';

/** Refit, store, switch the analyzer to the new curve; labels made with another curve are recomputed. */
export async function refreshUserCalibration(db: ObservatoryDB, analyzer: CoreAnalyzer): Promise<{ calibration: UserCalibration; recomputed: number }> {
  const calibration = fitUserCalibration(await verdictSamples(db, analyzer.shipped), DETECTOR_PARAMS.calibration);
  await saveUserCalibration(db, calibration);
  analyzer.useCalibration(calibration);
  return { calibration, recomputed: await recomputeStale(db, analyzer) };
}

/** Use the stored curve at once (before anything is analysed), without refitting. */
export async function restoreUserCalibration(db: ObservatoryDB, analyzer: CoreAnalyzer): Promise<void> {
  analyzer.useCalibration(await readUserCalibration(db));
}

/** After a burst of verdicts, one refit: each call restarts a short wait. */
export function createCalibrationScheduler(db: () => Promise<ObservatoryDB>, analyzer: CoreAnalyzer, queue: WriteQueue, waitMs = 2000): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      void db()
        .then((d) => queue.run(() => refreshUserCalibration(d, analyzer)))
        .catch((error: unknown) => console.warn('persona-observatory: refitting your confidence curve failed', error));
    }, waitMs);
  };
}
