/**
 * Everything the views need from the rest of the extension, behind one interface. Views call
 * `useServices()`; main.tsx provides the real implementation (IndexedDB reads + worker
 * messages + core), tests provide fakes. This keeps every view testable in happy-dom without
 * an extension runtime, and keeps the wiring to other layers in this folder only.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Annotation, AnnotationKind, AnnotationTool, Conversation, ConversationBundle, ImportedAnnotation, Settings } from '../../core/model/types.ts';
import type { AgreementReport } from '../../core/agreement.ts';
import type { FeatureDef } from '../../core/features/types.ts';
import type { RouterReport } from '../../core/router/types.ts';
import type { VocabularyEntry } from '../components/AnnotationControls.tsx';
import type { PersonaVocabulary } from '../../core/vocabulary/index.ts';
import type { UserCalibration } from '../../core/detect/user-calibration.ts';
import type { CaptureProblem } from '../../messaging/responses.ts';

export interface ProgressReport {
  done: number;
  total: number | null;
}

/** Our formats, a zip of them, or `annotation`: the zip for annotation tools (one task per reply). */
export type ExportFormat = 'json' | 'jsonl' | 'csv' | 'md' | 'zip' | 'annotation';

export interface ParsedFile {
  format: string;
  bundles: ConversationBundle[];
}

/** Annotations read from a Label Studio JSON export or Argilla records file. */
export interface ParsedAnnotationFile {
  tool: AnnotationTool;
  annotations: ImportedAnnotation[];
}

/** Reads: straight from IndexedDB (extension pages share the extension origin). */
export interface DataReads {
  listConversations(): Promise<Conversation[]>;
  getBundle(conversationKey: string): Promise<ConversationBundle | null>;
  /** Whole bundles, for export and router analysis; reports progress, honours the signal. */
  getBundles(keys: readonly string[], onProgress: (p: ProgressReport) => void, signal: AbortSignal): Promise<ConversationBundle[]>;
  /** Conversations whose turns contain every word of `query` (index, or a scan while it builds; capped, cancellable). */
  searchText(query: string, onProgress: (p: ProgressReport) => void, signal: AbortSignal): Promise<TextSearchResult>;
  /** The persona repertoire fitted on every stored analysis (core/vocabulary): one id and name per persona on every screen. */
  getPersonaVocabulary(): Promise<PersonaVocabulary>;
  /** The confidence curve refitted from the user's verdicts by the worker (null before its first refit). */
  getUserCalibration(): Promise<UserCalibration | null>;
}

export interface TextSearchResult {
  /** Conversation key → plain-text snippet around the first match ('' when none was made); best first when `ranked`. */
  matches: Map<string, string>;
  /** False when the cap was reached before every match was found. */
  complete: boolean;
  /** True when the order of `matches` is a relevance ranking (the index answered; the scan does not rank). */
  ranked: boolean;
}

/** Writes: always through the background worker (the only writer). */
export interface Commands {
  saveAnnotation(input: { turnKey: string; conversationKey: string; kind: AnnotationKind; label: string | null; note: string | null }): Promise<Annotation>;
  deleteAnnotation(id: string): Promise<void>;
  getSettings(): Promise<Settings>;
  setSettings(patch: Partial<Settings>): Promise<Settings>;
  deleteConversation(conversationKey: string): Promise<void>;
  clearStore(): Promise<void>;
  importBundles(bundles: ConversationBundle[]): Promise<{ added: number; updated: number; skipped: number }>;
  /** All or nothing: refused (nothing written) when a reply the file names is not stored. */
  importAnnotations(annotations: ImportedAnnotation[]): Promise<{ added: number; updated: number; unchanged: number }>;
  /** Open tabs whose page was not recognised, with the failed check. */
  captureProblems(): Promise<CaptureProblem[]>;
}

/** Pure core functions (instrument, formats, router). */
export interface CoreApi {
  features: readonly FeatureDef[];
  vocabulary: readonly VocabularyEntry[];
  detectorVersion: string;
  /** What the benchmark measured on models the detector was not tuned on, in words (core/detect/trust.ts). */
  trustSummary: string;
  /** Text for JSON/JSONL files, bytes for .zip archives. Throws FormatError with a readable message. */
  parseFile(content: string | Uint8Array, fileName: string): ParsedFile;
  exportBundles(bundles: ConversationBundle[], format: ExportFormat, onProgress: (p: ProgressReport) => void, signal: AbortSignal): Promise<Blob>;
  /** Runs in the background worker; progress counts the analysis steps done. */
  analyzeRouter(bundles: ConversationBundle[], signal: AbortSignal, onProgress?: (p: ProgressReport) => void): Promise<RouterReport>;
  /** A Label Studio / Argilla export → annotations. Throws FormatError naming what and where. */
  parseAnnotationFile(text: string, fileName: string): ParsedAnnotationFile;
  /** How often the detector agreed with the verdicts in these bundles (core/agreement.ts). */
  agreement(bundles: ConversationBundle[]): AgreementReport;
}

export interface UiServices {
  data: DataReads;
  commands: Commands;
  core: CoreApi;
}

export const ServicesContext = createContext<UiServices | null>(null);

export function useServices(): UiServices {
  const s = useContext(ServicesContext);
  if (!s) throw new Error('UiServices not provided');
  return s;
}
