/**
 * Issue 21: the chat page never sees the user's notes, and cannot drive our controls.
 * - typing a note (in the annotation frame) fires none of the page's key or input listeners;
 * - a page script that walks every shadow root it can reach and clicks every badge it finds
 *   reads no note text, even with the panel open on the annotated reply;
 * - a forged (untrusted) click or key press changes nothing: no panel, no hidden badges, no
 *   annotation written.
 * The page's own scripts run in the main world through page.evaluate, as a hostile site would.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { launchWithExtension, type ExtensionSession } from './lib/browser.ts';
import { badgeCount, clickBox, panelButtonBox, panelText, shownBadgeBox } from './lib/badge-layer.ts';
import { chatgptPage, chatgptUrl, keyOf, makeTurns } from './lib/chat-page.ts';
import { describeRequests, dumpStore, foreignRequests, openTab, sendFromExtension, storedTurns, waitFor } from './lib/extension.ts';

const URL_ = chatgptUrl('notes-privacy');
const KEY = keyOf(URL_);
const TURNS = makeTurns('np', 6);
const REPLY = TURNS[3].id;
const NOTE = 'secret note: the page must never read this';

let session: ExtensionSession;
let page: Page;

before(async () => {
  session = await launchWithExtension();
  session.serve(URL_, chatgptPage({ turns: TURNS }));
  ({ page } = await openTab(session, URL_));
  await waitFor('the turns stored', async () => ((await storedTurns(session, KEY)).length >= TURNS.length ? true : null), 20_000);
  await waitFor('the badges drawn', async () => ((await badgeCount(page)) >= TURNS.length / 2 ? true : null), 15_000);
});
after(async () => {
  await session?.close();
});

async function openPanel(): Promise<void> {
  await page.locator(`[data-message-id="${REPLY}"]`).scrollIntoViewIfNeeded();
  const box = await waitFor('the badge shown', () => shownBadgeBox(page, REPLY), 5_000);
  await clickBox(page, box);
  await waitFor('the panel open', () => panelText(page), 5_000);
}

async function annotationFrame(): Promise<Frame> {
  return waitFor(
    'the annotation frame',
    async () => {
      const f = page.frames().find((x) => x.url().includes('/src/ui/annotate/index.html'));
      return f && (await f.getByPlaceholder('Note (optional)').count()) > 0 ? f : null;
    },
    10_000,
  );
}

/**
 * A real click into the note box, then wait until the frame's document holds focus there: focus
 * crosses into the frame's own process, and in a loaded whole-suite run the panel can still be
 * settling when the first click lands (then the click is repeated, as a person would).
 */
async function focusNoteBox(frame: Frame): Promise<void> {
  const box = frame.getByPlaceholder('Note (optional)');
  const focused = () => frame.evaluate(() => document.hasFocus() && document.activeElement?.getAttribute('placeholder') === 'Note (optional)');
  for (let attempt = 0; attempt < 3; attempt++) {
    await box.click();
    try {
      await waitFor('focus in the note box', focused, 2_000, 100);
      return;
    } catch {
      // not focused yet: click again
    }
  }
  await waitFor('focus in the note box', focused, 2_000, 100);
}

async function annotations(): Promise<unknown[]> {
  return (await dumpStore(session)).annotations ?? [];
}

test('typing a note fires no page listener, and the note is stored', async () => {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __seen: string[] }).__seen = seen;
    for (const type of ['keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'compositionstart', 'paste']) {
      window.addEventListener(type, (e) => seen.push(`window ${e.type}`), true);
      document.addEventListener(type, (e) => seen.push(`document ${e.type}`), true);
    }
  });
  await openPanel();
  const frame = await annotationFrame();
  await focusNoteBox(frame);
  await page.keyboard.type(NOTE);
  await waitFor('the note in the frame', () => frame.evaluate((note) => (document.activeElement as HTMLTextAreaElement | null)?.value === note, NOTE), 5_000);
  await frame.getByRole('button', { name: 'Save note' }).click();
  await frame.getByText('✓ Saved').waitFor({ timeout: 5_000 });
  const seen = await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
  assert.deepEqual(seen, [], 'the page saw none of the key presses');
  const stored = await annotations();
  assert.equal(stored.length, 1);
  assert.equal((stored[0] as { note: string }).note, NOTE);
});

test('a page script walking every shadow root and clicking every badge finds no note text', async () => {
  // The panel is open on the annotated reply, its frame showing the note.
  assert.ok((await panelText(page)) !== null, 'panel open');
  const found = await page.evaluate(() => {
    const roots: (Document | ShadowRoot)[] = [document];
    const texts: string[] = [];
    let clicked = 0;
    const frames: string[] = [];
    for (let i = 0; i < roots.length; i++) {
      const root = roots[i];
      for (const el of Array.from(root.querySelectorAll('*'))) {
        if (el.shadowRoot) roots.push(el.shadowRoot);
        if (el instanceof HTMLButtonElement || el.getAttribute('role') === 'button') {
          (el as HTMLElement).click();
          clicked++;
        }
        if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) texts.push(el.value);
      }
      texts.push(
        root instanceof Document
          ? root.documentElement.outerHTML
          : Array.from(root.childNodes)
              .map((n) => n.textContent)
              .join(''),
      );
    }
    // Whatever frames the page can enumerate: reading into them must fail.
    for (let i = 0; i < window.frames.length; i++) {
      try {
        frames.push(window.frames[i].document.body.innerText);
      } catch (e) {
        frames.push(`denied: ${(e as Error).name}`);
      }
    }
    const host = Array.from(document.documentElement.children).find((el) => el.tagName === 'DIV' && el !== document.body);
    return { text: texts.join('\n'), shadowRoots: roots.length - 1, clicked, frames, hostRoot: host ? host.shadowRoot === null : null };
  });
  assert.ok(!found.text.includes(NOTE), 'no note text in the page or any shadow root it can reach');
  // window.frames lists only document-tree frames: our frame, in a shadow tree, is not among them,
  // so the page has no handle to read, message or navigate it.
  assert.deepEqual(found.frames, [], 'the page cannot even enumerate the annotation frame');
  assert.equal(found.hostRoot, true, "our host's shadow root is closed to the page");
  // The page's clicks were untrusted: our panel is still open, the note unchanged.
  assert.ok((await panelText(page)) !== null, 'panel still open');
  assert.equal(((await annotations())[0] as { note: string }).note, NOTE);
});

test('a forged untrusted click or key press changes nothing', async () => {
  // Close the panel with the real mouse, then let the page try to reopen it and hide the badges.
  const close = await panelButtonBox(page, 'Close details');
  assert.ok(close, 'the panel has a close button');
  await clickBox(page, close);
  await waitFor('the panel closed', async () => ((await panelText(page)) === null ? true : null), 5_000);
  const badge = await waitFor('the badge shown', () => shownBadgeBox(page, REPLY), 5_000);
  const before = { badges: await badgeCount(page), annotations: JSON.stringify(await annotations()) };
  const dispatched = await page.evaluate(
    ({ x, y }) => {
      const targets = document.elementsFromPoint(x, y);
      let n = 0;
      for (const t of targets) {
        for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) {
          t.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, clientX: x, clientY: y }));
          n++;
        }
        t.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
        (t as HTMLElement).click?.();
        n += 2;
      }
      return n;
    },
    { x: badge.x + badge.width / 2, y: badge.y + badge.height / 2 },
  );
  assert.ok(dispatched > 0, 'the page reached our host and dispatched events at it');
  await page.waitForTimeout(500);
  assert.equal(await panelText(page), null, 'no panel opened');
  assert.equal(await badgeCount(page), before.badges, 'badges still there');
  assert.equal(JSON.stringify(await annotations()), before.annotations, 'no annotation written');
  const settings = await sendFromExtension<{ settings: { badgesHidden: boolean } }>(session, { type: 'settings/get' });
  assert.equal(settings.settings.badgesHidden, false, 'badges not hidden');
});

test('no network: nothing but served fixtures and extension resources was requested', () => {
  const foreign = foreignRequests(session);
  assert.equal(foreign.length, 0, `unexpected requests:\n${describeRequests(foreign)}`);
});
