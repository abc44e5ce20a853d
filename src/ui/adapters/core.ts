/**
 * CoreApi backed by src/core: instrument registry and vocabulary, formats, router. The only
 * place the dashboard imports those modules, so their surfaces are wired in one file.
 * The two heavy synchronous calls (router analysis, zip export) run in a dedicated worker
 * (core.worker.ts) so the page stays responsive and Cancel terminates them.
 */
import { trustSummary } from '../../core/detect/trust.ts';
import type { ConversationBundle } from '../../core/model/types.ts';
import { FEATURES } from '../../core/features/registry.ts';
import { LABEL_VOCABULARY } from '../../core/detect/vocabulary.ts';
import { DETECTOR_VERSION } from '../../core/analyze.ts';
import { parseAnyConversationFile, parseConversationZip, bundleJsonChunks, jsonlChunks, csvChunks, markdownChunks } from '../../core/formats/index.ts';
import type { ExportOptions } from '../../core/formats/index.ts';
import { parseAnnotationFile } from '../../core/formats/annotation/parse-annotations.ts';
import { agreementOfBundles } from '../../core/agreement.ts';
import { throwIfCancelled, yieldToBrowser } from '../components/cancel.ts';
import type { CoreApi, ExportFormat, ProgressReport } from './services.ts';
import { runInWorker, type JobName, type WorkResults } from './worker-protocol.ts';
import { WORK_JOBS } from './work-jobs.ts';

type ChunkFn = (bundles: readonly ConversationBundle[], options?: ExportOptions) => Generator<string>;

const CHUNKS: Record<Exclude<ExportFormat, 'zip' | 'annotation'>, { fn: ChunkFn; mime: string }> = {
  json: { fn: bundleJsonChunks, mime: 'application/json' },
  jsonl: { fn: jsonlChunks, mime: 'application/x-ndjson' },
  csv: { fn: csvChunks, mime: 'text/csv' },
  md: { fn: markdownChunks, mime: 'text/markdown' },
};

/** Conversations rendered between two yields to the browser (keeps Cancel clickable). */
const CHUNKS_PER_YIELD = 50;

/** Vite sees this exact pattern and emits core.worker.ts as its own script file. */
function spawnCoreWorker(): Worker {
  return new Worker(new URL('./core.worker.ts', import.meta.url), { type: 'module' });
}

/**
 * Runs a heavy job in a fresh worker; where Worker does not exist (unit tests in happy-dom)
 * it runs on this thread instead, and can then only be cancelled before it starts.
 */
async function runJob<J extends JobName>(
  job: J,
  bundles: ConversationBundle[],
  onProgress: (p: ProgressReport) => void,
  signal: AbortSignal,
): Promise<WorkResults[J]> {
  if (typeof Worker !== 'undefined') return runInWorker(spawnCoreWorker, job, bundles, onProgress, signal);
  await yieldToBrowser(); // let the progress bar paint first
  throwIfCancelled(signal);
  return (WORK_JOBS[job] as (b: ConversationBundle[], p: (p: ProgressReport) => void) => WorkResults[J])(bundles, onProgress);
}

async function exportBundles(bundles: ConversationBundle[], format: ExportFormat, onProgress: (p: ProgressReport) => void, signal: AbortSignal): Promise<Blob> {
  if (format === 'zip' || format === 'annotation') {
    onProgress({ done: 0, total: null });
    const bytes = await runJob(format, bundles, onProgress, signal);
    return new Blob([bytes as BlobPart], { type: 'application/zip' });
  }
  const { fn, mime } = CHUNKS[format];
  const parts: string[] = [];
  let done = 0;
  for (const chunk of fn(bundles, {
    signal,
    onProgress: (d) => {
      done = d;
    },
  })) {
    parts.push(chunk);
    if (parts.length % CHUNKS_PER_YIELD === 0) {
      onProgress({ done, total: bundles.length });
      await yieldToBrowser();
      throwIfCancelled(signal);
    }
  }
  onProgress({ done: bundles.length, total: bundles.length });
  return new Blob(parts, { type: `${mime};charset=utf-8` });
}

export const coreApi: CoreApi = {
  features: FEATURES,
  vocabulary: LABEL_VOCABULARY,
  detectorVersion: DETECTOR_VERSION,
  trustSummary: trustSummary(),
  parseFile(content, fileName) {
    return typeof content === 'string' ? parseAnyConversationFile(content, fileName) : parseConversationZip(content, fileName);
  },
  exportBundles,
  analyzeRouter(bundles, signal, onProgress = () => {}) {
    return runJob('router', bundles, onProgress, signal);
  },
  parseAnnotationFile(text, fileName) {
    return parseAnnotationFile(text, fileName);
  },
  agreement: agreementOfBundles,
};
