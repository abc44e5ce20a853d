/**
 * One annotation task per main-line assistant reply: the turns before it (a window), the reply,
 * and the detector's output on it as the prediction. Every tool format (Label Studio, Argilla,
 * Prodigy, Hugging Face) is a rendering of these tasks, so they all carry the same ids and labels.
 */
import { LABEL_VOCABULARY } from '../../detect/vocabulary.ts';
import type { ConversationBundle, FeatureValues, Role, SiteId, Turn } from '../../model/types.ts';
import { indexExtras, mainLine } from '../analysis-join.ts';
import { eachBundle, type ExportOptions } from '../export-options.ts';

/** Turns of context before each reply, by default (older turns are left out). */
export const DEFAULT_CONTEXT_TURNS = 10;

/** The label kinds an annotator can pick: the detector's vocabulary, in its order. */
export const LABEL_KINDS: readonly string[] = LABEL_VOCABULARY.map((v) => v.kind);

export interface TaskOptions {
  /** Turns of context before the reply; default DEFAULT_CONTEXT_TURNS. */
  contextTurns?: number;
}

export interface ContextTurn {
  role: Role;
  text: string;
  model: string | null;
}

export interface ReplyPrediction {
  detectorVersion: string;
  shift: boolean;
  /** Probability of a shift at this reply. */
  confidence: number;
  state: string;
  stateName: string;
  /** Distinct label kinds, in the order of the labels. */
  labelKinds: string[];
  labelTexts: string[];
  features: FeatureValues;
}

export interface ReplyTask {
  conversationKey: string;
  /** Our stable id of the reply: imports find the reply by it. */
  turnKey: string;
  turnId: string;
  site: SiteId;
  title: string | null;
  /** Position among the conversation's main-line assistant replies, from 0. */
  replyIndex: number;
  model: string | null;
  /** Main-line turns before the reply, oldest first (at most `contextTurns`). */
  context: ContextTurn[];
  reply: string;
  /** The detector's output on this reply; null when the reply has not been labelled. */
  prediction: ReplyPrediction | null;
}

export function* replyTasks(bundle: ConversationBundle, options: TaskOptions = {}): Generator<ReplyTask> {
  const window = Math.max(0, Math.floor(options.contextTurns ?? DEFAULT_CONTEXT_TURNS));
  const extras = indexExtras(bundle);
  const line = mainLine(bundle);
  const c = bundle.conversation;
  let replyIndex = 0;
  for (let i = 0; i < line.length; i++) {
    const turn = line[i];
    if (turn.role !== 'assistant') continue;
    const analysis = extras.analysisOf(turn.key);
    yield {
      conversationKey: c.key,
      turnKey: turn.key,
      turnId: turn.turnId,
      site: c.site,
      title: c.title,
      replyIndex: replyIndex++,
      model: turn.model,
      context: line.slice(Math.max(0, i - window), i).map(contextTurn),
      reply: turn.text,
      prediction: analysis
        ? {
            detectorVersion: analysis.detectorVersion,
            shift: analysis.shift,
            confidence: analysis.confidence,
            state: analysis.state,
            stateName: analysis.stateName,
            labelKinds: [...new Set(analysis.labels.map((l) => l.kind))],
            labelTexts: analysis.labels.map((l) => l.text),
            features: analysis.features,
          }
        : null,
    };
  }
}

function contextTurn(t: Turn): ContextTurn {
  return { role: t.role, text: t.text, model: t.model };
}

export type TaskExportOptions = ExportOptions & TaskOptions;

/** JSONL: each task written as one JSON text (`json`) a line; one chunk per conversation (progress, cancel). */
export function* taskLines(bundles: readonly ConversationBundle[], options: TaskExportOptions, json: (task: ReplyTask) => string): Generator<string> {
  yield* eachBundle(bundles, options, (bundle) => {
    let out = '';
    for (const task of replyTasks(bundle, options)) out += json(task) + '\n';
    return out;
  });
}

/** A JSON array of tasks, each written by `json`, one a line; one chunk per conversation. */
export function* taskArray(bundles: readonly ConversationBundle[], options: TaskExportOptions, json: (task: ReplyTask) => string): Generator<string> {
  yield '[';
  let first = true;
  yield* eachBundle(bundles, options, (bundle) => {
    let out = '';
    for (const task of replyTasks(bundle, options)) {
      out += (first ? '\n' : ',\n') + json(task);
      first = false;
    }
    return out;
  });
  yield '\n]\n';
}
