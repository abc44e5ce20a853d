/** `tab/status`: what the popup shows for a tab. Counts come fresh from the store. */
import type { TabStatus } from '../../messaging/responses.ts';
import { getConversation } from '../../store/read.ts';
import { countReroutes } from '../../store/routes.ts';
import { getSettings, siteEnabled } from '../../store/settings.ts';
import type { Handler } from './types.ts';

export const tabStatus: Handler<'tab/status'> = async (m, ctx) => {
  const db = await ctx.db();
  const settings = await getSettings(db);
  const storeError = ctx.gate.storeError;
  const entry = ctx.tabs.get(m.tabId);
  const paused = settings.paused || storeError !== null;
  if (!entry) {
    return {
      site: null,
      status: storeError ? 'error' : 'unsupported',
      detail: storeError,
      conversationKey: null,
      turnCount: 0,
      shiftCount: 0,
      models: [],
      paused,
      sitePaused: false,
      storeError,
      reroutes: 0,
    };
  }
  const sitePaused = !siteEnabled(settings, entry.site);
  const conversation = entry.conversationKey ? await getConversation(db, entry.conversationKey) : undefined;
  const status: TabStatus['status'] = storeError ? 'error' : settings.paused || sitePaused ? 'paused' : entry.status;
  return {
    site: entry.site,
    status,
    detail: storeError ?? entry.detail,
    conversationKey: conversation ? conversation.key : null,
    turnCount: conversation?.turnCount ?? 0,
    shiftCount: conversation?.shiftCount ?? 0,
    models: conversation?.models ?? [],
    paused,
    sitePaused,
    storeError,
    reroutes: conversation ? await countReroutes(db, conversation.key) : 0,
  };
};
