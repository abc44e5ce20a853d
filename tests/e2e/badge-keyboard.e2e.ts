/**
 * Issue 18, keyboard only: the badge panel is usable without a mouse.
 * - Alt+Shift+B reaches a badge from the page (no 167 Tab presses);
 * - Enter opens the panel and focus moves into it; Tab reaches the annotation frame's
 *   "Confirm shift"; Enter saves and focus stays in the panel; the badge's face shows the
 *   judgement;
 * - Escape pressed inside the frame closes the panel and focus returns to the badge;
 * - Alt+Shift+N / Alt+Shift+P go to the next / previous reply with a shift.
 * No mouse event is sent in this file.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { launchWithExtension, type ExtensionSession } from './lib/browser.ts';
import { badgeCount, inBadgeLayer, panelText } from './lib/badge-layer.ts';
import { chatgptPage, chatgptUrl, keyOf, makeTurns } from './lib/chat-page.ts';
import { openTab, sendFromExtension, storedTurns, waitFor, watchPage, withinMs } from './lib/extension.ts';

const URL_ = chatgptUrl('badge-keyboard');
const KEY = keyOf(URL_);
// The model the page names changes at the third reply: a fact the detector marks as a shift.
const TURNS = makeTurns('kb', 10).map((t, i) => (t.role === 'assistant' && i >= 5 ? { ...t, model: 'o3' } : t));

let session: ExtensionSession;
let page: Page;

/** Browser, page, stored turns and drawn badges; every step has a deadline that names it. */
async function setUp(): Promise<void> {
  session = await withinMs(launchWithExtension(), 60_000, 'launching Chromium with the extension');
  session.serve(URL_, chatgptPage({ turns: TURNS }));
  ({ page } = await withinMs(openTab(session, URL_), 60_000, 'opening the chat tab'));
  await withinMs(page.bringToFront(), 10_000, 'bringing the chat tab to the front');
  await waitFor('the turns stored', async () => ((await storedTurns(session, KEY)).length >= TURNS.length ? true : null), 20_000);
  await waitFor('the badges drawn', async () => ((await badgeCount(page)) > 0 ? true : null), 15_000);
}

before(setUp);
after(async () => {
  await withinMs(session?.close() ?? Promise.resolve(), 20_000, 'closing the browser').catch(() => {});
});

/** The turn id of the badge holding focus inside our layer, else null. */
const focusedBadge = () =>
  inBadgeLayer<string | null>(page, `function () { return this.activeElement?.closest('[data-turn]')?.getAttribute('data-turn') ?? null; }`);
const focusInPanel = () => inBadgeLayer<boolean>(page, `function () { return !!this.activeElement?.closest('.po-panel'); }`);

async function annotationFrame(): Promise<Frame> {
  return waitFor('the annotation frame', async () => {
    const f = page.frames().find((x) => x.url().includes('/src/ui/annotate/index.html'));
    return f && (await f.getByRole('button', { name: 'Confirm shift' }).count()) > 0 ? f : null;
  });
}

/** Reply turn ids whose badge marks a shift, in page order (a short page: every badge is near the viewport). */
async function shiftReplies(): Promise<string[]> {
  const ids = await inBadgeLayer<string[]>(
    page,
    `function () { return Array.from(this.querySelectorAll('.po-badge-shift')).map((b) => b.getAttribute('data-turn')); }`,
  );
  const order = (id: string) => TURNS.findIndex((t) => t.id === id);
  return (ids ?? []).sort((a, b) => order(a) - order(b));
}

test('keyboard only: reach a badge, open its panel, confirm with Enter, Escape from inside the frame', async () => {
  const watch = watchPage(page);
  await page.keyboard.press('Alt+Shift+B');
  const badge = await waitFor('a badge focused by Alt+Shift+B', focusedBadge, 5_000);
  assert.ok(
    TURNS.some((t) => t.id === badge && t.role === 'assistant'),
    `focus is on a reply's badge (${badge})`,
  );

  await page.keyboard.press('Enter');
  await waitFor('the panel open', () => panelText(page), 5_000);
  assert.equal(await focusInPanel(), true, 'the open panel holds focus');

  const frame = await annotationFrame();
  const confirmFocused = () => frame.evaluate(() => document.hasFocus() && document.activeElement?.textContent?.trim() === 'Confirm shift');
  for (let i = 0; i < 15 && !(await confirmFocused()); i++) await page.keyboard.press('Tab');
  assert.equal(await confirmFocused(), true, 'Tab reaches "Confirm shift" in the annotation frame');

  await page.keyboard.press('Enter');
  await frame.getByText('✓ Saved').waitFor({ timeout: 5_000 });
  assert.equal(await confirmFocused(), true, 'focus stays on the button after saving');
  assert.notEqual(await panelText(page), null, 'the panel is still open');
  const face = await waitFor(
    'the judgement on the badge',
    () =>
      inBadgeLayer<string | null>(
        page,
        `function (id) { return Array.from(this.querySelectorAll('.po-badge')).find((b) => b.getAttribute('data-turn') === id)?.querySelector('.po-badge-judged')?.textContent ?? null; }`,
        badge,
      ),
    5_000,
  );
  assert.equal(face, '✓ Confirmed shift');

  // A keystroke has no timeout of its own: one that never completes (its frame removed between
  // key-down and key-up, fixed in the frame) must fail here, named, not hang the file.
  await withinMs(page.keyboard.press('Escape'), 10_000, 'pressing Escape inside the annotation frame');
  await waitFor('the panel closed', async () => ((await panelText(page)) === null ? true : null), 5_000);
  assert.equal(await focusedBadge(), badge, 'focus is back on the badge');
  assert.deepEqual(watch.errors, [], 'the page shows no script errors');
});

test('keyboard only: Alt+Shift+N / Alt+Shift+P move between the replies with a shift', async () => {
  const shifts = await shiftReplies();
  assert.ok(shifts.length >= 1, `the model change is a shift (shifts: ${shifts.join(', ')})`);
  const first = shifts[0];
  // From the first reply's badge (the top of the page), N goes to the first shift after it.
  await page.evaluate(() => window.scrollTo(0, 0));
  const firstReply = TURNS.find((t) => t.role === 'assistant')!.id;
  await page.keyboard.press('Alt+Shift+B');
  await waitFor('the first badge focused', async () => ((await focusedBadge()) === firstReply ? true : null), 5_000);
  const target = shifts.find((id) => TURNS.findIndex((t) => t.id === id) > TURNS.findIndex((t) => t.id === firstReply)) ?? first;
  await page.keyboard.press('Alt+Shift+N');
  await waitFor(`the badge of ${target} focused`, async () => ((await focusedBadge()) === target ? true : null), 5_000);
  const order = (id: string) => TURNS.findIndex((t) => t.id === id);
  const after = (id: string) => shifts.find((s) => order(s) > order(id)) ?? id;
  const beforeOf = (id: string) => [...shifts].reverse().find((s) => order(s) < order(id)) ?? id;
  // Tab moves on to the next badge, a reply after the shift; P comes back to the shift before it.
  await page.keyboard.press('Tab');
  const moved = await waitFor('Tab to the next badge', focusedBadge, 5_000);
  assert.ok(order(moved) > order(target), `Tab went to a later reply's badge (${moved})`);
  const back = beforeOf(moved);
  assert.notEqual(back, moved);
  await page.keyboard.press('Alt+Shift+P');
  await waitFor(`P: back to ${back}`, async () => ((await focusedBadge()) === back ? true : null), 5_000);
  // N from the last shift: there is none after it unless the detector found one; focus follows.
  await page.keyboard.press('Alt+Shift+N');
  const next = after(back);
  await waitFor(`N: ${next}`, async () => ((await focusedBadge()) === next ? true : null), 5_000);
});

test('"Hide all badges" (keyboard) hides them on the page and after a reload; showing them again from the extension needs no reload', async () => {
  await page.keyboard.press('Alt+Shift+B');
  await waitFor('a badge focused', focusedBadge, 5_000);
  await page.keyboard.press('Enter');
  await waitFor('the panel open', () => panelText(page), 5_000);
  const onHide = () => inBadgeLayer<boolean>(page, `function () { return this.activeElement?.textContent?.trim() === 'Hide all badges'; }`);
  for (let i = 0; i < 40 && !(await onHide()); i++) await page.keyboard.press('Tab');
  assert.equal(await onHide(), true, 'Tab reaches "Hide all badges"');
  await page.keyboard.press('Enter');
  await waitFor('the badges hidden', async () => ((await badgeCount(page)) === 0 ? true : null), 5_000);
  const stored = await sendFromExtension<{ settings: { badgesHidden: boolean } }>(session, { type: 'settings/get' });
  assert.equal(stored.settings.badgesHidden, true, 'the setting is stored');

  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.waitForTimeout(3_000);
  assert.equal(await badgeCount(page), 0, 'a reload keeps them hidden');

  // The popup's "show badges" is a settings change; the worker pushes it to the open page.
  await sendFromExtension(session, { type: 'settings/set', patch: { badgesHidden: false } });
  await waitFor('the badges back without a reload', async () => ((await badgeCount(page)) > 0 ? true : null), 10_000);
});
