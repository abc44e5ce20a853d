import { keyOfSite } from '../../core/model/keys.ts';
import { getTurnAnnotations } from '../../store/read.ts';
import { chatSender } from '../sender.ts';
import type { Handler } from './types.ts';

/** A reply's annotations, for the annotation frame; from a chat tab only that site's replies. */
export const annotationGet: Handler<'annotation/get'> = async (m, ctx, from) => {
  const bound = chatSender(from);
  if (bound && !keyOfSite(m.turnKey, bound.site)) return { ok: false, error: `a ${bound.site} page can only read ${bound.site} annotations` };
  return { ok: true, annotations: await getTurnAnnotations(await ctx.db(), m.turnKey) };
};
