/**
 * `route/observe`: page-reported routes from a content script (the main-world observer's
 * fields, already validated and tied to captured turns by the content script). Trusted here is
 * only the sender: the site comes from the sender's tab URL, and the conversation id must be
 * the one that URL shows. Routes only fill the `route` of assistant turns already stored in
 * that conversation (src/store/routes.ts); refused while capture or reading responses is off.
 */
import { conversationKey as makeConversationKey } from '../../core/model/keys.ts';
import { isRouteSite, routeInfoOf } from '../../core/route/observation.ts';
import { rerouteText } from '../../core/route/reroute.ts';
import { readRoutes, storeRoutes } from '../../store/routes.ts';
import { getSettings, siteReadsResponses } from '../../store/settings.ts';
import type { Handler } from './types.ts';

export const routeObserve: Handler<'route/observe'> = async (m, ctx, from) => {
  if (from.kind !== 'content') return { ok: false, error: 'route/observe only comes from content scripts' };
  const site = from.site;
  if (!isRouteSite(site)) return { ok: false, error: `routes are not read on ${site}` };
  if (!urlShowsConversation(from.url, m.conversationId)) return { ok: false, error: 'the conversation is not the one this tab shows' };
  if (m.routes.some((r) => r.site !== site || (r.conversationId !== null && r.conversationId !== m.conversationId))) {
    return { ok: false, error: 'a route names another site or conversation' };
  }
  if (ctx.gate.storeError) return { ok: false, error: ctx.gate.storeError };
  const db = await ctx.db();
  const settings = await getSettings(db);
  if (settings.paused || !siteReadsResponses(settings, site)) return { ok: false, error: `Reading ${site}'s responses is off.` };

  const key = makeConversationKey(site, m.conversationId);
  const result = await ctx.queue.run(() =>
    storeRoutes(
      db,
      key,
      m.routes.map((r) => ({ turnId: r.messageId, route: routeInfoOf(r) })),
    ),
  );
  const ids = m.routes.map((r) => r.messageId);
  const stored = await readRoutes(db, key, ids);
  const routes: Record<string, string | null> = {};
  for (const id of ids) if (stored.has(id)) routes[id] = rerouteText(stored.get(id) ?? null);
  return { ok: true, ...result, routes };
};

/** The id is a whole path segment of the sender's URL (ChatGPT: /c/<id>, /g/<gizmo>/c/<id>). */
function urlShowsConversation(url: string, conversationId: string): boolean {
  try {
    return new URL(url).pathname.split('/').includes(conversationId);
  } catch {
    return false;
  }
}
