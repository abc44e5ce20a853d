/** Settings: one record in the `settings` store, defaults filled in on read. */
import type { Settings, SiteId } from '../core/model/types.ts';
import { isRouteSite } from '../core/route/observation.ts';
import { SETTINGS_KEY, type ObservatoryDB } from './schema.ts';
import { commitOrAbort } from './write-error.ts';

export const DEFAULT_SETTINGS: Settings = { paused: false, badgesHidden: false, sites: {} };

/** Apply a validated patch. `sites` merges per site: a site given in the patch is replaced whole. */
export function mergeSettings(current: Settings, patch: Partial<Settings>): Settings {
  return {
    paused: patch.paused ?? current.paused,
    badgesHidden: patch.badgesHidden ?? current.badgesHidden,
    sites: { ...current.sites, ...(patch.sites ?? {}) },
  };
}

/** A site captures unless the user turned it off (sites are on by default). */
export function siteEnabled(settings: Settings, site: SiteId): boolean {
  return settings.sites[site]?.enabled ?? true;
}

/** The site's own responses are read for routes: where route capture works, unless turned off. */
export function siteReadsResponses(settings: Settings, site: SiteId): boolean {
  return isRouteSite(site) && siteEnabled(settings, site) && (settings.sites[site]?.readResponses ?? true);
}

export async function getSettings(db: ObservatoryDB): Promise<Settings> {
  const stored = await db.get('settings', SETTINGS_KEY);
  return stored ? mergeSettings(DEFAULT_SETTINGS, stored) : { ...DEFAULT_SETTINGS, sites: {} };
}

export async function setSettings(db: ObservatoryDB, patch: Partial<Settings>): Promise<Settings> {
  const tx = db.transaction('settings', 'readwrite');
  return commitOrAbort(tx, async () => {
    const stored = await tx.store.get(SETTINGS_KEY);
    const next = mergeSettings(stored ? mergeSettings(DEFAULT_SETTINGS, stored) : DEFAULT_SETTINGS, patch);
    await tx.store.put(next, SETTINGS_KEY);
    return next;
  });
}
