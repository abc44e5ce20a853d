/**
 * Generators of bad import files, seeded. Two families:
 * - `mustReject`: invalid by construction (truncated, garbage, too deep, wrong top-level type,
 *   over a size limit). The importer must throw a FormatError.
 * - mutations of real files (a value of the wrong type, a key removed, characters edited). Such a
 *   file may still be acceptable; the importer must either refuse it with a FormatError or return
 *   bundles the worker's `import/bundles` validator accepts.
 * Base files are real exports (tests/fixtures/shared/exports) and our own exports of them.
 */
import type { ImportLimits } from '../../../../src/core/formats/limits.ts';
import type { Rng } from './random.ts';

export interface BadFile {
  kind: string;
  text: string;
  limits?: Partial<ImportLimits>;
  mustReject: boolean;
}

export interface BaseFile {
  name: string;
  text: string;
  /** JSONL: a prefix that ends on a line boundary is still a valid (shorter) file. */
  jsonl: boolean;
}

/** True when `text` is valid JSON, or every non-empty line is valid JSON (a JSONL file). */
export function isSyntacticallyValid(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    /* maybe JSONL */
  }
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length < 2) return false;
  return lines.every((l) => {
    try {
      JSON.parse(l);
      return true;
    } catch {
      return false;
    }
  });
}

/** A prefix of a base file that is syntactically invalid (so: a truncated file). */
export function truncated(rng: Rng, base: BaseFile): BadFile | null {
  const body = base.text.trimEnd();
  const cut = rng.int(1, body.length - 1);
  const text = body.slice(0, cut);
  if (isSyntacticallyValid(text)) return null; // e.g. a JSONL cut right at a line end
  return { kind: `truncated ${base.name}`, text, mustReject: true };
}

const GARBAGE_ALPHABETS = [
  'abcdefghijklmnopqrstuvwxyz ,;\n',
  '0123456789.,-e+ \n',
  '<>/="\' abcxmlhtmlscript\n',
  '{}[]:,"\\ \n',
  '\u0000\u0001\u0002\u001f\u007f\ufffd\ufeff\ud800\udc00',
];

export function garbage(rng: Rng): BadFile | null {
  const alphabet = rng.pick(GARBAGE_ALPHABETS);
  const prefix = rng.pick(['', '', '\ufeff', ' \n\t', '{', '[', '[{', '{"', '{"mapping":', '[{"chat_messages":']);
  const text = prefix + rng.string(rng.int(0, 1) ? 40 : 2000, alphabet);
  if (isSyntacticallyValid(text)) return null;
  return { kind: 'garbage', text, mustReject: true };
}

const DEPTH_LIMIT = 200;

export function tooDeep(rng: Rng): BadFile {
  const depth = rng.int(DEPTH_LIMIT + 1, rng.chance(0.1) ? 200_000 : 3_000);
  const shape = rng.int(0, 3);
  let text: string;
  if (shape === 0) text = '['.repeat(depth) + ']'.repeat(depth);
  else if (shape === 1) text = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
  else if (shape === 2)
    text = '['.repeat(depth); // deep and truncated
  else text = `[{"mapping":{"n":{"message":{"content":{"parts":${'['.repeat(depth)}"x"${']'.repeat(depth)}}}}}}]`;
  return { kind: `nested ${depth} deep`, text, mustReject: true };
}

/** Valid JSON whose top level is not a conversation file of any kind. */
export function wrongTopLevel(rng: Rng): BadFile {
  const scalars = ['42', '-1e308', '"conversations"', 'true', 'false', 'null', '"{\\"mapping\\":{}}"'];
  const arrays = ['[1,2,3]', '["a","b"]', '[null]', '[[]]', '[true]', '[[{"mapping":{}}]]', '[{}]', '[{"a":1}]', '[0.5,{"turns":[]}]'];
  const objects = [
    '{}',
    '{"a":1}',
    '{"format":"something-else","version":1}',
    '{"conversations":"nope"}',
    '{"data":[{"x":1}]}',
    '{"__proto__":{"mapping":{}}}',
  ];
  const text = rng.pick([...scalars, ...arrays, ...objects]);
  const pad = rng.pick(['', '\n', '  ', '\ufeff']);
  return { kind: `wrong top-level ${text.slice(0, 20)}`, text: pad + text + pad.replace('\ufeff', ''), mustReject: true };
}

/** A real file over one of the import limits (limits lowered so the test stays fast). */
export function overLimit(rng: Rng, base: BaseFile): BadFile {
  const which = rng.int(0, 1);
  if (which === 0) {
    return { kind: `too large ${base.name}`, text: base.text, limits: { maxChars: rng.int(1, base.text.length - 1) }, mustReject: true };
  }
  // Every message of a real file is at least 1 char long: a zero text limit must refuse it.
  return { kind: `message too long ${base.name}`, text: base.text, limits: { maxTextChars: 0 }, mustReject: true };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function randomValue(rng: Rng, depth = 0): Json {
  switch (rng.int(0, depth > 2 ? 4 : 6)) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.pick([0, -1, 1.5, 1e300, -0, 2 ** 53 + 1, 1700000000]);
    case 3:
      return rng.string(12, 'abc <>&"\'\u202e\u200b');
    case 4:
      return '';
    case 5:
      return [randomValue(rng, depth + 1)];
    default:
      return { [rng.pick(['id', 'text', 'role', 'x', 'content', 'parts'])]: randomValue(rng, depth + 1) };
  }
}

function typeOf(v: Json): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/** Every (parent, key) pair in a JSON tree, so one can be replaced or removed. */
function slots(root: Json): { parent: Json[] | { [k: string]: Json }; key: string | number }[] {
  const out: { parent: Json[] | { [k: string]: Json }; key: string | number }[] = [];
  const walk = (node: Json) => {
    if (Array.isArray(node))
      node.forEach((child, i) => {
        out.push({ parent: node, key: i });
        walk(child);
      });
    else if (node && typeof node === 'object')
      for (const k of Object.keys(node)) {
        out.push({ parent: node, key: k });
        walk(node[k]);
      }
  };
  walk(root);
  return out;
}

/** A real file with one value swapped for one of another type, or one key removed. */
export function mutatedStructure(rng: Rng, base: BaseFile, parsed: Json): BadFile {
  const copy = structuredClone(parsed);
  const all = slots(copy);
  const edits = rng.int(1, 3);
  const what: string[] = [];
  for (let e = 0; e < edits && all.length > 0; e++) {
    const slot = rng.pick(all);
    const parent = slot.parent as Record<string | number, Json>;
    const old = parent[slot.key];
    if (!Array.isArray(slot.parent) && rng.chance(0.3)) {
      delete parent[slot.key];
      what.push(`-${slot.key}`);
      continue;
    }
    let value = randomValue(rng);
    for (let tries = 0; tries < 5 && typeOf(value) === typeOf(old); tries++) value = randomValue(rng);
    parent[slot.key] = value;
    what.push(`${slot.key}:${typeOf(old)}→${typeOf(value)}`);
  }
  const text = base.jsonl ? JSON.stringify(copy) : JSON.stringify(copy, null, rng.chance(0.5) ? 1 : 0);
  return { kind: `wrong-type ${base.name} ${what.join(' ')}`, text, mustReject: false };
}

/** A real file with a few characters inserted, deleted or replaced. */
export function mutatedText(rng: Rng, base: BaseFile): BadFile {
  let text = base.text;
  const edits = rng.int(1, 5);
  for (let e = 0; e < edits; e++) {
    const at = rng.int(0, text.length - 1);
    const op = rng.int(0, 2);
    const ch = rng.string(1, '{}[]":,\\0123456789aez \n\u0000\ud800') || '"';
    if (op === 0) text = text.slice(0, at) + ch + text.slice(at);
    else if (op === 1) text = text.slice(0, at) + text.slice(at + 1);
    else text = text.slice(0, at) + ch + text.slice(at + 1);
  }
  return { kind: `edited ${base.name}`, text, mustReject: false };
}

/** Big but within limits: a long real-looking array, and one very long message. */
export function huge(rng: Rng): BadFile {
  if (rng.chance(0.5)) {
    const n = rng.int(50_000, 200_000);
    return { kind: `huge array of ${n} numbers`, text: `[${'1,'.repeat(n)}1]`, mustReject: true };
  }
  const length = rng.int(1_000_001, 2_000_000);
  const line = JSON.stringify({
    id: 'long',
    turns: [
      { role: 'user', text: 'q' },
      { role: 'assistant', text: 'x'.repeat(length) },
    ],
  });
  return { kind: `one message of ${length} characters`, text: line, mustReject: false };
}
