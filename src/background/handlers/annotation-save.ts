import { keyOfSite } from '../../core/model/keys.ts';
import { NotFoundError, saveAnnotation } from '../../store/annotations.ts';
import { chatSender } from '../sender.ts';
import type { Handler } from './types.ts';

/** From a chat tab (the annotation frame), only replies of that tab's site can be annotated. */
export const annotationSave: Handler<'annotation/save'> = async (m, ctx, from) => {
  const bound = chatSender(from);
  if (bound && !(keyOfSite(m.conversationKey, bound.site) && m.turnKey.startsWith(`${m.conversationKey}:`))) {
    return { ok: false, error: `a ${bound.site} page can only annotate ${bound.site} replies` };
  }
  const db = await ctx.db();
  try {
    const annotation = await ctx.queue.run(() => saveAnnotation(db, m, ctx.now(), ctx.newId));
    if (annotation.kind !== 'note') ctx.verdictsChanged?.();
    return { ok: true, annotation };
  } catch (error) {
    if (error instanceof NotFoundError) return { ok: false, error: error.message };
    throw error;
  }
};
