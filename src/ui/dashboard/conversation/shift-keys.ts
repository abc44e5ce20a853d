/** Next / previous shift for the conversation view's n / p keys. Pure (plus a DOM type check). */

/** The shift after (dir 1) or before (dir −1) `from` (null: before the first reply); null when none. */
export function nextShift(shifts: readonly number[], from: number | null, dir: 1 | -1): number | null {
  if (dir > 0) return shifts.find((s) => from === null || s > from) ?? null;
  for (let i = shifts.length - 1; i >= 0; i--) if (from !== null && shifts[i] < from) return shifts[i];
  return null;
}

/** True while the user types: shortcuts must not steal letters from a field. */
export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.tagName !== 'string') return false;
  return el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName);
}
