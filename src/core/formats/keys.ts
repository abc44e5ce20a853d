/**
 * Stable record keys. Imports derive them from the export's own ids, so importing the same file
 * twice yields the same keys and the store (which dedupes by key) adds nothing twice.
 */
import type { SiteId } from '../types.ts';

export function conversationKey(site: SiteId, conversationId: string): string {
  return `${site}:${conversationId}`;
}

export function turnKey(conversationKeyValue: string, turnId: string): string {
  return `${conversationKeyValue}:${turnId}`;
}
