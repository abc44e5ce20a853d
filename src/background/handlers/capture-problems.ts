/** `capture/problems`: the open tabs whose page was not recognised, newest first (dashboard). */
import type { Handler } from './types.ts';

export const captureProblems: Handler<'capture/problems'> = async (_m, ctx) => ({
  ok: true,
  problems: ctx.tabs
    .all()
    .filter((e) => e.status === 'layout-not-recognized')
    .sort((a, b) => b.updatedAt - a.updatedAt)
    .map((e) => ({ site: e.site, detail: e.detail, updatedAt: e.updatedAt })),
});
