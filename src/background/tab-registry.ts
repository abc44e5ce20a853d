/**
 * What each tab's content script last reported, for the popup. Kept in memory and mirrored to
 * session storage so it survives the service worker being stopped and restarted.
 */
import type { SiteId } from '../core/model/types.ts';
import type { TabCaptureStatus } from '../messaging/responses.ts';
import type { SessionArea } from './session.ts';

export interface TabEntry {
  site: SiteId;
  status: Exclude<TabCaptureStatus, 'unsupported' | 'paused'>;
  detail: string | null;
  conversationKey: string | null;
  /** Streaming turns the page had when it last reported. */
  pending: number;
  updatedAt: number;
}

const SESSION_KEY = 'tabStatus';

export class TabRegistry {
  private readonly entries = new Map<number, TabEntry>();

  constructor(private readonly session: SessionArea | null) {}

  async restore(): Promise<void> {
    const saved = await this.session?.get(SESSION_KEY);
    if (saved && typeof saved === 'object') {
      for (const [id, entry] of Object.entries(saved as Record<string, TabEntry>)) this.entries.set(Number(id), entry);
    }
  }

  get(tabId: number): TabEntry | undefined {
    return this.entries.get(tabId);
  }

  all(): TabEntry[] {
    return [...this.entries.values()];
  }

  set(tabId: number, entry: TabEntry): void {
    this.entries.set(tabId, entry);
    this.persist();
  }

  remove(tabId: number): void {
    if (this.entries.delete(tabId)) this.persist();
  }

  /** Forget the conversation of tabs that showed a deleted conversation. */
  forgetConversation(conversationKey: string | null): void {
    for (const [id, e] of this.entries) {
      if (conversationKey === null || e.conversationKey === conversationKey) this.entries.set(id, { ...e, conversationKey: null });
    }
    this.persist();
  }

  private persist(): void {
    void this.session?.set(SESSION_KEY, Object.fromEntries(this.entries));
  }
}
