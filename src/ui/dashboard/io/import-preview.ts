/**
 * What an import is about to add, before anything is written: conversations, their dates and
 * sites, and duplicates — the same conversation in two picked files (even in two formats, with
 * different ids: matched by the text of its first turns) or already in the store (same key: the
 * store merges it). Pure.
 */
import type { ConversationBundle } from '../../../core/model/types.ts';
import { hashString } from '../../../core/text/hash.ts';
import type { ParsedEntry } from './import-plan.ts';

export type Duplicate = { kind: 'in-files'; of: string; file: string } | { kind: 'in-store' } | null;

export interface PreviewRow {
  key: string;
  file: string;
  title: string | null;
  site: string;
  replies: number;
  /** Epoch ms of the first and last turn the file dates (null when it has no dates). */
  first: number | null;
  last: number | null;
  duplicate: Duplicate;
}

export interface ImportPreview {
  rows: PreviewRow[];
  /** Conversations per site. */
  sites: [string, number][];
  first: number | null;
  last: number | null;
  /** Rows that will be skipped (the same conversation earlier in the picked files). */
  skipped: number;
  /** Rows already in the store by key (imported again: merged, nothing doubled). */
  stored: number;
}

/** Turns compared to recognise one conversation across formats. */
const FINGERPRINT_TURNS = 6;

/** The same conversation gives the same fingerprint whatever file format or id carried it. */
export function fingerprint(b: ConversationBundle): string {
  const main = b.turns
    .filter((t) => t.alternativeOf === null)
    .sort((x, y) => x.order - y.order)
    .slice(0, FINGERPRINT_TURNS);
  return hashString(main.map((t) => `${t.role}\u0000${t.text.replace(/\s+/g, ' ').trim()}`).join('\u0001'));
}

function dates(b: ConversationBundle): { first: number | null; last: number | null } {
  const ts = b.turns.map((t) => t.createdAt).filter((x): x is number => x !== null && Number.isFinite(x));
  return ts.length ? { first: Math.min(...ts), last: Math.max(...ts) } : { first: null, last: null };
}

export function buildPreview(entries: readonly ParsedEntry[], storedKeys: ReadonlySet<string> = new Set()): ImportPreview {
  const seen = new Map<string, { key: string; file: string }>();
  const rows: PreviewRow[] = [];
  for (const e of entries) {
    if (!e.ok) continue;
    for (const b of e.bundles) {
      const c = b.conversation;
      const print = fingerprint(b);
      const earlier = seen.get(`k:${c.key}`) ?? seen.get(`f:${print}`);
      const duplicate: Duplicate = earlier ? { kind: 'in-files', of: earlier.key, file: earlier.file } : storedKeys.has(c.key) ? { kind: 'in-store' } : null;
      if (!earlier) {
        seen.set(`k:${c.key}`, { key: c.key, file: e.fileName });
        seen.set(`f:${print}`, { key: c.key, file: e.fileName });
      }
      rows.push({ key: c.key, file: e.fileName, title: c.title, site: c.site, replies: c.assistantCount, ...dates(b), duplicate });
    }
  }
  const counted = rows.filter((r) => r.duplicate?.kind !== 'in-files');
  const bySite = new Map<string, number>();
  for (const r of counted) bySite.set(r.site, (bySite.get(r.site) ?? 0) + 1);
  const firsts = counted.map((r) => r.first).filter((x): x is number => x !== null);
  const lasts = counted.map((r) => r.last).filter((x): x is number => x !== null);
  return {
    rows,
    sites: [...bySite.entries()].sort((a, b) => b[1] - a[1]),
    first: firsts.length ? Math.min(...firsts) : null,
    last: lasts.length ? Math.max(...lasts) : null,
    skipped: rows.length - counted.length,
    stored: counted.filter((r) => r.duplicate?.kind === 'in-store').length,
  };
}

/** The bundles to send: every parsed conversation once (later copies in the picked files are left out). */
export function uniqueBundles(entries: readonly ParsedEntry[]): ConversationBundle[] {
  const seen = new Set<string>();
  const out: ConversationBundle[] = [];
  for (const e of entries) {
    if (!e.ok) continue;
    for (const b of e.bundles) {
      const k = `k:${b.conversation.key}`,
        f = `f:${fingerprint(b)}`;
      if (seen.has(k) || seen.has(f)) continue;
      seen.add(k);
      seen.add(f);
      out.push(b);
    }
  }
  return out;
}
