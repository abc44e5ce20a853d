import { deleteAnnotation } from '../../store/annotations.ts';
import type { Handler } from './types.ts';

export const annotationDelete: Handler<'annotation/delete'> = async (m, ctx) => {
  const db = await ctx.db();
  const existed = await ctx.queue.run(() => deleteAnnotation(db, m.id));
  return existed ? { ok: true } : { ok: false, error: `annotation ${m.id} is not in the store` };
};
