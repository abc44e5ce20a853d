/**
 * Corruptions of valid ConversationBundles as they would reach the worker in an
 * `import/bundles` message. Each one is invalid by construction: the worker must refuse the
 * whole message (validator or store import), and nothing in the store may change.
 */
import type { ConversationBundle } from '../../../../src/core/model/types.ts';
import type { Rng } from './random.ts';

type Loose = Record<string, unknown>;

const WRONG_VALUES: unknown[] = [null, 42, -1, 1.5, '', 'x', true, {}, [], NaN, Infinity, undefined, 'x'.repeat(1_000_001)];

function setPath(bundle: ConversationBundle, rng: Rng): string {
  const b = bundle as unknown as Loose;
  const targets: [string, Loose][] = [['conversation', b.conversation as Loose]];
  const turns = b.turns as Loose[];
  if (turns.length > 0) targets.push(['turn', rng.pick(turns)]);
  const analyses = b.analyses as Loose[];
  if (analyses.length > 0) targets.push(['analysis', rng.pick(analyses)]);
  const annotations = b.annotations as Loose[];
  if (annotations.length > 0) targets.push(['annotation', rng.pick(annotations)]);
  const [name, record] = rng.pick(targets);
  const REQUIRED: Record<string, string[]> = {
    conversation: [
      'key',
      'site',
      'conversationId',
      'source',
      'firstSeen',
      'lastSeen',
      'models',
      'turnCount',
      'assistantCount',
      'shiftCount',
      'annotationCount',
    ],
    turn: ['key', 'conversationKey', 'turnId', 'order', 'role', 'text', 'contentHash', 'capturedAt'],
    analysis: ['turnKey', 'conversationKey', 'detectorVersion', 'index', 'shift', 'confidence', 'labels', 'features'],
    annotation: ['id', 'turnKey', 'conversationKey', 'kind', 'createdAt', 'updatedAt'],
  };
  const field = rng.pick(REQUIRED[name]);
  const original = record[field];
  let value = rng.pick(WRONG_VALUES);
  // Keep only values that are really wrong for this field.
  const okTypes: Record<string, (v: unknown) => boolean> = {
    // Turn text may be empty (an image-only message); ids and keys may not.
    string: (v) => typeof v === 'string' && (v.length > 0 || field === 'text') && v.length < 2048,
    number: (v) => typeof v === 'number' && Number.isFinite(v) && (v >= 0 || !/Count$|^index$/.test(field)),
    boolean: (v) => typeof v === 'boolean',
    array: (v) => Array.isArray(v),
    object: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  };
  const kind = Array.isArray(original) ? 'array' : typeof original;
  for (let i = 0; i < 20 && (okTypes[kind]?.(value) ?? false); i++) value = rng.pick(WRONG_VALUES);
  if (okTypes[kind]?.(value)) value = null;
  if (field === 'role' || field === 'kind' || field === 'site' || field === 'source') value = rng.pick(['system', 'evil', '', null]);
  if (value === undefined) delete record[field];
  else record[field] = value;
  return `${name}.${field}=${typeof value === 'string' ? `string(${value.length})` : String(value)}`;
}

/** One corrupted copy of `bundles`; returns a description of what was broken. */
export function corruptBundles(rng: Rng, bundles: readonly ConversationBundle[]): { what: string; bundles: unknown[] } {
  const copy = structuredClone(bundles) as ConversationBundle[];
  const target = rng.pick(copy);
  const withTurns = copy.filter((b) => b.turns.length > 0);
  const op = rng.int(0, 8);
  let what: string;
  if (op <= 3) what = setPath(target, rng);
  else if (op === 4 && withTurns.length > 0) {
    const b = rng.pick(withTurns);
    rng.pick(b.turns).conversationKey = 'chatgpt:someone-else';
    what = 'turn of another conversation';
  } else if (op === 5 && withTurns.length > 0) {
    const b = rng.pick(withTurns);
    rng.pick(b.turns).alternativeOf = `${b.conversation.key}:missing-turn`;
    what = 'alternative of a missing turn';
  } else if (op === 6 && withTurns.length > 0) {
    const b = rng.pick(withTurns);
    b.turns.push(structuredClone(rng.pick(b.turns)));
    what = 'turn key twice';
  } else if (op === 7 && withTurns.length > 0) {
    const b = rng.pick(withTurns);
    const t = rng.pick(b.turns);
    b.annotations.push({
      id: `fuzz-${rng.int(0, 1e9)}`,
      turnKey: `${b.conversation.key}:no-such-turn`,
      conversationKey: b.conversation.key,
      kind: 'note',
      label: null,
      note: 'x',
      createdAt: 1,
      updatedAt: 1,
    });
    what = `annotation on a missing turn (beside ${t.key})`;
  } else {
    const structural: [string, (b: Loose) => void][] = [
      [
        'turns not an array',
        (b) => {
          b.turns = {};
        },
      ],
      [
        'analyses missing',
        (b) => {
          delete b.analyses;
        },
      ],
      [
        'conversation missing',
        (b) => {
          delete b.conversation;
        },
      ],
      ['bundle is a string', () => undefined],
    ];
    const [name, apply] = rng.pick(structural);
    if (name === 'bundle is a string') copy[copy.indexOf(target)] = 'bundle' as unknown as ConversationBundle;
    else apply(target as unknown as Loose);
    what = name;
  }
  return { what, bundles: copy };
}

/** A valid bundle under a fresh key, so "all or nothing" can be checked on a mixed batch. */
export function freshBundle(base: ConversationBundle, suffix: string): ConversationBundle {
  const b = structuredClone(base);
  const oldKey = b.conversation.key;
  const newKey = `${oldKey}-fresh-${suffix}`;
  b.conversation.key = newKey;
  b.conversation.conversationId = `${b.conversation.conversationId}-fresh-${suffix}`;
  const rekey = (k: string) => newKey + k.slice(oldKey.length);
  for (const t of b.turns) {
    t.key = rekey(t.key);
    t.conversationKey = newKey;
    if (t.alternativeOf) t.alternativeOf = rekey(t.alternativeOf);
  }
  for (const a of b.analyses) {
    a.turnKey = rekey(a.turnKey);
    a.conversationKey = newKey;
  }
  for (const a of b.annotations) {
    a.turnKey = rekey(a.turnKey);
    a.conversationKey = newKey;
    a.id = `${a.id}-fresh-${suffix}`;
  }
  return b;
}
