/**
 * Page-reported routes (src/core/route) on stored turns. A route only ever fills the `route`
 * field of an assistant turn that capture already stored: it never creates a turn or touches
 * text. What a reply's own stream or socket said is never replaced by a conversation record
 * (a reload carries no server metadata, routing.md §1.7).
 */
import { turnKey } from '../core/model/keys.ts';
import { isReroute } from '../core/route/reroute.ts';
import type { RouteInfo } from '../core/model/types.ts';
import type { ObservatoryDB } from './schema.ts';
import { mainLine } from './summary.ts';
import { decodeTurn, encodeTurn, ofConversation, turnRange } from './turn-rows.ts';
import { commitOrAbort } from './write-error.ts';

export interface RouteWrite {
  turnId: string;
  route: RouteInfo;
}

export interface RouteWriteResult {
  stored: number;
  /** No assistant turn with that id in this conversation: nothing written. */
  unknown: number;
  /** A stream/socket route already stored is kept over a record one; or nothing changed. */
  kept: number;
}

const viaOf = (route: RouteInfo): string | undefined => route.flags.find((f) => f.startsWith('via:'));
const fromResponse = (route: RouteInfo): boolean => route.source === 'page-reported' && viaOf(route) !== 'via:record';

/** Should `next` replace what is stored? */
function replaces(stored: RouteInfo | null, next: RouteInfo): boolean {
  if (stored === null) return true;
  if (fromResponse(stored) && !fromResponse(next)) return false;
  return JSON.stringify(stored) !== JSON.stringify(next);
}

export async function storeRoutes(db: ObservatoryDB, conversationKey: string, writes: readonly RouteWrite[]): Promise<RouteWriteResult> {
  const tx = db.transaction('turns', 'readwrite');
  return commitOrAbort(tx, async () => {
    const result: RouteWriteResult = { stored: 0, unknown: 0, kept: 0 };
    for (const w of writes) {
      const row = await tx.store.get(turnKey(conversationKey, w.turnId));
      const turn = row ? decodeTurn(row) : null;
      if (!turn || turn.conversationKey !== conversationKey || turn.role !== 'assistant') {
        result.unknown++;
        continue;
      }
      if (!replaces(turn.route, w.route)) {
        result.kept++;
        continue;
      }
      await tx.store.put(encodeTurn({ ...turn, route: w.route }));
      result.stored++;
    }
    return result;
  });
}

/** Stored routes of some turns of one conversation, by turn id (turns without one are absent). */
export async function readRoutes(db: ObservatoryDB, conversationKey: string, turnIds: readonly string[]): Promise<Map<string, RouteInfo>> {
  const tx = db.transaction('turns');
  const rows = await Promise.all(turnIds.map((id) => tx.store.get(turnKey(conversationKey, id))));
  const out = new Map<string, RouteInfo>();
  rows.forEach((row, i) => {
    const route = row?.r;
    if (route) out.set(turnIds[i], route);
  });
  return out;
}

/** Main-line replies of a conversation whose route says another model served them. */
export async function countReroutes(db: ObservatoryDB, conversationKey: string): Promise<number> {
  const rows = await db.getAll('turns', turnRange(conversationKey));
  return mainLine(ofConversation(rows, conversationKey)).filter((t) => t.role === 'assistant' && isReroute(t.route)).length;
}
