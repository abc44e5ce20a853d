/** `badges/hide`: the page panel's "Hide all badges". Sets that one flag; shown again from the popup. */
import { setSettings } from '../../store/settings.ts';
import type { Handler } from './types.ts';

export const badgesHide: Handler<'badges/hide'> = async (_m, ctx) => {
  const db = await ctx.db();
  const settings = await ctx.queue.run(() => setSettings(db, { badgesHidden: true }));
  ctx.settingsChanged(settings);
  return { ok: true };
};
