/**
 * How many new conversations each tab started in the last minute. A page can change its URL
 * with pushState at will; without this, each change could mint a stored conversation. Past the
 * cap, captures that would create a conversation are refused (with a reason) until the minute
 * has passed; conversations already stored keep capturing. In memory only: a restarted worker
 * starts counting afresh.
 */
export const WINDOW_MS = 60_000;

export class NewConversationRate {
  private readonly started = new Map<number, number[]>();

  constructor(private readonly perMinute: number) {}

  /** Would one more new conversation in `tabId` at `now` stay within the cap? */
  allows(tabId: number, now: number): boolean {
    return this.recent(tabId, now).length < this.perMinute;
  }

  record(tabId: number, now: number): void {
    this.started.set(tabId, [...this.recent(tabId, now), now]);
  }

  forget(tabId: number): void {
    this.started.delete(tabId);
  }

  get limit(): number {
    return this.perMinute;
  }

  private recent(tabId: number, now: number): number[] {
    return (this.started.get(tabId) ?? []).filter((t) => now - t < WINDOW_MS);
  }
}
