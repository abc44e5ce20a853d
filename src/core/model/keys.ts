/**
 * Stable record keys. Imports derive them from the export's own ids, so importing the same file
 * twice yields the same keys and the store (which dedupes by key) adds nothing twice.
 */
import type { SiteId } from './types.ts';

export function conversationKey(site: SiteId, conversationId: string): string {
  return `${site}:${conversationId}`;
}

export function turnKey(conversationKeyValue: string, turnId: string): string {
  return `${conversationKeyValue}:${turnId}`;
}

/** Does a conversation or turn key belong to `site`? (Keys start with `${site}:`.) */
export function keyOfSite(key: string, site: SiteId): boolean {
  return key.startsWith(`${site}:`);
}
