/**
 * `npm start` (after the build): the extension loaded in Debian Chromium on the bundled demo
 * conversation, served at a real ChatGPT URL by request interception (nothing leaves the machine).
 * With a display: a window stays open until you close it. Without one: headless, writes
 * screenshots to ./demo-output/ and prints a short summary. Without Chromium: says how to install
 * it, and runs the same adapter and detector on the demo page in Node.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { launchWithExtension, findChromium } from '../tests/e2e/lib/browser.ts';
import { dumpStore } from '../tests/e2e/lib/extension.ts';
import { renderChatGptPage, type DemoTurn } from '../demo/chatgpt-page.ts';
import { coreAnalyzer } from '../src/background/analyzer.ts';
import { parseSavedPage } from '../src/cli/saved-page.ts';
import { adapterForUrl } from '../src/sites/registry.ts';
import { capturePage } from '../src/sites/adapter.ts';
import { parseAnyConversationFile } from '../src/core/formats/detect.ts';
import { analyzeRouter, formatEvidence } from '../src/core/router/index.ts';

const OUT = 'demo-output';
/** Multi-conversation history for the router tab: real AlpacaEval replies with a known router (demo/README.md). */
const ROUTER_HISTORY = 'demo/router-history.jsonl';
// The extension's own detector configuration (with the page's per-reply model as evidence).
const analysisFor = (turns: DemoTurn[]) => coreAnalyzer.analyze(turns.map((t) => ({ role: t.role, text: t.text, model: t.model ?? null })));
const demo = JSON.parse(readFileSync('demo/conversation.json', 'utf8')) as { id: string; title: string; turns: DemoTurn[] };
const url = `https://chatgpt.com/c/${demo.id}`;
const headed = Boolean(process.env.DISPLAY) && !process.env.CI;

mkdirSync(OUT, { recursive: true });
try {
  // PO_DEMO_NO_BROWSER=1 forces the browser-less path (to try it on a machine that has Chromium).
  if (process.env.PO_DEMO_NO_BROWSER) throw new Error('PO_DEMO_NO_BROWSER is set: skipping the browser.');
  findChromium();
} catch (err) {
  // No browser: still show the pipeline (the same adapter and detector, in Node), and say how to get the rest.
  console.error(`${(err as Error).message}\nRunning the browser-less part of the demo instead (no screenshots).`);
  runWithoutBrowser();
  process.exit(0);
}
const session = await launchWithExtension({ headless: !headed });
session.serve(url, renderChatGptPage({ title: demo.title, turns: demo.turns }), { keepScripts: true });
const page = await session.openPage(url);

const turnsStored = async () => ((await dumpStore(session)).turns ?? []).length;
const deadline = Date.now() + 30_000;
while ((await turnsStored()) < demo.turns.length && Date.now() < deadline) await page.waitForTimeout(300);
const stored = await turnsStored();
await page.waitForTimeout(800); // let the badge layer settle after the last answer

const shots: string[] = [];
async function shot(name: string, target = page, fullPage = true) {
  const path = `${OUT}/${name}.png`;
  await target.screenshot({ path, fullPage });
  shots.push(path);
}
// The badge layer follows the replies in the viewport: show the page around the first shift.
const focus = Math.max(0, analysisFor(demo.turns).switches[0] ?? 3);
await page
  .locator('[data-message-author-role="assistant"]')
  .nth(Math.max(0, focus - 1))
  .scrollIntoViewIfNeeded();
await page.waitForTimeout(600);
await shot('annotated-page', page, false);

const dashboard = await session.openPage(session.extensionUrl('src/ui/dashboard/index.html'));
await dashboard.waitForTimeout(1200);
await shot('dashboard-list', dashboard, false);
await dashboard.goto(session.extensionUrl(`src/ui/dashboard/index.html#/c/${encodeURIComponent(`chatgpt:${demo.id}`)}`));
await dashboard.waitForTimeout(1500);
await shot('dashboard-conversation', dashboard, false);
// The bundled multi-conversation history (real replies, known router: demo/README.md) goes in through
// the dashboard's own import, so the router tab has a pile to conclude on.
await dashboard.goto(session.extensionUrl('src/ui/dashboard/index.html#/io'));
await dashboard.locator('input[type=file]').setInputFiles(ROUTER_HISTORY);
await dashboard.getByRole('button', { name: /^Import \d+ conversations?$/ }).click();
await dashboard.getByText(/Imported: \d+ new/).waitFor({ timeout: 30_000 });
await dashboard.goto(session.extensionUrl('src/ui/dashboard/index.html#/router'));
await dashboard.getByRole('button', { name: /^Analyse/ }).click();
await dashboard.locator('.po-verdict-line').first().waitFor({ timeout: 120_000 });
await dashboard
  .locator('.po-verdict-details')
  .first()
  .evaluate((d) => ((d as HTMLDetailsElement).open = true));
await shot('dashboard-router', dashboard, true);
// The evidence on the persona vocabulary: router states named from their evidence, replies coloured by persona (P1, P2, …).
await dashboard.locator('.po-router-more').evaluate((d) => ((d as HTMLDetailsElement).open = true));
await dashboard.locator('.po-states').scrollIntoViewIfNeeded();
await shot('dashboard-router-personas', dashboard, false);
const verdictLines = await dashboard
  .locator('.po-verdict-line')
  .evaluateAll((els) =>
    els.map(
      (el) =>
        `${el.querySelector('.po-verdict')?.textContent ?? ''}: ${el.querySelector('.po-verdict-question')?.textContent ?? ''} ${el.querySelector('.po-verdict-evidence')?.textContent ?? ''}`,
    ),
  );

// The summary re-runs the same detector in Node on the same turns: what the badges show.
console.log(`\nPersona Observatory demo — ${url}`);
console.log(`turns on the page: ${demo.turns.length}; captured and stored by the extension: ${stored}`);
printShifts(demo.turns);
console.log(`router tab on the bundled history (${ROUTER_HISTORY}):`);
for (const l of verdictLines) console.log(`  ${l}`);
console.log(`screenshots: ${shots.join(', ')}`);

if (headed) {
  console.log('\nThe browser stays open: close its window to finish.');
  await new Promise<void>((resolve) => session.context.on('close', () => resolve()));
} else {
  await session.close();
}
if (stored < demo.turns.length) {
  console.error(`only ${stored} of ${demo.turns.length} turns were stored`);
  process.exitCode = 1;
}

function printShifts(turns: DemoTurn[]): void {
  const analysis = analysisFor(turns);
  console.log(`detector ${coreAnalyzer.version}: ${analysis.replies.length} replies, shifts at replies [${analysis.switches.map((i) => i + 1).join(', ')}]`);
  for (const r of analysis.replies.filter((r) => r.shift)) {
    const words = r.labels.map((l) => `${l.text} (${Math.round(l.confidence * 100)}%)`).join('; ');
    console.log(`  reply ${r.index + 1}: ${words || 'shift'}`);
  }
}

/** The demo page through the real ChatGPT adapter (linkedom) and the detector, in Node. */
function runWithoutBrowser(): void {
  const html = renderChatGptPage({ title: demo.title, turns: demo.turns });
  writeFileSync(`${OUT}/demo-page.html`, html);
  const adapter = adapterForUrl(url)!;
  const capture = capturePage(adapter, parseSavedPage(html), new URL(url));
  const turns = capture.turns.map((t) => ({ role: t.role, text: t.text, model: t.model ?? undefined }));
  console.log(`\nPersona Observatory demo (no browser) — ${url}`);
  console.log(`adapter ${adapter.id}: status ${capture.status}, ${capture.turns.length} of ${demo.turns.length} turns read from the page`);
  printShifts(turns);
  console.log(`page written to ${OUT}/demo-page.html`);
  const { bundles } = parseAnyConversationFile(readFileSync(ROUTER_HISTORY, 'utf8'), ROUTER_HISTORY);
  const report = analyzeRouter(bundles, { permutations: 499 });
  console.log(`router analysis of the bundled history (${ROUTER_HISTORY}):`);
  for (const q of report.questions) console.log(`  ${q.verdict}: ${q.question} ${q.evidence ? formatEvidence(q.evidence) : ''}`);
}
