/** `store/clear`: delete every conversation, turn, analysis and annotation (settings stay). */
import { clearAllData } from '../../store/delete.ts';
import type { Handler } from './types.ts';

export const storeClear: Handler<'store/clear'> = async (_m, ctx) => {
  const db = await ctx.db();
  await ctx.queue.run(() => clearAllData(db));
  ctx.tabs.forgetConversation(null);
  ctx.gate.resume();
  ctx.verdictsChanged?.(); // no verdicts left: back to the shipped curve
  return { ok: true };
};
