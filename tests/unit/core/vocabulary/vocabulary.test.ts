import { describe, expect, it } from 'vitest';
import type { FeatureValues } from '../../../../src/core/model/types.ts';
import { FEATURES } from '../../../../src/core/features/registry.ts';
import { mulberry32 } from '../../../../src/core/math/random.ts';
import {
  NAMING_FEATURES,
  certaintyOf,
  fitPersonaVocabulary,
  modelChange,
  nameFromProfile,
  namePersona,
  personaOf,
  readableModel,
  segmentNumber,
  strengthOf,
  type VocabularyConversation,
} from '../../../../src/core/vocabulary/index.ts';

const rand = mulberry32(7);
const noise = () => (rand() - 0.5) * 0.2;

/** A reply whose naming features sit at `base` (0 elsewhere), with a little noise. */
function reply(base: Record<string, number>, english = true): FeatureValues {
  const out: FeatureValues = {};
  for (const f of FEATURES) out[f.name] = f.englishOnly && !english ? null : (base[f.name] ?? 1) * (1 + noise());
  return out;
}
const TERSE = { words_log: 1.2, paragraphs: 1, list_share: 0, headers: 0, table_rows: 0, bold_per_100w: 0 };
const LONG = { words_log: 2.8, paragraphs: 9, list_share: 0.6, headers: 4, table_rows: 6, bold_per_100w: 3 };

function conv(key: string, states: [string, Record<string, number>, number][]): VocabularyConversation {
  return { key, replies: states.flatMap(([state, base, n]) => Array.from({ length: n }, () => ({ state, features: reply(base) }))) };
}

describe('namePersona', () => {
  it('names from the rule poles, with the strongest lean first', () => {
    const n = namePersona(
      (f) =>
        (({ words_log: -2, paragraphs: -1.5, list_share: 1.5, headers: 1.5, table_rows: 1, bold_per_100w: 1, code_share: 1 }) as Record<string, number>)[f] ??
        0,
    );
    expect(n.name).toBe('terse · structured');
    expect(n.poles[0].evidence[0].feature).toBe('words_log');
  });
  it('never names from rules whose features are mostly not measurable (non-English text)', () => {
    const english = new Set(FEATURES.filter((f) => f.englishOnly).map((f) => f.name));
    // Fewer exclamations and emoji only: the tone rule's English features are null.
    const n = namePersona((f) => (english.has(f) ? null : f === 'exclamation_share' || f === 'emoji_per_100w' ? -3 : 0));
    expect(n.name).not.toContain('formal');
    expect(n.notApplicable).toContain('tone');
  });
  it('drops a pole that contradicts a stronger one ("detached · playful")', () => {
    const z: Record<string, number> = {
      question_share: -3,
      second_person_per_100w: -3,
      contractions_per_100w: 2,
      slang_per_100w: 2,
      exclamation_share: 2,
      emoji_per_100w: 2,
      formal_per_100w: -2,
    };
    const n = namePersona((f) => z[f] ?? 0);
    expect(n.name).toBe('detached');
  });
  it('names router profiles the same way (nameFromProfile), also from a top-five profile', () => {
    expect(nameFromProfile(NAMING_FEATURES.map((feature) => ({ feature, z: feature === 'words_log' || feature === 'paragraphs' ? -1.5 : 0 }))).name).toBe(
      'terse',
    );
    // The router's state "low Length (log words)" in the shared words:
    expect(
      nameFromProfile([
        { feature: 'words_log', z: -1.6 },
        { feature: 'paragraphs', z: -1.1 },
        { feature: 'list_share', z: 1.4 },
        { feature: 'headers', z: 1.2 },
      ]).name,
    ).toBe('terse · structured');
  });
});

describe('fitPersonaVocabulary', () => {
  // Conversation 1 starts terse (its "A") and turns long; conversation 2 starts long (its "A").
  const data = [
    conv('c1', [
      ['A', TERSE, 6],
      ['B', LONG, 6],
    ]),
    conv('c2', [
      ['A', LONG, 8],
      ['B', TERSE, 3],
    ]),
    conv('c3', [['A', TERSE, 5]]),
  ];
  const v = fitPersonaVocabulary(data);
  it('maps the same persona of different conversations onto one id, whatever its local letter', () => {
    expect(v.personas.length).toBe(2);
    expect(personaOf(v, 'c1', 'B')?.id).toBe(personaOf(v, 'c2', 'A')?.id);
    expect(personaOf(v, 'c1', 'A')?.id).toBe(personaOf(v, 'c2', 'B')?.id);
    expect(personaOf(v, 'c1', 'A')?.id).toBe(personaOf(v, 'c3', 'A')?.id);
    expect(personaOf(v, 'c1', 'A')?.id).not.toBe(personaOf(v, 'c1', 'B')?.id);
  });
  it('numbers personas by size and names them from their evidence', () => {
    expect(v.personas.map((p) => p.id)).toEqual(['P1', 'P2']);
    expect(v.personas[0].replies).toBeGreaterThanOrEqual(v.personas[1].replies);
    const terse = personaOf(v, 'c3', 'A')!;
    expect(terse.name.split(' · ')).toContain('terse');
    expect(personaOf(v, 'c2', 'A')!.name).toMatch(/long|structured/);
    expect(v.replies).toBe(28);
  });
  it('is deterministic and unaffected by another conversation being listed first', () => {
    const again = fitPersonaVocabulary(data);
    expect(again).toEqual(v);
    expect(personaOf(v, 'nope', 'A')).toBeNull();
  });
  it('respects the persona cap', () => {
    expect(fitPersonaVocabulary(data, { mergeDistance: 0, maxPersonas: 1 }).personas.length).toBe(1);
  });
});

describe('shared wording', () => {
  it('segments are numbered, never lettered', () => {
    expect(segmentNumber('A')).toBe(1);
    expect(segmentNumber('C')).toBe(3);
    expect(segmentNumber('S30')).toBe(30);
    expect(segmentNumber('?')).toBeNull();
  });
  it('confidence reads as a strength; a page fact reads "from the page"', () => {
    expect(strengthOf(0.95)).toBe('strong');
    expect(strengthOf(0.8)).toBe('moderate');
    expect(strengthOf(0.4)).toBe('weak');
    expect(strengthOf(Number.NaN)).toBe('weak');
    expect(certaintyOf({ kind: 'model', confidence: 1 })).toBe('from the page');
    expect(certaintyOf({ kind: 'tone', confidence: 1 })).toBe('strong');
    expect(modelChange({ kind: 'model', text: 'model changed: gpt-4o → gpt-5-5' })).toEqual({ from: 'gpt-4o', to: 'gpt-5-5' });
    expect(modelChange({ kind: 'tone', text: 'tone: a → b' })).toBeNull();
  });
  it('readable model names, unknown slugs unchanged', () => {
    expect(readableModel('gpt-5-5')).toBe('GPT-5.5');
    expect(readableModel('gpt-4o')).toBe('GPT-4o');
    expect(readableModel('gpt-4-1-mini')).toBe('GPT-4.1 mini');
    expect(readableModel('gpt-4o-mini')).toBe('GPT-4o mini');
    expect(readableModel('gpt-4')).toBe('GPT-4');
    expect(readableModel('text-davinci-002-render-sha')).toBe('GPT-3.5 (ChatGPT default)');
    expect(readableModel('claude-3-5-sonnet-20241022')).toBe('Claude 3.5 Sonnet');
    expect(readableModel('claude-sonnet-4-5')).toBe('Claude Sonnet 4.5');
    expect(readableModel('gemini-2.5-pro')).toBe('Gemini 2.5 Pro');
    expect(readableModel('o3')).toBe('o3');
    expect(readableModel('my-own-model')).toBe('my-own-model');
  });
});

describe('states the detector separated stay apart', () => {
  it('two states of one conversation never share a persona, even when alike', () => {
    const alike = fitPersonaVocabulary([
      conv('solo', [
        ['A', TERSE, 6],
        ['B', { ...TERSE, words_log: 1.3 }, 6],
      ]),
    ]);
    expect(personaOf(alike, 'solo', 'A')?.id).not.toBe(personaOf(alike, 'solo', 'B')?.id);
  });
});
