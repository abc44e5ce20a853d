/**
 * `import/annotations`: annotations from a Label Studio or Argilla export, one transaction, all
 * or nothing. A file that names replies the store does not have is refused (nothing written).
 */
import { AnnotationImportError, importAnnotations } from '../../store/annotation-import.ts';
import type { Handler } from './types.ts';

export const importAnnotationsHandler: Handler<'import/annotations'> = async (m, ctx) => {
  const db = await ctx.db();
  try {
    const r = await ctx.queue.run(() => importAnnotations(db, m.annotations, ctx.now()));
    if (r.added + r.updated > 0) ctx.verdictsChanged?.();
    return { ok: true, added: r.added, updated: r.updated, unchanged: r.unchanged };
  } catch (error) {
    if (error instanceof AnnotationImportError) return { ok: false, error: error.message };
    throw error;
  }
};
