/**
 * CoreApi backed by src/core: instrument registry and vocabulary, formats, router. The only
 * place the dashboard imports those modules, so their surfaces are wired in one file.
 */
import type { ConversationBundle } from '../../core/types.ts';
import { FEATURES } from '../../core/features/registry.ts';
import { LABEL_VOCABULARY } from '../../core/detect/vocabulary.ts';
import { DETECTOR_VERSION } from '../../core/analyze.ts';
import {
  parseAnyConversationFile, parseConversationZip, bundleJsonChunks, jsonlChunks, csvChunks, markdownChunks, exportZip,
} from '../../core/formats/index.ts';
import type { ExportOptions } from '../../core/formats/index.ts';
import { analyzeRouter } from '../../core/router/index.ts';
import { throwIfCancelled, yieldToBrowser } from '../components/cancel.ts';
import type { CoreApi, ExportFormat, ProgressReport } from './services.ts';

type ChunkFn = (bundles: readonly ConversationBundle[], options?: ExportOptions) => Generator<string>;

const CHUNKS: Record<Exclude<ExportFormat, 'zip'>, { fn: ChunkFn; mime: string }> = {
  json: { fn: bundleJsonChunks, mime: 'application/json' },
  jsonl: { fn: jsonlChunks, mime: 'application/x-ndjson' },
  csv: { fn: csvChunks, mime: 'text/csv' },
  md: { fn: markdownChunks, mime: 'text/markdown' },
};

/** Conversations rendered between two yields to the browser (keeps Cancel clickable). */
const CHUNKS_PER_YIELD = 50;

async function exportBundles(
  bundles: ConversationBundle[], format: ExportFormat, onProgress: (p: ProgressReport) => void, signal: AbortSignal,
): Promise<Blob> {
  if (format === 'zip') {
    // exportZip is synchronous: yield once so the progress bar paints before the work starts.
    onProgress({ done: 0, total: null });
    await yieldToBrowser();
    throwIfCancelled(signal);
    const bytes = exportZip(bundles, ['json', 'jsonl', 'csv', 'md'], { signal });
    return new Blob([bytes as BlobPart], { type: 'application/zip' });
  }
  const { fn, mime } = CHUNKS[format];
  const parts: string[] = [];
  let done = 0;
  for (const chunk of fn(bundles, { signal, onProgress: (d) => { done = d; } })) {
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

const featureLabels = Object.fromEntries(FEATURES.map((f) => [f.name, f.label]));

export const coreApi: CoreApi = {
  features: FEATURES,
  vocabulary: LABEL_VOCABULARY,
  detectorVersion: DETECTOR_VERSION,
  parseFile(content, fileName) {
    return typeof content === 'string' ? parseAnyConversationFile(content, fileName) : parseConversationZip(content, fileName);
  },
  exportBundles,
  async analyzeRouter(bundles, signal) {
    // analyzeRouter is synchronous; it can only be cancelled before it starts.
    await yieldToBrowser();
    throwIfCancelled(signal);
    return analyzeRouter(bundles, { featureLabels });
  },
};
