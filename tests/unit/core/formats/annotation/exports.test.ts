import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  argillaDataset,
  argillaSettings,
  exportAnnotationZip,
  exportArgillaRecords,
  exportHfDataset,
  exportLabelStudioTasks,
  exportProdigy,
  labelStudioConfig,
  replyTasks,
} from '../../../../../src/core/formats/annotation/index.ts';
import { LABEL_VOCABULARY } from '../../../../../src/core/detect/vocabulary.ts';
import { realShaped } from './samples.ts';
import {
  validateArgillaDataset,
  validateArgillaRecords,
  validateArgillaSettings,
  validateHfJsonl,
  validateLabelStudioConfig,
  validateLabelStudioTasks,
  validateProdigyTask,
} from './tool-schemas.ts';

const bundles = realShaped();
const replies = bundles.reduce((n, b) => n + b.turns.filter((t) => t.role === 'assistant' && t.alternativeOf === null).length, 0);

describe("annotation exports follow each tool's documented shape (real-shaped samples)", () => {
  it('has real material to check: every reply of the ChatGPT excerpt, labelled, some with shifts', () => {
    const tasks = bundles.flatMap((b) => [...replyTasks(b)]);
    expect(tasks).toHaveLength(replies);
    expect(replies).toBe(17);
    expect(tasks.every((t) => t.prediction !== null)).toBe(true);
    expect(tasks.some((t) => t.prediction?.shift)).toBe(true);
  });

  it('Label Studio: the config is a valid labeling config and every task validates against it', () => {
    const { problems, config } = validateLabelStudioConfig(labelStudioConfig());
    expect(problems).toEqual([]);
    expect(config.objects.get('dialogue')).toMatchObject({ tag: 'Paragraphs', value: 'dialogue' });
    expect(config.controls.get('label_kind')?.choices).toEqual(LABEL_VOCABULARY.map((v) => v.kind));
    const tasks = JSON.parse(exportLabelStudioTasks(bundles)) as { data: Record<string, unknown>; predictions: { model_version: string }[] }[];
    expect(tasks).toHaveLength(replies);
    expect(validateLabelStudioTasks(tasks, config)).toEqual([]);
    // Dialogue layout, the reply last; the detector version is the prediction's model_version.
    const shifted = tasks.find((t) => t.data.predicted_shift === true);
    expect(shifted?.predictions[0].model_version).toBe(shifted?.data.detector_version);
    expect(tasks[0].data.dialogue).toEqual(expect.arrayContaining([expect.objectContaining({ author: expect.stringMatching(/^assistant/) })]));
  });

  it('Argilla: settings, dataset model and records validate together', () => {
    const { problems, schema } = validateArgillaSettings(JSON.parse(JSON.stringify(argillaSettings())));
    expect(problems).toEqual([]);
    expect(validateArgillaDataset(argillaDataset())).toEqual([]);
    const records = JSON.parse(exportArgillaRecords(bundles)) as { fields: { chat: { role: string }[] } }[];
    expect(records).toHaveLength(replies);
    expect(validateArgillaRecords(records, schema)).toEqual([]);
    expect(records.every((r) => r.fields.chat.at(-1)?.role === 'assistant')).toBe(true);
    // The reply's features travel as float metadata (declared per registry feature).
    const metadata = (records[0] as unknown as { metadata: Record<string, unknown> }).metadata;
    expect(Object.keys(metadata).filter((k) => k.startsWith('feature_')).length).toBeGreaterThan(20);
  });

  it("Prodigy: every line is a choice task, accept pre-selects the detector's answer", () => {
    const lines = exportProdigy(bundles)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { accept: string[] });
    expect(lines).toHaveLength(replies);
    expect(lines.flatMap((t, i) => validateProdigyTask(t, `line ${i + 1}`))).toEqual([]);
    expect(lines.every((t) => t.accept.includes('shift') !== t.accept.includes('no_shift'))).toBe(true);
  });

  it('Hugging Face: loadable JSON Lines — messages plus label columns, one type per column', () => {
    const text = exportHfDataset(bundles);
    expect(validateHfJsonl(text, ['messages', 'turn_key', 'shift', 'shift_confidence', 'label_kinds', 'features'])).toEqual([]);
    expect(text.trim().split('\n')).toHaveLength(replies);
  });

  it("one zip holds every tool's files in the layout each tool loads", () => {
    const files = unzipSync(exportAnnotationZip(bundles, undefined, { mtime: new Date(Date.UTC(2026, 0, 1)) }));
    expect(Object.keys(files).sort()).toEqual([
      'README.md',
      'argilla/.argilla/dataset.json',
      'argilla/.argilla/settings.json',
      'argilla/records.json',
      'huggingface/train.jsonl',
      'label-studio/labeling-config.xml',
      'label-studio/tasks.json',
      'prodigy/tasks.jsonl',
    ]);
    const { schema } = validateArgillaSettings(JSON.parse(strFromU8(files['argilla/.argilla/settings.json'])));
    expect(validateArgillaRecords(JSON.parse(strFromU8(files['argilla/records.json'])), schema)).toEqual([]);
    const { config } = validateLabelStudioConfig(strFromU8(files['label-studio/labeling-config.xml']));
    expect(validateLabelStudioTasks(JSON.parse(strFromU8(files['label-studio/tasks.json'])), config)).toEqual([]);
  });

  it('the context window keeps the last N turns before each reply', () => {
    const long = bundles[0];
    const full = [...replyTasks(long, { contextTurns: 1000 })];
    const two = [...replyTasks(long, { contextTurns: 2 })];
    expect(two.every((t) => t.context.length <= 2)).toBe(true);
    const last = full.length - 1;
    expect(two[last].context).toEqual(full[last].context.slice(-2));
  });
});

describe('the validators catch what the tools would refuse (so the tests above can fail)', () => {
  const { config } = validateLabelStudioConfig(labelStudioConfig());
  const task = JSON.parse(exportLabelStudioTasks(bundles.slice(-1)))[1];

  it('Label Studio', () => {
    expect(validateLabelStudioConfig('<View><Choices name="a" toName="nothing"><Choice value="x"/></Choices></View>').problems.join('\n')).toMatch(
      /not an object tag/,
    );
    expect(validateLabelStudioConfig('<View><Paragraphs name="d" value="$d" layot="dialogue"/></View>').problems.join('\n')).toMatch(/no parameter layot/);
    expect(validateLabelStudioConfig('<View><Header value="a & b"/></View>').problems.join('\n')).toMatch(/bare &/);
    const wrongChoice = structuredClone(task);
    wrongChoice.predictions[0].result[0].value.choices = ['Maybe'];
    expect(validateLabelStudioTasks([wrongChoice], config).join('\n')).toMatch(/"Maybe" is not a choice of shift/);
    const noDialogue = structuredClone(task);
    noDialogue.data.dialogue = [{ speaker: 'user', text: 'x' }];
    expect(validateLabelStudioTasks([noDialogue], config).join('\n')).toMatch(/needs text author and text/);
  });

  it('Argilla', () => {
    const settings = JSON.parse(JSON.stringify(argillaSettings()));
    settings.metadata.push({ name: 'shift', settings: { type: 'terms', values: null } });
    expect(validateArgillaSettings(settings).problems.join('\n')).toMatch(/used twice/);
    const { schema } = validateArgillaSettings(JSON.parse(JSON.stringify(argillaSettings())));
    const record = JSON.parse(exportArgillaRecords(bundles.slice(-1)))[1];
    expect(validateArgillaRecords([{ ...record, suggestions: { shift: { value: 'perhaps', score: 0.5, agent: 'x' } } }], schema).join('\n')).toMatch(
      /not a label of shift/,
    );
    expect(validateArgillaRecords([{ ...record, metadata: { ...record.metadata, surprise: 1 } }], schema).join('\n')).toMatch(/not declared/);
    expect(validateArgillaRecords([{ ...record, fields: { chat: [{ role: 'user', text: 'x' }] } }], schema).join('\n')).toMatch(/list of \{role, content\}/);
  });

  it('Prodigy and Hugging Face', () => {
    expect(validateProdigyTask({ text: 'x', options: [{ id: 'a', text: 'A' }], accept: ['b'] }, 't').join('\n')).toMatch(/accept must list option ids/);
    expect(
      validateHfJsonl('{"messages":[{"role":"assistant","content":"a"}],"x":1}\n{"messages":[{"role":"assistant","content":"b"}],"x":0.5}\n', []).join('\n'),
    ).toMatch(/int64 vs double/);
    expect(
      validateHfJsonl(
        '{"messages":[{"role":"assistant","content":"a"}],"f":{"a":1.0}}\n{"messages":[{"role":"assistant","content":"b"}],"f":{"a":"x"}}\n',
        [],
      ).join('\n'),
    ).toMatch(/double vs string/);
  });
});

describe('the conversation importer points annotation files to the right place', () => {
  it('a Label Studio export dropped into Import is refused with a hint', async () => {
    const { parseAnyConversationFile } = await import('../../../../../src/core/formats/detect.ts');
    const file = JSON.stringify([{ id: 1, data: { turn_key: 'a:b:c' }, annotations: [] }]);
    expect(() => parseAnyConversationFile(file, 'project.json')).toThrow(/project\.json: .*import it in the Annotations tab instead/);
  });
});

describe('our bundle keeps who made an imported judgement', () => {
  it('origin survives export → import → export byte for byte; annotations without one gain no key', async () => {
    const { exportBundleJson } = await import('../../../../../src/core/formats/bundle-json.ts');
    const { parseAnyConversationFile } = await import('../../../../../src/core/formats/detect.ts');
    const { sampleBundle } = await import('../sample-bundle.ts');
    const plain = sampleBundle();
    expect(exportBundleJson([plain])).not.toContain('"origin"');
    const b = sampleBundle();
    b.annotations.push({
      ...b.annotations[0],
      id: 'label-studio:chatgpt:conv1:a2:7',
      kind: 'confirm',
      label: null,
      origin: { tool: 'label-studio', author: 'ana@example.org' },
    });
    const first = exportBundleJson([b]);
    const back = parseAnyConversationFile(first, 'b.json').bundles[0];
    expect(back.annotations[1].origin).toEqual({ tool: 'label-studio', author: 'ana@example.org' });
    expect(back.annotations[0]).not.toHaveProperty('origin');
    expect(exportBundleJson([back])).toBe(first);
    const forged = first.replace('"tool":"label-studio"', '"tool":"elsewhere"');
    expect(() => parseAnyConversationFile(forged, 'b.json')).toThrow(/origin.*tool should be one of/);
  });
});
