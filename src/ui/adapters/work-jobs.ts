/**
 * The heavy, synchronous core calls the dashboard runs in its background worker (and, where
 * Worker does not exist, on the page). One table so both paths run exactly the same code.
 */
import { FEATURES } from '../../core/features/registry.ts';
import { exportZip } from '../../core/formats/index.ts';
import { exportAnnotationZip } from '../../core/formats/annotation/index.ts';
import { withoutPlaceholders } from '../../core/placeholders.ts';
import { analyzeRouter } from '../../core/router/index.ts';
import type { JobTable } from './worker-protocol.ts';

const featureLabels = Object.fromEntries(FEATURES.map((f) => [f.name, f.label]));

export const WORK_JOBS: JobTable = {
  // Progress counts the analysis steps (reading, embedding, fitting, tests…). The router tab
  // chooses the conversations, shared pages included only when the user asks.
  // Replies not captured (placeholders) are left out: the router measures reply text.
  router: (bundles, onProgress) =>
    analyzeRouter(withoutPlaceholders(bundles), { featureLabels, includeShared: true, onProgress: (_step, done, total) => onProgress({ done, total }) }),
  zip: (bundles, onProgress) =>
    exportZip(bundles, ['json', 'jsonl', 'csv', 'md'], {
      onProgress: (done, total) => onProgress({ done, total }),
    }),
  annotation: (bundles, onProgress) =>
    exportAnnotationZip(bundles, undefined, {
      onProgress: (done, total) => onProgress({ done, total }),
    }),
};
