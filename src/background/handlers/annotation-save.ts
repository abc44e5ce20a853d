import { NotFoundError, saveAnnotation } from '../../store/annotations.ts';
import type { Handler } from './types.ts';

export const annotationSave: Handler<'annotation/save'> = async (m, ctx) => {
  const db = await ctx.db();
  try {
    const annotation = await ctx.queue.run(() => saveAnnotation(db, m, ctx.now(), ctx.newId));
    return { ok: true, annotation };
  } catch (error) {
    if (error instanceof NotFoundError) return { ok: false, error: error.message };
    throw error;
  }
};
