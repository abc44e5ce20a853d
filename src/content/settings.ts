/**
 * The content script's one copy of the settings: fetched once at start (settings/get), then
 * replaced by every push the worker sends after a change (src/messaging/settings-push.ts).
 * Everything on the page side that depends on a setting subscribes here; capture answers do
 * not carry settings.
 */
import type { Settings } from '../core/model/types.ts';
import { parseSettingsPush } from '../messaging/settings-push.ts';

export interface SettingsOwner {
  /** The settings now, or null before the worker answered. */
  current(): Settings | null;
  /** Called now (when known) and on every change. */
  subscribe(fn: (settings: Settings) => void): void;
  /** A new copy (the start-up fetch, or a push). */
  set(settings: Settings): void;
  /**
   * A runtime message: applied when it is a well-formed push from the extension itself (not a
   * tab, so never from a page or another tab's script). True when it was one.
   */
  receive(message: unknown, sender: { id?: string; tab?: unknown }, extensionId: string): boolean;
}

export function createSettingsOwner(): SettingsOwner {
  let settings: Settings | null = null;
  const listeners: ((s: Settings) => void)[] = [];
  const owner: SettingsOwner = {
    current: () => settings,
    subscribe(fn) {
      listeners.push(fn);
      if (settings) fn(settings);
    },
    set(next) {
      settings = next;
      for (const fn of listeners) fn(next);
    },
    receive(message, sender, extensionId) {
      if (sender.id !== extensionId || sender.tab) return false;
      const next = parseSettingsPush(message);
      if (!next) return false;
      owner.set(next);
      return true;
    },
  };
  return owner;
}
