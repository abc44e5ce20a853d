/**
 * `capture/page`: store the finished turns the content script sees, label new replies, answer
 * with badges. Capture is refused (nothing written) while paused, off for the site, or halted
 * after a write error; the tab's status records why.
 */
import { conversationKey as makeConversationKey } from '../../core/model/keys.ts';
import { conversationUrl } from '../../core/sites.ts';
import type { Settings, SiteId, StoredAnalysis } from '../../core/model/types.ts';
import { recomputeConversation } from '../../store/analyses.ts';
import { storeCapture } from '../../store/capture.ts';
import { getSettings, siteEnabled } from '../../store/settings.ts';
import { StoreWriteError } from '../../store/write-error.ts';
import { buildBadges } from '../badges.ts';
import type { ObservatoryDB } from '../../store/schema.ts';
import type { BackgroundContext } from '../context.ts';
import { chatSender } from '../sender.ts';
import { storePageRoutes } from './route-observe.ts';
import type { TabEntry } from '../tab-registry.ts';
import type { Handler } from './types.ts';

export const capturePage: Handler<'capture/page'> = async (m, ctx, from) => {
  // The site and URL are the browser's word for the sender's tab, never the message's.
  const tab = from.kind === 'content' ? chatSender(from) : null;
  if (!tab) return { ok: false, error: 'capture/page only comes from content scripts', paused: false };
  const db = await ctx.db();
  const settings = await getSettings(db);
  const key = m.conversationId === null ? null : makeConversationKey(tab.site, m.conversationId);
  // tab/status shows the conversation only once it is really stored.
  const record = (patch: Partial<TabEntry>): void =>
    ctx.tabs.set(tab.tabId, {
      site: tab.site,
      status: m.status,
      detail: m.detail ?? null,
      conversationKey: key,
      pending: m.pending,
      updatedAt: ctx.now(),
      ...patch,
    });

  const refusal = refuse(ctx, settings, tab.site) ?? (await overBudget(ctx, db, key, tab.tabId));
  if (refusal) {
    record({ status: ctx.gate.storeError ? 'error' : m.status, detail: refusal });
    return { ok: false, error: refusal, paused: true };
  }
  if (m.status !== 'ok' || key === null) {
    record({});
    return { ok: true, conversationKey: null, stored: 0, badges: {} };
  }

  let stored = 0;
  /** The analyses this capture's recompute wrote (null: none ran, the stored ones are current). */
  let written: StoredAnalysis[] | null = null;
  let notes = m.dropped ?? [];
  try {
    const isNew = !(await db.getKey('conversations', key));
    const result = await ctx.queue.run(() =>
      storeCapture(
        db,
        {
          site: tab.site,
          conversationId: m.conversationId as string,
          url: conversationUrl(tab.url),
          title: m.title,
          turns: m.turns,
          shared: m.shared,
        },
        ctx.now(),
        ctx.budgets,
      ),
    );
    if (isNew) ctx.newConversations.record(tab.tabId, ctx.now());
    stored = result.stored;
    notes = [...notes, ...result.trimmed];
    if (result.mainLineChanged) written = await labelConversation(ctx, key);
    // Routes that rode along: written once their turns are, so the badges below carry them.
    // Refused routes (reading off, another conversation) leave the capture as it is.
    if (m.routes && m.conversationId !== null) await storePageRoutes(ctx, tab, m.conversationId, m.routes);
  } catch (error) {
    if (!(error instanceof StoreWriteError)) throw error;
    ctx.gate.halt(error.message);
    record({ status: 'error', detail: error.message });
    return { ok: false, error: error.message, paused: true };
  }
  // What was dropped or trimmed is said where the user looks: the popup (tab status detail).
  record(notes.length > 0 ? { detail: describeNotes(notes) } : {});
  return { ok: true, conversationKey: key, stored, badges: await buildBadges(db, key, m.turns, written) };
};

/** Why capture is refused right now, or null. */
function refuse(ctx: BackgroundContext, settings: Settings, site: SiteId): string | null {
  if (ctx.gate.storeError) return ctx.gate.storeError;
  if (settings.paused) return 'Capture is paused.';
  if (!siteEnabled(settings, site)) return `Capture is turned off for ${site}.`;
  return null;
}

/** A capture past a budget: the store is over its size budget, or the tab mints conversations too fast. */
async function overBudget(ctx: BackgroundContext, db: ObservatoryDB, key: string | null, tabId: number): Promise<string | null> {
  const usage = await ctx.storageUsage().catch(() => null);
  if (usage !== null && usage > ctx.budgets.storeBytes) {
    return `Capture paused: the store uses ${megabytes(usage)}, over its budget of ${megabytes(ctx.budgets.storeBytes)}. Delete conversations in the dashboard to resume.`;
  }
  if (key !== null && !ctx.newConversations.allows(tabId, ctx.now()) && !(await db.getKey('conversations', key))) {
    return `Capture paused in this tab: it started ${ctx.newConversations.limit} new conversations within a minute (a page may be creating them). It resumes after a minute.`;
  }
  return null;
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 ** 2).toLocaleString('en-US')} MB`;
}

/** Reasons, shortened for the popup (the first few and a count). */
function describeNotes(notes: string[]): string {
  const shown = notes.slice(0, 3).join('; ');
  return notes.length > 3 ? `${shown}; and ${notes.length - 3} more` : shown;
}

/**
 * Labels are derived data: a detector failure is logged and the capture still succeeds
 * (turns are already committed). A write failure halts capture like any other. Returns what the
 * recompute wrote, so the badges are built from it instead of read back.
 */
async function labelConversation(ctx: BackgroundContext, key: string): Promise<StoredAnalysis[] | null> {
  const db = await ctx.db();
  try {
    return await ctx.queue.run(() => recomputeConversation(db, key, ctx.analyzer));
  } catch (error) {
    if (error instanceof StoreWriteError) throw error;
    console.warn(`persona-observatory: labelling ${key} failed; turns are stored`, error);
    return null;
  }
}
