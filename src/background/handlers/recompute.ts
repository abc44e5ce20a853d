/** `recompute`: labels of one conversation, or of all of them, with the current detector. */
import { recomputeConversation, recomputeStale } from '../../store/analyses.ts';
import type { Handler } from './types.ts';

export const recompute: Handler<'recompute'> = async (m, ctx) => {
  const db = await ctx.db();
  if (m.conversationKey === undefined) {
    return { ok: true, recomputed: await ctx.queue.run(() => recomputeStale(db, ctx.analyzer, { all: true })) };
  }
  if (!(await db.get('conversations', m.conversationKey))) return { ok: false, error: `conversation ${m.conversationKey} is not in the store` };
  await ctx.queue.run(() => recomputeConversation(db, m.conversationKey as string, ctx.analyzer));
  return { ok: true, recomputed: 1 };
};
