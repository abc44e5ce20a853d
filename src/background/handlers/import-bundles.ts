/**
 * `import/bundles`: one transaction, all or nothing. Labels for imported conversations are
 * computed afterwards in the background (if the worker stops first, startup catches up).
 */
import { recomputeConversation } from '../../store/analyses.ts';
import { ImportError, importBundles } from '../../store/import.ts';
import type { Handler } from './types.ts';

export const importBundlesHandler: Handler<'import/bundles'> = async (m, ctx) => {
  const db = await ctx.db();
  try {
    const result = await ctx.queue.run(() => importBundles(db, m.bundles));
    for (const key of result.touched) {
      ctx.queue
        .run(() => recomputeConversation(db, key, ctx.analyzer))
        .catch((error: unknown) => {
          console.warn(`persona-observatory: labelling imported ${key} failed`, error);
        });
    }
    if (result.touched.length > 0) ctx.verdictsChanged?.(); // bundles may carry annotations
    return { ok: true, added: result.added, updated: result.updated, skipped: result.skipped };
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, error: error.message };
    throw error;
  }
};
