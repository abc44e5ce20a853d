/**
 * `route/observe`: page-reported routes from a content script (the main-world observer's
 * fields, already validated and tied to captured turns by the content script). Trusted here is
 * only the sender: the site comes from the sender's tab URL, and the conversation id must be
 * the one that URL shows. Routes only fill the `route` of assistant turns already stored in
 * that conversation (src/store/routes.ts); refused while capture or reading responses is off.
 */
import { conversationKey as makeConversationKey } from '../../core/model/keys.ts';
import { isRouteSite, routeInfoOf, type RouteObservation } from '../../core/route/observation.ts';
import type { SiteId } from '../../core/model/types.ts';
import type { BackgroundContext } from '../context.ts';
import { rerouteText } from '../../core/route/reroute.ts';
import { readRoutes, storeRoutes, type RouteWriteResult } from '../../store/routes.ts';
import { getSettings, siteReadsResponses } from '../../store/settings.ts';
import type { Handler } from './types.ts';

export const routeObserve: Handler<'route/observe'> = async (m, ctx, from) => {
  if (from.kind !== 'content') return { ok: false, error: 'route/observe only comes from content scripts' };
  const result = await storePageRoutes(ctx, from, m.conversationId, m.routes);
  if (typeof result === 'string') return { ok: false, error: result };
  const db = await ctx.db();
  const key = makeConversationKey(from.site, m.conversationId);
  const ids = m.routes.map((r) => r.messageId);
  const stored = await readRoutes(db, key, ids);
  const routes: Record<string, string | null> = {};
  for (const id of ids) if (stored.has(id)) routes[id] = rerouteText(stored.get(id) ?? null);
  return { ok: true, ...result, routes };
};

/**
 * Every check, then the write: the site is the sender's, the conversation the one its URL shows,
 * reading responses on. Returns why nothing was written, or what was. Shared by `route/observe`
 * and the routes that ride along with a `capture/page` message.
 */
export async function storePageRoutes(
  ctx: BackgroundContext,
  from: { site: SiteId; url: string },
  conversationId: string,
  routes: readonly RouteObservation[],
): Promise<RouteWriteResult | string> {
  const site = from.site;
  if (!isRouteSite(site)) return `routes are not read on ${site}`;
  if (!urlShowsConversation(from.url, conversationId)) return 'the conversation is not the one this tab shows';
  if (routes.some((r) => r.site !== site || (r.conversationId !== null && r.conversationId !== conversationId))) {
    return 'a route names another site or conversation';
  }
  if (ctx.gate.storeError) return ctx.gate.storeError;
  const db = await ctx.db();
  const settings = await getSettings(db);
  if (settings.paused || !siteReadsResponses(settings, site)) return `Reading ${site}'s responses is off.`;
  const key = makeConversationKey(site, conversationId);
  return ctx.queue.run(() =>
    storeRoutes(
      db,
      key,
      routes.map((r) => ({ turnId: r.messageId, route: routeInfoOf(r) })),
    ),
  );
}

/** The id is a whole path segment of the sender's URL (ChatGPT: /c/<id>, /g/<gizmo>/c/<id>). */
function urlShowsConversation(url: string, conversationId: string): boolean {
  try {
    return new URL(url).pathname.split('/').includes(conversationId);
  } catch {
    return false;
  }
}
