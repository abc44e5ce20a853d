/**
 * The worker → content-script push of the settings after every change (tabs.sendMessage; the
 * page cannot send it: the content script also checks that the sender is the extension itself
 * and not a tab). Content scripts hold one copy of the settings and follow these pushes, so
 * capture answers don't carry them.
 */
import type { Settings } from '../core/model/types.ts';
import { SETTINGS_SCHEMA } from '../core/model/records.ts';
import { validatorOf } from '../core/model/schema.ts';

export interface SettingsChangedPush {
  type: 'settings/changed';
  settings: Settings;
}

export function settingsPush(settings: Settings): SettingsChangedPush {
  return { type: 'settings/changed', settings };
}

const readSettings = validatorOf(SETTINGS_SCHEMA, { closed: true });

/** The settings of a well-formed push, else null (validated against the settings schema). */
export function parseSettingsPush(m: unknown): Settings | null {
  if (typeof m !== 'object' || m === null || (m as { type?: unknown }).type !== 'settings/changed') return null;
  try {
    return readSettings((m as { settings?: unknown }).settings);
  } catch {
    return null;
  }
}
