/**
 * Which badges may render. New badges are let in a bounded batch per task (schedule.ts runs the
 * next batch in the next task), so a long conversation's first draw never makes a long task.
 */

/**
 * New badges rendered per task. Creating a badge costs ~0.2-0.3 ms, so the first draw on a long
 * conversation (150 replies) is split into tasks well under 50 ms each.
 */
export const NEW_BADGES_PER_TASK = 40;

export interface Admission {
  /** Lets up to NEW_BADGES_PER_TASK more of `shown` render; true when others are still waiting. */
  admit(shown: string[]): boolean;
  has(turnId: string): boolean;
  /** Forgets badges whose reply left the page. */
  keepOnly(elements: ReadonlyMap<string, Element>): void;
  clear(): void;
}

export function createAdmission(): Admission {
  /** Badges rendered so far. */
  const admitted = new Set<string>();
  return {
    admit(ids) {
      let room = NEW_BADGES_PER_TASK;
      // A badge whose reply went far away is admitted (and placed) afresh when it comes back.
      const shown = new Set(ids);
      for (const id of admitted) if (!shown.has(id)) admitted.delete(id);
      for (const id of ids) {
        if (admitted.has(id)) continue;
        if (room === 0) return true;
        admitted.add(id);
        room--;
      }
      return false;
    },
    has: (turnId) => admitted.has(turnId),
    keepOnly(elements) {
      for (const id of admitted) if (!elements.has(id)) admitted.delete(id);
    },
    clear() {
      admitted.clear();
    },
  };
}
