import { getSettings } from '../../store/settings.ts';
import type { Handler } from './types.ts';

export const settingsGet: Handler<'settings/get'> = async (_m, ctx) => ({ ok: true, settings: await getSettings(await ctx.db()) });
