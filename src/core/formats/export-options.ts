/**
 * Large exports are generated as chunks (one conversation at a time) so the UI can show
 * progress, cancel, and stream into a Blob or a file without building one giant string twice.
 */
import type { ConversationBundle } from '../model/types.ts';

export interface ExportOptions {
  /** Called after each conversation with (done, total) conversations. */
  onProgress?: (done: number, total: number) => void;
  /** Aborting stops generation with the signal's reason (an AbortError DOMException by default). */
  signal?: AbortSignal;
}

/**
 * Yields `render(bundle)` for each bundle, checking for cancellation before each one and
 * reporting progress after it.
 */
export function* eachBundle(
  bundles: readonly ConversationBundle[],
  options: ExportOptions,
  render: (bundle: ConversationBundle, index: number) => string,
): Generator<string> {
  const total = bundles.length;
  for (let i = 0; i < total; i++) {
    options.signal?.throwIfAborted();
    yield render(bundles[i], i);
    options.onProgress?.(i + 1, total);
  }
}

/** Joins a chunk generator into one string. */
export function collect(chunks: Iterable<string>): string {
  let out = '';
  for (const chunk of chunks) out += chunk;
  return out;
}
