/**
 * Turn ids for sites that give their messages no id of their own: a short content hash plus
 * the turn's position on the page, so two identical "Thanks!" messages stay distinct.
 */
import type { Role } from '../core/model/types.ts';

/** FNV-1a, 32 bit, as 8 hex digits. Cheap and stable across runs; not a security hash. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function hashedTurnId(role: Role, text: string, position: number): string {
  return `h${position}-${role[0]}-${fnv1a(`${role}\n${text}`)}`;
}
