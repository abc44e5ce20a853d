// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { exportLabelStudioTasks, parseAnnotationFile } from '../../../src/core/formats/annotation/index.ts';
import type { Annotation } from '../../../src/core/model/types.ts';
import { AnnotationsTab } from '../../../src/ui/dashboard/annotations/AnnotationsTab.tsx';
import { ConversationView } from '../../../src/ui/dashboard/conversation/ConversationView.tsx';
import { AnnotationImportPanel } from '../../../src/ui/dashboard/annotations/AnnotationImportPanel.tsx';
import { parseRoute } from '../../../src/ui/dashboard/route.ts';
import { HOSTILE, annotationFor, bundle, conversation, services } from './fixtures.ts';
import { byText, cleanup, click, mount, settle } from './render.tsx';

afterEach(cleanup);

/** A Label Studio JSON export of the fixture bundle's tasks: one annotator relabels reply 2. */
function lsExport(author: unknown = { id: 3, email: 'ana@example.org' }): string {
  const tasks = JSON.parse(exportLabelStudioTasks([bundle()]));
  return JSON.stringify(
    tasks.map((t: Record<string, unknown>, i: number) => ({
      ...t,
      id: i + 1,
      annotations:
        i === 1
          ? [
              {
                id: 11,
                completed_by: author,
                was_cancelled: false,
                created_at: '2026-12-01T09:00:00Z',
                updated_at: '2026-12-01T09:00:00Z',
                result: [
                  { from_name: 'shift', to_name: 'dialogue', type: 'choices', value: { choices: ['Shift'] } },
                  { from_name: 'label_kind', to_name: 'dialogue', type: 'choices', value: { choices: ['sycophancy'] } },
                ],
              },
            ]
          : [],
    })),
  );
}

function pickFile(root: HTMLElement, file: File) {
  const input = root.querySelector<HTMLInputElement>('input[type="file"]')!;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('Import annotations panel', () => {
  it('previews a Label Studio export, then sends the annotations to the worker', async () => {
    const s = services();
    s.core.parseAnnotationFile.mockImplementation(parseAnnotationFile);
    const root = await mount(<AnnotationImportPanel onImported={() => {}} />, s);
    pickFile(root, new File([lsExport()], 'project.json'));
    await settle(6);
    expect(root.textContent).toContain('project.json (Label Studio): 1 annotation on 1 reply by 1 annotator — 1 relabel.');
    await click(byText(root, 'button', 'Import 1 annotation'));
    await settle(4);
    expect(s.commands.importAnnotations).toHaveBeenCalledTimes(1);
    expect(s.commands.importAnnotations.mock.calls[0][0][0]).toMatchObject({
      kind: 'relabel',
      label: 'sycophancy',
      origin: { tool: 'label-studio', author: 'ana@example.org' },
    });
    expect(root.textContent).toContain('Annotations: 1 new, 0 updated, 0 already there.');
  });

  it('a foreign file is refused with what and where, and nothing is sent', async () => {
    const s = services();
    s.core.parseAnnotationFile.mockImplementation(parseAnnotationFile);
    const root = await mount(<AnnotationImportPanel onImported={() => {}} />, s);
    pickFile(root, new File([JSON.stringify({ format: 'persona-observatory', version: 1, conversations: [] })], 'bundle.json'));
    await settle(6);
    expect(root.querySelector('[role="alert"]')?.textContent).toMatch(
      /Refused bundle\.json: bundle\.json: not a Label Studio JSON export or Argilla records file/,
    );
    expect(s.commands.importAnnotations).not.toHaveBeenCalled();
  });

  it('a store refusal (reply not stored) is shown and nothing is claimed written', async () => {
    const s = services();
    s.core.parseAnnotationFile.mockImplementation(parseAnnotationFile);
    s.commands.importAnnotations.mockRejectedValue(new Error('reply chatgpt:abc:t3 is not in your store'));
    const root = await mount(<AnnotationImportPanel onImported={() => {}} />, s);
    pickFile(root, new File([lsExport()], 'project.json'));
    await settle(6);
    await click(byText(root, 'button', 'Import 1 annotation'));
    await settle(4);
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('not in your store');
    expect(root.textContent).toContain('Import refused; nothing was written');
  });
});

describe('Annotations tab: agreement', () => {
  it('counts verdicts per label kind and site from the stored bundles', async () => {
    const imported: Annotation = { ...annotationFor('chatgpt:abc:t1', 'confirm'), id: 'ls-1', origin: { tool: 'label-studio', author: 'ana' } };
    const s = services({
      list: [conversation({ annotationCount: 2 })],
      bundle: bundle({ annotations: [annotationFor('chatgpt:abc:t3', 'reject'), imported] }),
    });
    const root = await mount(<AnnotationsTab />, s);
    await settle(4);
    expect(root.textContent).toContain('the detector agreed with 1 of 2 verdicts');
    const rows = [...root.querySelectorAll('table')].map((t) => [...t.querySelectorAll('tbody tr')].map((r) => [...r.children].map((c) => c.textContent)));
    expect(rows[0]).toEqual([
      ['no shift', '1', '0', '0', '100% (21%–100%) of 1'],
      ['tone', '0', '1', '0', '0% (0%–79%) of 1'],
    ]);
    expect(rows[1]).toEqual([['chatgpt', '1', '1', '0', '50% (9%–91%) of 2']]);
    expect(rows[2].map((r) => r[0]).sort()).toEqual(['in the extension', 'label-studio']);
    expect(parseRoute('#/annotations')).toEqual({ tab: 'annotations' });
  });

  it('says so when there are no verdicts yet', async () => {
    const s = services({ list: [conversation()] });
    const root = await mount(<AnnotationsTab />, s);
    await settle(4);
    expect(root.textContent).toContain('No verdicts yet');
  });
});

describe('Conversation view shows judgements from annotation tools', () => {
  it('with tool, annotator and time, as text; your own stays editable apart', async () => {
    const imported: Annotation = {
      ...annotationFor('chatgpt:abc:t3', 'relabel', 'sycophancy', HOSTILE),
      id: 'ls-1',
      updatedAt: Date.UTC(2026, 11, 1),
      origin: { tool: 'label-studio', author: HOSTILE },
    };
    const s = services({ bundle: bundle({ annotations: [annotationFor('chatgpt:abc:t3', 'confirm'), imported] }) });
    const root = await mount(<ConversationView conversationKey="chatgpt:abc" onBack={() => {}} onDeleted={() => {}} />, s);
    await settle(4);
    const list = root.querySelector('[aria-label="Judgements from annotation tools"]');
    expect(list?.textContent).toContain('Label Studio · <img src=x');
    expect(list?.textContent).toContain('Relabelled “sycophancy”');
    expect(list?.querySelector('img, script')).toBeNull();
    expect(root.textContent).toContain('You: Confirmed shift');
  });
});
