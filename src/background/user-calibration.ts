/**
 * Refits the user's confidence curve from their verdicts and re-labels what it changes
 * (src/core/detect/user-calibration.ts for the fit, src/store/user-calibration.ts for the data).
 * Runs at start-up and, coalesced, after verdicts are saved, deleted or imported; always inside
 * the write queue, so captures wait behind it instead of racing it.
 */
import { DETECTOR_PARAMS } from '../core/detect/params.ts';
import { fitUserCalibration, type UserCalibration } from '../core/detect/user-calibration.ts';
import { recomputeStale } from '../store/analyses.ts';
import { META_DETECTOR_VERSION, type ObservatoryDB } from '../store/schema.ts';
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

/**
 * At worker start: use the stored curve at once; refit only when the labels were last made by
 * another analyzer version (a detector upgrade, or the first start), since verdicts change only
 * through this worker, which refits then. Otherwise just fill in missing labels.
 */
export async function startUserCalibration(db: ObservatoryDB, analyzer: CoreAnalyzer): Promise<number> {
  analyzer.useCalibration(await readUserCalibration(db));
  if ((await db.get('meta', META_DETECTOR_VERSION)) !== analyzer.version) return (await refreshUserCalibration(db, analyzer)).recomputed;
  return recomputeStale(db, analyzer);
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
