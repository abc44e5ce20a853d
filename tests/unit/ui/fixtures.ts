/** Builders and fake services for the view tests (no extension runtime needed). */
import { conversationsFromAnalyses, fitPersonaVocabulary } from '../../../src/core/vocabulary/index.ts';
import type { CaptureProblem } from '../../../src/messaging/responses.ts';
import { vi } from 'vitest';
import type { Annotation, Conversation, ConversationBundle, ImportedAnnotation, Settings, StoredAnalysis, Turn } from '../../../src/core/model/types.ts';
import type { ParsedAnnotationFile, UiServices } from '../../../src/ui/adapters/services.ts';
import { agreementOfBundles } from '../../../src/core/agreement.ts';
import type { FeatureDef } from '../../../src/core/features/types.ts';
import type { RouterReport } from '../../../src/core/router/types.ts';
import type { UserCalibration } from '../../../src/core/detect/user-calibration.ts';

export const HOSTILE = '<img src=x onerror="globalThis.__pwned=1"><script>globalThis.__pwned=2</script>**bold**';

export function conversation(over: Partial<Conversation> = {}): Conversation {
  return {
    key: 'chatgpt:abc',
    site: 'chatgpt',
    conversationId: 'abc',
    title: 'Trip planning',
    url: null,
    source: 'capture',
    firstSeen: Date.UTC(2025, 0, 2),
    lastSeen: Date.UTC(2025, 0, 3),
    models: ['gpt-4o'],
    turnCount: 4,
    assistantCount: 2,
    shiftCount: 1,
    annotationCount: 0,
    ...over,
  };
}

function turn(c: Conversation, i: number, role: Turn['role'], text: string, model: string | null): Turn {
  return {
    key: `${c.key}:t${i}`,
    conversationKey: c.key,
    turnId: `t${i}`,
    order: i,
    role,
    text,
    contentHash: `h${i}`,
    model,
    selectedModel: null,
    thinking: null,
    branch: null,
    alternativeOf: null,
    capturedAt: c.firstSeen + i,
    createdAt: null,
    route: null,
  };
}

function analysis(t: Turn, index: number, state: string, shift: boolean): StoredAnalysis {
  return {
    turnKey: t.key,
    conversationKey: t.conversationKey,
    detectorVersion: 'test',
    index,
    state,
    stateName: state === 'A' ? 'formal' : 'playful',
    shift,
    confidence: shift ? 0.72 : 0.05,
    labels: shift
      ? [{ kind: 'tone', text: 'tone: formal → playful', confidence: 0.72, evidence: [{ feature: 'exclamation_rate', before: 0.1, after: 2.5, effect: 1.8 }] }]
      : [],
    features: { exclamation_rate: shift ? 2.5 : 0.1, word_count: 120 + index },
  };
}

/** user, reply A (no shift), user, reply B (shift, tone label). Texts can be overridden (hostile tests). */
export function bundle(over: { text?: string; label?: string; annotations?: Annotation[] } = {}): ConversationBundle {
  const c = conversation();
  const turns = [
    turn(c, 0, 'user', 'Plan a trip', null),
    turn(c, 1, 'assistant', over.text ?? 'Certainly. Here is a formal plan.', 'gpt-4o'),
    turn(c, 2, 'user', 'make it fun', null),
    turn(c, 3, 'assistant', 'Woo! Let us go!', 'gpt-4o-mini'),
  ];
  const analyses = [analysis(turns[1], 0, 'A', false), analysis(turns[3], 1, 'B', true)];
  if (over.label) analyses[1].labels[0].text = over.label;
  return { conversation: c, turns, analyses, annotations: over.annotations ?? [] };
}

export const FEATURES: FeatureDef[] = [
  {
    name: 'exclamation_rate',
    label: 'Exclamations',
    family: 'punctuation',
    description: 'Exclamation marks per 100 words.',
    unit: 'per 100 words',
    range: [0, 10],
    failureCases: ['quoted text'],
    englishOnly: false,
  },
  {
    name: 'word_count',
    label: 'Words',
    family: 'verbosity',
    description: 'Words in the reply.',
    unit: 'words',
    range: [0, 2000],
    failureCases: [],
    englishOnly: false,
  },
];

export const SETTINGS: Settings = { paused: false, badgesHidden: false, sites: {} };

export function annotationFor(turnKey: string, kind: Annotation['kind'], label: string | null = null, note: string | null = null): Annotation {
  return { id: `a-${turnKey}`, turnKey, conversationKey: 'chatgpt:abc', kind, label, note, createdAt: 1, updatedAt: 2 };
}

/** Fake services: every method is a vi.fn with a sensible default the test can override. */
export function services(over: { list?: Conversation[]; bundle?: ConversationBundle | null; problems?: CaptureProblem[] } = {}) {
  const b = over.bundle === undefined ? bundle() : over.bundle;
  const s = {
    data: {
      listConversations: vi.fn(async () => over.list ?? [conversation()]),
      getBundle: vi.fn(async () => b),
      getBundles: vi.fn(async () => (b ? [b] : [])),
      searchText: vi.fn(async (_q: string, _p: unknown, _s: AbortSignal) => ({ matches: new Map<string, string>(), complete: true, ranked: true })),
      getPersonaVocabulary: vi.fn(async () => fitPersonaVocabulary(conversationsFromAnalyses(b ? b.analyses : []))),
      getUserCalibration: vi.fn(async (): Promise<UserCalibration | null> => null),
    },
    commands: {
      saveAnnotation: vi.fn(
        async (input: { turnKey: string; conversationKey: string; kind: Annotation['kind']; label: string | null; note: string | null }) => ({
          ...annotationFor(input.turnKey, input.kind, input.label, input.note),
        }),
      ),
      deleteAnnotation: vi.fn(async () => undefined),
      getSettings: vi.fn(async () => SETTINGS),
      setSettings: vi.fn(async (patch: Partial<Settings>) => ({ ...SETTINGS, ...patch })),
      deleteConversation: vi.fn(async () => undefined),
      clearStore: vi.fn(async () => undefined),
      importBundles: vi.fn(async (bs: ConversationBundle[]) => ({ added: bs.length, updated: 0, skipped: 0 })),
      importAnnotations: vi.fn(async (as: ImportedAnnotation[]) => ({ added: as.length, updated: 0, unchanged: 0 })),
      captureProblems: vi.fn(async () => over.problems ?? []),
    },
    core: {
      features: FEATURES,
      vocabulary: [{ kind: 'tone', example: 'tone: formal → playful', meaning: 'Register moved.' }],
      detectorVersion: 'test-1',
      trustSummary: 'Measured: half of the flagged switches were real.',
      parseFile: vi.fn((_c: string | Uint8Array, _n: string) => ({ format: 'bundle', bundles: [bundle()] })),
      exportBundles: vi.fn(async () => new Blob(['x'])),
      analyzeRouter: vi.fn(async (_b: ConversationBundle[], _s: AbortSignal): Promise<RouterReport> => {
        throw new Error('not used');
      }),
      parseAnnotationFile: vi.fn((_t: string, _n: string): ParsedAnnotationFile => ({ tool: 'label-studio', annotations: [] })),
      agreement: vi.fn(agreementOfBundles),
    },
  };
  return s satisfies UiServices;
}
