/**
 * Validators for the annotation tools' formats, written from their documentation (no schema
 * library, no new dependency). Each returns a list of problems; [] means valid.
 *
 * - Label Studio: labeling config tags and their parameters (https://labelstud.io/tags/paragraphs,
 *   /tags/choices, /tags/choice, /tags/textarea, /tags/header, /tags/view), tasks with
 *   pre-annotations (https://labelstud.io/guide/predictions, /guide/task_format).
 * - Argilla v2: Settings.serialize() / from_json (fields, questions, metadata, vectors; names unique,
 *   fields and questions required), DatasetModel, Record.to_dict()/from_dict
 *   (https://docs.argilla.io/latest/reference/argilla/…, SDK argilla/src/argilla/_models/*).
 * - Prodigy choice interface (https://prodi.gy/docs/api-interfaces#choice): text, options [{id, text}],
 *   accept ⊆ option ids, meta a flat object.
 * - Hugging Face datasets JSON loader (https://huggingface.co/docs/datasets/loading#json): one
 *   object a line; Arrow infers one type per column, so every row must agree.
 */
import { DOMParser } from 'linkedom';

type Json = unknown;
type Obj = Record<string, Json>;

const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: Json): v is string => typeof v === 'string';
const isNum = (v: Json): v is number => typeof v === 'number' && Number.isFinite(v);
const isStrList = (v: Json): v is string[] => Array.isArray(v) && v.every(isStr);

// ---------------------------------------------------------------------------------------------
// Label Studio

/** Tags we use, with the parameters the docs list for each (anything else is a typo LS ignores silently). */
const LS_TAGS: Record<string, { kind: 'visual' | 'object' | 'control' | 'option'; params: string[]; required: string[] }> = {
  View: { kind: 'visual', params: ['style', 'className', 'idAttr', 'visibleWhen', 'whenTagName', 'whenLabelValue', 'whenChoiceValue'], required: [] },
  Header: { kind: 'visual', params: ['value', 'size', 'style', 'underline'], required: ['value'] },
  Paragraphs: {
    kind: 'object',
    params: ['name', 'value', 'valueType', 'audioUrl', 'sync', 'showPlayer', 'saveTextResult', 'layout', 'nameKey', 'textKey', 'contextScroll'],
    required: ['name', 'value'],
  },
  Choices: {
    kind: 'control',
    params: [
      'name',
      'toName',
      'choice',
      'showInline',
      'required',
      'requiredMessage',
      'visibleWhen',
      'whenTagName',
      'whenLabelValue',
      'whenChoiceValue',
      'perRegion',
      'perItem',
      'value',
      'allowNested',
      'layout',
    ],
    required: ['name', 'toName'],
  },
  Choice: { kind: 'option', params: ['value', 'selected', 'alias', 'style', 'hotkey', 'html', 'hint', 'color'], required: ['value'] },
  TextArea: {
    kind: 'control',
    params: [
      'name',
      'toName',
      'value',
      'label',
      'placeholder',
      'maxSubmissions',
      'editable',
      'skipDuplicates',
      'transcription',
      'displayMode',
      'rows',
      'required',
      'requiredMessage',
      'showSubmitButton',
      'perRegion',
      'perItem',
    ],
    required: ['name'],
  },
};

export interface LsControl {
  tag: string;
  name: string;
  toName: string | null;
  single: boolean;
  choices: string[];
}
export interface LsConfig {
  objects: Map<string, { tag: string; value: string; nameKey: string; textKey: string }>;
  controls: Map<string, LsControl>;
}

/** XML well-formedness that linkedom's lenient parser does not check: balanced tags, quoted attributes. */
function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const body = xml.replace(/<!--[\s\S]*?-->/g, '');
  for (const m of body.matchAll(/<(\/?)([A-Za-z][\w-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g)) {
    const [, close, name, , self] = m;
    if (self) continue;
    if (close) {
      if (stack.pop() !== name) problems.push(`</${name}> closes the wrong tag`);
    } else stack.push(name);
  }
  if (stack.length > 0) problems.push(`unclosed tags: ${stack.join(', ')}`);
  const tags = body.match(/<[^>]*>/g) ?? [];
  const matched = [...body.matchAll(/<(\/?)([A-Za-z][\w-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g)].length;
  if (matched !== tags.length) problems.push('a tag is not well formed (unquoted attribute, stray < or &)');
  if (/&(?!amp;|quot;|lt;|gt;|apos;|#\d+;)/.test(body)) problems.push('a bare & (not an entity)');
  return problems;
}

export function validateLabelStudioConfig(xml: string): { problems: string[]; config: LsConfig } {
  const problems = xmlProblems(xml);
  const config: LsConfig = { objects: new Map(), controls: new Map() };
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const root = doc.documentElement;
  if (!root || root.tagName !== 'View') return { problems: [...problems, 'the root tag must be <View>'], config };
  const names = new Set<string>();
  for (const el of [root, ...root.querySelectorAll('*')]) {
    const spec = LS_TAGS[el.tagName];
    if (!spec) {
      problems.push(`<${el.tagName}> is not a Label Studio tag we know`);
      continue;
    }
    for (const attr of el.getAttributeNames()) if (!spec.params.includes(attr)) problems.push(`<${el.tagName}> has no parameter ${attr}`);
    for (const req of spec.required) if (!el.hasAttribute(req)) problems.push(`<${el.tagName}> needs ${req}`);
    const name = el.getAttribute('name');
    if (name !== null) {
      if (names.has(name)) problems.push(`name ${name} is used twice`);
      names.add(name);
    }
    if (spec.kind === 'object' && name) {
      const value = el.getAttribute('value') ?? '';
      if (!/^\$\w+$/.test(value)) problems.push(`<${el.tagName} name="${name}"> value should be $<data key>, got ${value}`);
      const layout = el.getAttribute('layout');
      if (layout !== null && layout !== 'none' && layout !== 'dialogue') problems.push(`Paragraphs layout must be none|dialogue, got ${layout}`);
      config.objects.set(name, {
        tag: el.tagName,
        value: value.slice(1),
        nameKey: el.getAttribute('nameKey') ?? 'author',
        textKey: el.getAttribute('textKey') ?? 'text',
      });
    }
    if (spec.kind === 'control' && name) {
      const choice = el.getAttribute('choice');
      if (choice !== null && !['single', 'single-radio', 'multiple'].includes(choice))
        problems.push(`Choices choice must be single|single-radio|multiple, got ${choice}`);
      const options = [...el.children].filter((c) => c.tagName === 'Choice').map((c) => c.getAttribute('value') ?? '');
      if (el.tagName === 'Choices' && options.length === 0) problems.push(`<Choices name="${name}"> has no <Choice>`);
      if (new Set(options).size !== options.length) problems.push(`<Choices name="${name}"> repeats a choice value`);
      for (const flag of ['editable', 'showInline', 'required']) {
        const v = el.getAttribute(flag);
        if (v !== null && v !== 'true' && v !== 'false') problems.push(`${flag} must be true|false, got ${v}`);
      }
      config.controls.set(name, { tag: el.tagName, name, toName: el.getAttribute('toName'), single: choice !== 'multiple', choices: options });
    }
    if (spec.kind === 'option' && el.parentElement?.tagName !== 'Choices') problems.push('<Choice> must sit inside <Choices>');
  }
  for (const c of config.controls.values()) {
    if (c.toName !== null && !config.objects.has(c.toName)) problems.push(`control ${c.name} points at ${c.toName}, which is not an object tag`);
  }
  if (config.objects.size === 0) problems.push('no object tag to label');
  return { problems, config };
}

const RESULT_TYPE: Record<string, { type: string; key: string }> = {
  Choices: { type: 'choices', key: 'choices' },
  TextArea: { type: 'textarea', key: 'text' },
};

/** Results of a prediction or annotation against the config. */
export function lsResultProblems(results: Json, config: LsConfig, where: string): string[] {
  if (!Array.isArray(results)) return [`${where}: result must be a list`];
  const problems: string[] = [];
  const ids = new Set<string>();
  results.forEach((r, i) => {
    const at = `${where} result[${i}]`;
    if (!isObj(r)) return problems.push(`${at}: must be an object`);
    if (r.id !== undefined) {
      if (!isStr(r.id)) problems.push(`${at}: id must be text`);
      else if (ids.has(r.id)) problems.push(`${at}: id ${r.id} repeats`);
      else ids.add(r.id);
    }
    const control = isStr(r.from_name) ? config.controls.get(r.from_name) : undefined;
    if (!control) return problems.push(`${at}: from_name ${String(r.from_name)} is not a control tag of the config`);
    if (r.to_name !== (control.toName ?? r.to_name) || !isStr(r.to_name)) problems.push(`${at}: to_name must be ${control.toName}`);
    const expected = RESULT_TYPE[control.tag];
    if (r.type !== expected.type) problems.push(`${at}: type must be ${expected.type}, got ${String(r.type)}`);
    if (!isObj(r.value) || !isStrList(r.value[expected.key])) return problems.push(`${at}: value.${expected.key} must be a list of text`);
    const values = r.value[expected.key] as string[];
    if (control.tag === 'Choices') {
      for (const v of values) if (!control.choices.includes(v)) problems.push(`${at}: "${v}" is not a choice of ${control.name}`);
      if (control.single && values.length > 1) problems.push(`${at}: ${control.name} allows one choice`);
    }
    return undefined;
  });
  return problems;
}

/** Label Studio JSON import of tasks with predictions. */
export function validateLabelStudioTasks(tasks: Json, config: LsConfig): string[] {
  if (!Array.isArray(tasks)) return ['tasks must be a JSON list'];
  const problems: string[] = [];
  tasks.forEach((task, i) => {
    const at = `task ${i}`;
    if (!isObj(task)) return problems.push(`${at}: must be an object`);
    for (const key of Object.keys(task))
      if (!['data', 'predictions', 'annotations', 'id', 'meta'].includes(key)) problems.push(`${at}: unknown top-level key ${key}`);
    if (!isObj(task.data)) return problems.push(`${at}: data must be an object`);
    for (const object of config.objects.values()) {
      const v = task.data[object.value];
      if (object.tag === 'Paragraphs') {
        if (!Array.isArray(v) || v.length === 0) problems.push(`${at}: data.${object.value} must be a non-empty list of paragraphs`);
        else
          v.forEach((p, k) => {
            if (!isObj(p) || !isStr(p[object.nameKey]) || !isStr(p[object.textKey]))
              problems.push(`${at}: data.${object.value}[${k}] needs text ${object.nameKey} and ${object.textKey}`);
          });
      }
    }
    if (task.predictions !== undefined) {
      if (!Array.isArray(task.predictions)) return problems.push(`${at}: predictions must be a list`);
      task.predictions.forEach((p, k) => {
        const pat = `${at} prediction ${k}`;
        if (!isObj(p)) return problems.push(`${pat}: must be an object`);
        if (!isStr(p.model_version)) problems.push(`${pat}: model_version must be text`);
        if (p.score !== undefined && (!isNum(p.score) || p.score < 0 || p.score > 1)) problems.push(`${pat}: score must be a number in [0, 1]`);
        problems.push(...lsResultProblems(p.result, config, pat));
        return undefined;
      });
    }
    return undefined;
  });
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Argilla v2

const FIELD_TYPES = ['text', 'image', 'chat', 'custom'];
const QUESTION_TYPES = ['label_selection', 'multi_label_selection', 'text', 'rating', 'ranking', 'span'];
const METADATA_TYPES = ['terms', 'integer', 'float'];

export interface ArgillaSchema {
  fields: Map<string, Obj>;
  questions: Map<string, Obj>;
  metadata: Map<string, Obj>;
  allowExtraMetadata: boolean;
}

export function validateArgillaSettings(settings: Json): { problems: string[]; schema: ArgillaSchema } {
  const schema: ArgillaSchema = { fields: new Map(), questions: new Map(), metadata: new Map(), allowExtraMetadata: false };
  if (!isObj(settings)) return { problems: ['settings must be an object'], schema };
  const problems: string[] = [];
  for (const key of Object.keys(settings))
    if (!['guidelines', 'questions', 'fields', 'vectors', 'metadata', 'allow_extra_metadata', 'distribution', 'mapping'].includes(key))
      problems.push(`settings: unknown key ${key}`);
  if (settings.guidelines !== null && settings.guidelines !== undefined && !isStr(settings.guidelines)) problems.push('guidelines must be text or null');
  schema.allowExtraMetadata = settings.allow_extra_metadata === true;
  const names = new Set<string>();
  const each = (list: Json, what: string, types: string[], into: Map<string, Obj>) => {
    if (!Array.isArray(list)) return problems.push(`${what} must be a list`);
    list.forEach((item, i) => {
      const at = `${what}[${i}]`;
      if (!isObj(item) || !isStr(item.name) || item.name === '') return problems.push(`${at}: needs a name`);
      if (item.name !== item.name.toLowerCase().replace(/ /g, '_')) problems.push(`${at}: Argilla lower-cases names; ${item.name} would change`);
      if (names.has(item.name)) problems.push(`${at}: name ${item.name} is used twice (settings names must be unique)`);
      names.add(item.name);
      if (!isObj(item.settings) || !types.includes(String(item.settings.type))) return problems.push(`${at}: settings.type must be one of ${types.join('|')}`);
      into.set(item.name, item);
      return undefined;
    });
    return undefined;
  };
  each(settings.fields, 'fields', FIELD_TYPES, schema.fields);
  each(settings.questions, 'questions', QUESTION_TYPES, schema.questions);
  each(settings.metadata ?? [], 'metadata', METADATA_TYPES, schema.metadata);
  each(settings.vectors ?? [], 'vectors', ['vector'], new Map());
  if (schema.fields.size === 0 || schema.questions.size === 0) problems.push('fields and questions are required');
  for (const [name, q] of schema.questions) {
    const s = q.settings as Obj;
    if (s.type === 'label_selection' || s.type === 'multi_label_selection') {
      if (!Array.isArray(s.options) || s.options.length < 2) {
        problems.push(`question ${name}: needs at least two options`);
        continue;
      }
      const values = s.options.map((o) => (isObj(o) ? o.value : undefined));
      if (!values.every(isStr)) problems.push(`question ${name}: every option needs a text value`);
      if (new Set(values).size !== values.length) problems.push(`question ${name}: all labels must be unique`);
      if (s.visible_options !== null && s.visible_options !== undefined && (!isNum(s.visible_options) || s.visible_options < 3))
        problems.push(`question ${name}: visible_options must be null or ≥ 3`);
      if (s.type === 'multi_label_selection' && s.options_order !== undefined && s.options_order !== 'natural' && s.options_order !== 'suggestion')
        problems.push(`question ${name}: options_order must be natural|suggestion`);
    }
    if (typeof q.required !== 'boolean') problems.push(`question ${name}: required must be true|false`);
  }
  for (const [name, m] of schema.metadata) {
    const s = m.settings as Obj;
    if (s.type === 'terms' && s.values !== null && !isStrList(s.values)) problems.push(`metadata ${name}: values must be null or a list`);
    if ((s.type === 'float' || s.type === 'integer') && isNum(s.min) && isNum(s.max) && s.min >= s.max)
      problems.push(`metadata ${name}: min must be less than max`);
    if (s.type === 'integer' && ![s.min, s.max].every((v) => v === null || v === undefined || Number.isInteger(v)))
      problems.push(`metadata ${name}: min and max must be integers`);
  }
  return { problems, schema };
}

export function validateArgillaDataset(dataset: Json): string[] {
  if (!isObj(dataset)) return ['dataset.json must be an object'];
  const problems: string[] = [];
  if (!isStr(dataset.name) || dataset.name.trim() === '') problems.push('dataset name must be text');
  if (dataset.status !== undefined && dataset.status !== 'draft' && dataset.status !== 'ready') problems.push('status must be draft|ready');
  if (typeof dataset.allow_extra_metadata !== 'boolean') problems.push('allow_extra_metadata must be true|false');
  const d = dataset.distribution;
  if (d !== null && d !== undefined && (!isObj(d) || d.strategy !== 'overlap' || !Number.isInteger(d.min_submitted) || (d.min_submitted as number) < 1))
    problems.push('distribution must be {strategy: "overlap", min_submitted ≥ 1}');
  return problems;
}

/** A list of Record.to_dict(), checked against the settings as Dataset.records.log would. */
export function validateArgillaRecords(records: Json, schema: ArgillaSchema): string[] {
  if (!Array.isArray(records)) return ['records must be a JSON list'];
  const problems: string[] = [];
  const ids = new Set<string>();
  records.forEach((r, i) => {
    const at = `record ${i}`;
    if (!isObj(r)) return problems.push(`${at}: must be an object`);
    for (const key of Object.keys(r))
      if (!['id', 'fields', 'metadata', 'suggestions', 'responses', 'vectors', 'status', '_server_id'].includes(key))
        problems.push(`${at}: unknown key ${key}`);
    if (!isStr(r.id) || r.id === '') problems.push(`${at}: id must be text`);
    else if (ids.has(r.id)) problems.push(`${at}: id ${r.id} repeats`);
    else ids.add(r.id);
    if (!isObj(r.fields)) return problems.push(`${at}: fields must be an object`);
    for (const [name, f] of schema.fields) {
      const v = r.fields[name];
      if (v === undefined) {
        if (f.required !== false) problems.push(`${at}: required field ${name} is missing`);
        continue;
      }
      const type = (f.settings as Obj).type;
      if (type === 'chat') {
        if (
          !Array.isArray(v) ||
          v.length === 0 ||
          !v.every((m) => isObj(m) && isStr(m.role) && isStr(m.content) && Object.keys(m).every((k) => k === 'role' || k === 'content'))
        ) {
          problems.push(`${at}: chat field ${name} must be a list of {role, content}`);
        }
      } else if (type === 'text' && !isStr(v)) problems.push(`${at}: text field ${name} must be text`);
    }
    for (const key of Object.keys(r.fields)) if (!schema.fields.has(key)) problems.push(`${at}: field ${key} is not in the settings`);
    const metadata = isObj(r.metadata) ? r.metadata : {};
    for (const [key, value] of Object.entries(metadata)) {
      const m = schema.metadata.get(key);
      if (!m) {
        if (!schema.allowExtraMetadata) problems.push(`${at}: metadata ${key} is not declared and extra metadata is not allowed`);
        continue;
      }
      const s = m.settings as Obj;
      if (s.type === 'terms') {
        const list = Array.isArray(value) ? value : [value];
        if (!list.every(isStr)) problems.push(`${at}: terms metadata ${key} must be text`);
        else if (isStrList(s.values) && !list.every((v) => (s.values as string[]).includes(v)))
          problems.push(`${at}: metadata ${key} value not among the declared terms`);
      } else {
        if (!isNum(value) || (s.type === 'integer' && !Number.isInteger(value))) problems.push(`${at}: metadata ${key} must be ${s.type}`);
        else if ((isNum(s.min) && value < s.min) || (isNum(s.max) && value > s.max)) problems.push(`${at}: metadata ${key} out of range`);
      }
    }
    const suggestions = isObj(r.suggestions) ? r.suggestions : {};
    for (const [name, sug] of Object.entries(suggestions)) {
      const q = schema.questions.get(name);
      const sat = `${at} suggestion ${name}`;
      if (!q) {
        problems.push(`${sat}: not a question`);
        continue;
      }
      if (!isObj(sug)) {
        problems.push(`${sat}: must be {value, score, agent}`);
        continue;
      }
      if (sug.score !== null && sug.score !== undefined && (!isNum(sug.score) || sug.score < 0 || sug.score > 1))
        problems.push(`${sat}: score must be in [0, 1]`);
      if (sug.agent !== null && sug.agent !== undefined && !isStr(sug.agent)) problems.push(`${sat}: agent must be text`);
      problems.push(...answerProblems(q, sug.value, sat));
    }
    if (r.responses !== undefined && !isObj(r.responses)) problems.push(`${at}: responses must be an object`);
    else
      for (const [name, list] of Object.entries(r.responses ?? {})) {
        const q = schema.questions.get(name);
        if (!q || !Array.isArray(list)) {
          problems.push(`${at} responses ${name}: not a question with a list of responses`);
          continue;
        }
        list.forEach((resp, k) => {
          if (!isObj(resp) || !isStr(resp.user_id)) problems.push(`${at} responses ${name}[${k}]: needs value and user_id`);
          else problems.push(...answerProblems(q, resp.value, `${at} responses ${name}[${k}]`));
        });
      }
    return undefined;
  });
  return problems;
}

function answerProblems(question: Obj, value: Json, where: string): string[] {
  const s = question.settings as Obj;
  const options = Array.isArray(s.options) ? s.options.map((o) => (isObj(o) ? o.value : undefined)) : [];
  if (s.type === 'label_selection')
    return isStr(value) && options.includes(value) ? [] : [`${where}: ${JSON.stringify(value)} is not a label of ${String(question.name)}`];
  if (s.type === 'multi_label_selection')
    return isStrList(value) && value.length > 0 && value.every((v) => options.includes(v))
      ? []
      : [`${where}: ${JSON.stringify(value)} must be a non-empty list of labels of ${String(question.name)}`];
  if (s.type === 'text') return isStr(value) ? [] : [`${where}: must be text`];
  return [];
}

// ---------------------------------------------------------------------------------------------
// Prodigy

export function validateProdigyTask(task: Json, where: string): string[] {
  if (!isObj(task)) return [`${where}: must be an object`];
  const problems: string[] = [];
  if (!isStr(task.text) || task.text === '') problems.push(`${where}: text must be non-empty text`);
  if (!Array.isArray(task.options) || task.options.length === 0) return [...problems, `${where}: options must be a non-empty list`];
  const ids: Json[] = [];
  task.options.forEach((o, i) => {
    if (!isObj(o) || !(isStr(o.id) || isNum(o.id)) || !(isStr(o.text) || isStr(o.image)))
      problems.push(`${where}: options[${i}] needs an id (text or number) and text`);
    else ids.push(o.id);
  });
  if (new Set(ids).size !== ids.length) problems.push(`${where}: option ids repeat`);
  if (task.accept !== undefined && (!Array.isArray(task.accept) || !task.accept.every((a) => ids.includes(a))))
    problems.push(`${where}: accept must list option ids`);
  if (task.meta !== undefined && (!isObj(task.meta) || !Object.values(task.meta).every((v) => isStr(v) || isNum(v))))
    problems.push(`${where}: meta must be a flat object of text and numbers`);
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Hugging Face datasets (JSON Lines → Arrow)

/** Arrow types as pyarrow's JSON reader infers them (numbers typed by how they are written). */
type ArrowType = { k: 'null' | 'bool' | 'int64' | 'double' | 'string' } | { k: 'list'; of: ArrowType } | { k: 'struct'; fields: Map<string, ArrowType> };

/**
 * Types a JSON text directly (JSON.parse forgets that "1.0" was written as a float): a small
 * recursive-descent reader of the JSON grammar that returns the Arrow type of each value.
 */
function typeOfJson(text: string): ArrowType {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const value = (): ArrowType => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const fields = new Map<string, ArrowType>();
      ws();
      if (text[i] === '}') {
        i++;
        return { k: 'struct', fields };
      }
      for (;;) {
        ws();
        const key = str();
        ws();
        if (text[i++] !== ':') throw new Error(`expected : at ${i}`);
        fields.set(key, value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i++] !== '}') throw new Error(`expected } at ${i}`);
        return { k: 'struct', fields };
      }
    }
    if (c === '[') {
      i++;
      let of: ArrowType = { k: 'null' };
      ws();
      if (text[i] === ']') {
        i++;
        return { k: 'list', of };
      }
      for (;;) {
        of = unify(of, value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i++] !== ']') throw new Error(`expected ] at ${i}`);
        return { k: 'list', of };
      }
    }
    if (c === '"') {
      str();
      return { k: 'string' };
    }
    for (const [word, k] of [
      ['true', 'bool'],
      ['false', 'bool'],
      ['null', 'null'],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return { k };
      }
    }
    const m = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i, i + 40));
    if (!m) throw new Error(`unexpected ${c} at ${i}`);
    i += m[0].length;
    return { k: m[1] || m[2] ? 'double' : 'int64' };
  };
  const str = (): string => {
    const start = i;
    if (text[i++] !== '"') throw new Error(`expected " at ${start}`);
    while (text[i] !== '"') {
      if (text[i] === '\\') i++;
      i++;
      if (i > text.length) throw new Error('unterminated string');
    }
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const t = value();
  ws();
  if (i !== text.length) throw new Error(`trailing text at ${i}`);
  return t;
}

class TypeConflict extends Error {}

/** One column's type across rows: null fills anything, lists and structs unify member-wise. */
function unify(a: ArrowType, b: ArrowType): ArrowType {
  if (a.k === 'null') return b;
  if (b.k === 'null') return a;
  if (a.k === 'list' && b.k === 'list') return { k: 'list', of: unify(a.of, b.of) };
  if (a.k === 'struct' && b.k === 'struct') {
    const fields = new Map(a.fields);
    for (const [name, t] of b.fields) fields.set(name, unify(fields.get(name) ?? { k: 'null' }, t));
    return { k: 'struct', fields };
  }
  if (a.k === b.k) return a;
  throw new TypeConflict(`${show(a)} vs ${show(b)}`);
}

function show(t: ArrowType): string {
  if (t.k === 'list') return `list<${show(t.of)}>`;
  if (t.k === 'struct') return `struct<${[...t.fields].map(([n, f]) => `${n}: ${show(f)}`).join(', ')}>`;
  return t.k;
}

/**
 * JSON Lines as `load_dataset("json")` reads them: every line an object, the same columns in
 * every row, and one type per column — numbers typed by how they are written, so "1" in one row
 * and "0.5" in another is a conflict (int64 vs double), as it is for Arrow across blocks.
 */
export function validateHfJsonl(text: string, requiredColumns: readonly string[]): string[] {
  const problems: string[] = [];
  const lines = text.split('\n').filter((l) => l !== '');
  if (lines.length === 0) return ['no rows'];
  let schema: ArrowType = { k: 'null' };
  const columnSets = new Set<string>();
  lines.forEach((line, i) => {
    let row: Json;
    let type: ArrowType;
    try {
      row = JSON.parse(line);
      type = typeOfJson(line);
    } catch (e) {
      problems.push(`line ${i + 1}: not JSON (${String(e)})`);
      return;
    }
    if (!isObj(row) || type.k !== 'struct') {
      problems.push(`line ${i + 1}: must be an object`);
      return;
    }
    columnSets.add(Object.keys(row).sort().join(','));
    for (const c of requiredColumns) if (!(c in row)) problems.push(`line ${i + 1}: column ${c} is missing`);
    try {
      schema = unify(schema, type);
    } catch (e) {
      problems.push(`line ${i + 1}: a column changes type (${(e as Error).message})`);
    }
    const messages = row.messages;
    if (
      !Array.isArray(messages) ||
      messages.length === 0 ||
      !messages.every((m) => isObj(m) && ['system', 'user', 'assistant'].includes(String(m.role)) && isStr(m.content))
    ) {
      problems.push(`line ${i + 1}: messages must be a non-empty list of {role: system|user|assistant, content}`);
    } else if ((messages[messages.length - 1] as Obj).role !== 'assistant')
      problems.push(`line ${i + 1}: the labelled reply (last message) must be the assistant's`);
  });
  if (columnSets.size > 1) problems.push('rows do not all have the same columns');
  return problems;
}
