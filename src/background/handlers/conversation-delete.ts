/** `conversation/delete`. Freeing space also lifts a halt caused by a write error. */
import { deleteConversation } from '../../store/delete.ts';
import type { Handler } from './types.ts';

export const conversationDelete: Handler<'conversation/delete'> = async (m, ctx) => {
  const db = await ctx.db();
  await ctx.queue.run(() => deleteConversation(db, m.conversationKey));
  ctx.tabs.forgetConversation(m.conversationKey);
  ctx.gate.resume();
  ctx.verdictsChanged?.(); // its annotations went with it
  return { ok: true };
};
