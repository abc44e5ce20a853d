/** Editing per-site settings without losing the fields we do not touch. Pure. */
import type { Settings, SiteId, SiteSettings } from '../../../core/model/types.ts';

import { SITE_IDS } from '../../../core/model/records.ts';

/** Sites capture can run on: not 'unknown' (it only tags imported data) nor 'generic' (the CLI's fallback reader of saved pages, never a site in the browser). */
export const CAPTURE_SITES: readonly SiteId[] = SITE_IDS.filter((s) => s !== 'unknown' && s !== 'generic');

export const SELECTOR_KEYS = ['turn', 'user', 'assistant', 'text'] as const;
export type SelectorKey = (typeof SELECTOR_KEYS)[number];

export function siteSettings(settings: Settings, site: SiteId): SiteSettings {
  return settings.sites[site] ?? { enabled: true, selectors: {} };
}

/** A new `sites` map with one site changed; empty selector overrides are dropped. */
export function withSite(settings: Settings, site: SiteId, change: Partial<SiteSettings>): Settings['sites'] {
  const current = siteSettings(settings, site);
  const selectors: SiteSettings['selectors'] = {};
  for (const k of SELECTOR_KEYS) {
    const v = (change.selectors ?? current.selectors)[k]?.trim();
    if (v) selectors[k] = v;
  }
  const readResponses = change.readResponses ?? current.readResponses;
  return {
    ...settings.sites,
    [site]: { enabled: change.enabled ?? current.enabled, ...(readResponses === undefined ? {} : { readResponses }), selectors },
  };
}

/** null when the selector parses, else the browser's message. Needs a DOM (dashboard only). */
export function selectorError(selector: string): string | null {
  if (!selector.trim()) return null;
  try {
    document.createDocumentFragment().querySelector(selector);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : 'not a valid CSS selector';
  }
}
