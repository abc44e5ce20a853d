/** `settings/set`. Resuming (paused: false) also lifts a halt caused by a write error. */
import { setSettings } from '../../store/settings.ts';
import type { Handler } from './types.ts';

export const settingsSet: Handler<'settings/set'> = async (m, ctx) => {
  const db = await ctx.db();
  if (m.patch.paused === false) ctx.gate.resume();
  const settings = await ctx.queue.run(() => setSettings(db, m.patch));
  ctx.settingsChanged(settings);
  return { ok: true, settings };
};
