/**
 * The annotation round trip in the real extension (Chromium): import a real ChatGPT export in the
 * dashboard, export "For annotation tools", check the Label Studio and Argilla files in the zip
 * against the tools' documented shapes, annotate as Label Studio's JSON export would hold the work,
 * import that file back (twice: the second changes nothing), and see the corrections in the
 * conversation's transcript and in the Annotations tab's agreement. Ends with the no-network check.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionSession } from './lib/browser.ts';
import { EXPORT_SAMPLES } from '../fixtures/paths.ts';
import { describeRequests, dumpStore, foreignRequests, waitFor, watchPage } from './lib/extension.ts';
import { describeViolations, runAxe, seriousOrWorse } from './lib/axe.ts';
import {
  validateArgillaRecords,
  validateArgillaSettings,
  validateLabelStudioConfig,
  validateLabelStudioTasks,
} from '../unit/core/formats/annotation/tool-schemas.ts';

const OUT = resolve('test-output');
const EXPORT = resolve(EXPORT_SAMPLES, 'chatgpt/pkuppens-2023__conversations.excerpt.json');

let session: ExtensionSession;
let tasks: { data: { turn_key: string; conversation_key: string; predicted_shift: boolean } }[] = [];

before(async () => {
  mkdirSync(OUT, { recursive: true });
  session = await launchWithExtension();
});
after(async () => {
  await session?.close();
});

async function openDashboard(hash: string): Promise<Page> {
  const page = await session.openPage(session.extensionUrl(`src/ui/dashboard/index.html${hash}`));
  await page.waitForSelector('#app *', { timeout: 10_000 });
  return page;
}

type Row = Record<string, unknown>;

test('export for annotation tools: Label Studio and Argilla files follow their documented shapes', async () => {
  const dash = await openDashboard('#/io');
  const watch = watchPage(dash);
  await dash.locator('input[type=file]').first().setInputFiles([EXPORT]);
  await dash.getByRole('button', { name: /^Import \d+ conversations?$/ }).click();
  await dash.getByText(/Imported: 3 new/).waitFor({ timeout: 20_000 });
  // Labels are computed after the import, in the worker: wait for every reply's analysis.
  await waitFor('the imported replies labelled', async () => (((await dumpStore(session)).analyses?.length ?? 0) >= 15 ? true : null), 30_000);

  await dash.reload();
  await dash.waitForSelector('#app *');
  await dash.getByLabel('Export format').first().selectOption('annotation');
  const [download] = await Promise.all([
    dash.waitForEvent('download', { timeout: 30_000 }),
    dash
      .getByRole('button', { name: /^Export/ })
      .first()
      .click(),
  ]);
  assert.match(download.suggestedFilename(), /\.annotation\.zip$/);
  const path = join(OUT, `e2e-${download.suggestedFilename()}`);
  await download.saveAs(path);
  const files = unzipSync(new Uint8Array(readFileSync(path)));
  const { problems, config } = validateLabelStudioConfig(strFromU8(files['label-studio/labeling-config.xml']));
  assert.deepEqual(problems, []);
  tasks = JSON.parse(strFromU8(files['label-studio/tasks.json']));
  assert.equal(tasks.length, 15);
  assert.deepEqual(validateLabelStudioTasks(tasks, config), []);
  const { problems: settingsProblems, schema } = validateArgillaSettings(JSON.parse(strFromU8(files['argilla/.argilla/settings.json'])));
  assert.deepEqual(settingsProblems, []);
  assert.deepEqual(validateArgillaRecords(JSON.parse(strFromU8(files['argilla/records.json'])), schema), []);
  assert.deepEqual(watch.errors, []);
  await dash.close();
});

test('Label Studio work comes back: stored with who and when, shown in the transcript and the Annotations tab; twice changes nothing', async () => {
  assert.equal(tasks.length, 15, 'the export test ran first');
  const first = tasks[1];
  const second = tasks[4];
  const result = (choice: string) => ({ from_name: 'shift', to_name: 'dialogue', type: 'choices', value: { choices: [choice] } });
  const lsExport = tasks.map((t, i) => ({
    id: 500 + i,
    project: 3,
    data: t.data,
    predictions: [],
    annotations:
      i === 1
        ? [
            {
              id: 71,
              completed_by: { id: 2, email: 'ana@example.org' },
              was_cancelled: false,
              created_at: '2026-12-02T08:00:00Z',
              updated_at: '2026-12-02T08:05:00Z',
              result: [result('Shift'), { from_name: 'label_kind', to_name: 'dialogue', type: 'choices', value: { choices: ['sycophancy'] } }],
            },
          ]
        : i === 4
          ? [
              {
                id: 72,
                completed_by: 5,
                was_cancelled: false,
                created_at: '2026-12-02T09:00:00Z',
                updated_at: '2026-12-02T09:00:00Z',
                result: [
                  result(t.data.predicted_shift ? 'Shift' : 'No shift'),
                  { from_name: 'note', to_name: 'dialogue', type: 'textarea', value: { text: ['agree'] } },
                ],
              },
            ]
          : [],
  }));
  const file = join(OUT, 'e2e-label-studio-export.json');
  writeFileSync(file, JSON.stringify(lsExport));

  const dash = await openDashboard('#/annotations');
  const watch = watchPage(dash);
  const annotationInput = dash.locator('input[type=file]');
  await annotationInput.setInputFiles([file]);
  await dash.getByText(/Label Studio\): 2 annotations on 2 replies by 2 annotators/).waitFor({ timeout: 10_000 });
  await dash.getByRole('button', { name: 'Import 2 annotations' }).click();
  await dash.getByText('Annotations: 2 new, 0 updated, 0 already there.').waitFor({ timeout: 10_000 });
  const stored = ((await dumpStore(session)).annotations ?? []) as Row[];
  assert.equal(stored.length, 2);
  const byId = new Map(stored.map((a) => [a.id as string, a]));
  assert.deepEqual(byId.get(`label-studio:${first.data.turn_key}:71`), {
    id: `label-studio:${first.data.turn_key}:71`,
    turnKey: first.data.turn_key,
    conversationKey: first.data.conversation_key,
    kind: 'relabel',
    label: 'sycophancy',
    note: null,
    createdAt: Date.parse('2026-12-02T08:00:00Z'),
    updatedAt: Date.parse('2026-12-02T08:05:00Z'),
    origin: { tool: 'label-studio', author: 'ana@example.org' },
  });
  assert.equal(byId.get(`label-studio:${second.data.turn_key}:72`)?.kind, 'confirm');

  // The same file again: nothing changes.
  const before = JSON.stringify(await dumpStore(session));
  await annotationInput.setInputFiles([file]);
  await dash.getByRole('button', { name: 'Import 2 annotations' }).click();
  await dash.getByText('Annotations: 0 new, 0 updated, 2 already there.').waitFor({ timeout: 10_000 });
  assert.equal(JSON.stringify(await dumpStore(session)), before);
  const ioAxe = seriousOrWorse(await runAxe(dash));
  assert.deepEqual(watch.errors, []);
  await dash.close();

  const view = await openDashboard(`#/c/${encodeURIComponent(first.data.conversation_key)}`);
  await view.getByText('Label Studio · ana@example.org: relabelled “sycophancy”').waitFor({ timeout: 10_000 });
  await view.close();

  const agreement = await openDashboard('#/annotations');
  await agreement.getByText(/the detector agreed with 1 of 2 verdicts/).waitFor({ timeout: 10_000 });
  const agreementAxe = seriousOrWorse(await runAxe(agreement));
  await agreement.close();
  assert.deepEqual([...ioAxe, ...agreementAxe], [], describeViolations([...ioAxe, ...agreementAxe]));
});

test('no network: nothing but extension resources was requested', () => {
  const foreign = foreignRequests(session);
  assert.equal(foreign.length, 0, `unexpected requests:\n${describeRequests(foreign)}`);
});
