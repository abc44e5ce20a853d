/**
 * In-memory working copy of one conversation's turns while a capture is planned: lookup by key,
 * the main line kept sorted by order, and a record of which turns changed. Pure; no IndexedDB.
 */
import type { Turn } from '../core/model/types.ts';

/** Gap between neighbouring orders after a renumber; new turns go at midpoints. */
export const ORDER_STEP = 1024;
/** Below this gap, midpoints lose precision: renumber the conversation first. */
const MIN_GAP = 1e-6;

export class Timeline {
  private readonly byKey = new Map<string, Turn>();
  /** Main-line turns sorted by order. */
  private main: Turn[] = [];
  private readonly dirty = new Set<string>();

  constructor(existing: readonly Turn[]) {
    for (const t of existing) this.byKey.set(t.key, t);
    this.main = existing.filter((t) => t.alternativeOf === null).sort((a, b) => a.order - b.order);
  }

  get(key: string): Turn | undefined {
    return this.byKey.get(key);
  }
  has(key: string): boolean {
    return this.byKey.has(key);
  }
  all(): Turn[] {
    return [...this.byKey.values()];
  }
  size(): number {
    return this.byKey.size;
  }
  changed(): Turn[] {
    return [...this.dirty].map((k) => this.byKey.get(k) as Turn);
  }
  mainCount(): number {
    return this.main.length;
  }
  firstMain(): Turn | undefined {
    return this.main[0];
  }
  lastMain(): Turn | undefined {
    return this.main[this.main.length - 1];
  }

  /** First main-line turn with order > `order`. */
  mainAfter(order: number): Turn | undefined {
    return this.main[this.upperBound(order)];
  }

  /** Last main-line turn with order < `order`. */
  mainBefore(order: number): Turn | undefined {
    return this.main[this.lowerBound(order) - 1];
  }

  /** Store a new or changed turn (records are replaced, never mutated). */
  put(turn: Turn): void {
    const previous = this.byKey.get(turn.key);
    this.byKey.set(turn.key, turn);
    this.dirty.add(turn.key);
    const wasMain = previous !== undefined && previous.alternativeOf === null;
    const isMain = turn.alternativeOf === null;
    if (wasMain)
      this.main.splice(
        this.main.findIndex((t) => t.key === turn.key),
        1,
      );
    if (isMain) this.main.splice(this.upperBound(turn.order), 0, turn);
  }

  /**
   * Make `winner` the main-line turn at `loser`'s position; `loser` and everything that was
   * an alternative of it become alternatives of `winner`. Nothing is removed.
   */
  swapMain(winnerKey: string, loserKey: string): void {
    const loser = this.byKey.get(loserKey);
    const winner = this.byKey.get(winnerKey);
    if (!loser || !winner) return;
    this.put({ ...loser, alternativeOf: winnerKey });
    for (const t of this.all()) {
      if (t.alternativeOf === loserKey && t.key !== winnerKey) this.put({ ...t, alternativeOf: winnerKey });
    }
    this.put({ ...winner, order: loser.order, alternativeOf: null });
  }

  /**
   * An order strictly between the turns `loKey` and `hiKey` (either may be null = open end).
   * Renumbers the whole conversation first when the gap is too small for a midpoint.
   */
  orderBetween(loKey: string | null, hiKey: string | null): number {
    let lo = loKey ? (this.byKey.get(loKey)?.order ?? null) : null;
    let hi = hiKey ? (this.byKey.get(hiKey)?.order ?? null) : null;
    if (lo !== null && hi !== null && hi - lo < MIN_GAP) {
      this.renumber();
      lo = this.byKey.get(loKey as string)?.order ?? null;
      hi = this.byKey.get(hiKey as string)?.order ?? null;
    }
    if (lo === null && hi === null) return ORDER_STEP;
    if (hi === null) return (lo as number) + ORDER_STEP;
    if (lo === null) return hi - ORDER_STEP;
    return lo + (hi - lo) / 2;
  }

  /** Spread main-line orders ORDER_STEP apart; alternatives follow their main-line turn. */
  private renumber(): void {
    const newOrder = new Map<string, number>();
    this.main.forEach((t, i) => newOrder.set(t.key, (i + 1) * ORDER_STEP));
    const oldMain = [...this.main];
    for (const t of this.all()) {
      let order = newOrder.get(t.key) ?? (t.alternativeOf !== null ? newOrder.get(t.alternativeOf) : undefined);
      if (order === undefined) {
        // Orphan alternative (its main turn is missing): keep it just after its old neighbour.
        const before = oldMain.filter((m) => m.order <= t.order).pop();
        order = (before ? (newOrder.get(before.key) ?? 0) : 0) + ORDER_STEP / 2;
      }
      if (order !== t.order) this.put({ ...t, order });
    }
  }

  /** Index of the first main turn with order >= `order`. */
  private lowerBound(order: number): number {
    let lo = 0;
    let hi = this.main.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.main[mid].order < order) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the first main turn with order > `order`. */
  private upperBound(order: number): number {
    let lo = 0;
    let hi = this.main.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.main[mid].order <= order) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
