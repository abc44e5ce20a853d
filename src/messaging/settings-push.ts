/**
 * The worker → content-script push of the settings after every change (tabs.sendMessage; the
 * page cannot send it: the content script also checks that the sender is the extension itself
 * and not a tab). Content scripts hold one copy of the settings and follow these pushes, so
 * capture answers don't carry them.
 */
import type { Settings } from '../core/types.ts';

export interface SettingsChangedPush {
  type: 'settings/changed';
  settings: Settings;
}

export function settingsPush(settings: Settings): SettingsChangedPush {
  return { type: 'settings/changed', settings };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The settings of a well-formed push, else null (the shape the content script relies on). */
export function parseSettingsPush(m: unknown): Settings | null {
  if (!isRecord(m) || m.type !== 'settings/changed' || !isRecord(m.settings)) return null;
  const s = m.settings;
  if (typeof s.paused !== 'boolean' || typeof s.badgesHidden !== 'boolean' || !isRecord(s.sites)) return null;
  if (!Object.values(s.sites).every((site) => site === undefined || isRecord(site))) return null;
  return s as unknown as Settings;
}
