import { keyOfSite } from '../../core/model/keys.ts';
import { deleteAnnotation } from '../../store/annotations.ts';
import { chatSender } from '../sender.ts';
import type { Handler } from './types.ts';

/** From a chat tab (the annotation frame), only annotations of that tab's site can be deleted. */
export const annotationDelete: Handler<'annotation/delete'> = async (m, ctx, from) => {
  const db = await ctx.db();
  const bound = chatSender(from);
  const existed = await ctx.queue.run(() => deleteAnnotation(db, m.id, bound ? (a) => keyOfSite(a.conversationKey, bound.site) : undefined));
  if (!existed) return { ok: false, error: `annotation ${m.id} is not in the store` };
  ctx.verdictsChanged?.();
  return { ok: true };
};
