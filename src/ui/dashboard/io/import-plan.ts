/** What the user picked to import, file by file, after parsing and before sending. Pure. */
import type { ConversationBundle } from '../../../core/model/types.ts';

export type ParsedEntry = { fileName: string; ok: true; format: string; bundles: ConversationBundle[] } | { fileName: string; ok: false; error: string };

/** Bundles per import message: large enough to be quick, small enough for runtime messaging. */
export const IMPORT_BATCH = 1000;

export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
