/**
 * Reading and writing analyses inside a transaction: rows ↔ StoredAnalysis, with the version
 * list and feature-name lists from `meta` (see analysis-rows.ts).
 */
import type { IDBPObjectStore, StoreNames } from 'idb';
import type { StoredAnalysis } from '../core/model/types.ts';
import { DETECTOR_VERSIONS_KEY, FeatureNames, analysisRange, decodeAnalysis, encodeAnalysis, featureNamesKey, type AnalysisKey } from './analysis-rows.ts';
import type { ObservatorySchema } from './schema.ts';
import { forEach } from './requests.ts';

type Mode = 'readonly' | 'readwrite' | 'versionchange';
type Writable = 'readwrite' | 'versionchange';
type Store<N extends 'analyses' | 'meta', M extends Mode> = IDBPObjectStore<ObservatorySchema, StoreNames<ObservatorySchema>[], N, M>;

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Load the version list and the name lists of `versions` (or of every stored version). */
export async function loadFeatureNames(meta: Store<'meta', Mode>, versions?: Iterable<string>): Promise<FeatureNames> {
  const names = new FeatureNames();
  names.setVersions(asList(await meta.get(DETECTOR_VERSIONS_KEY)));
  for (const version of new Set(versions ?? names.versionList())) {
    names.set(version, asList(await meta.get(featureNamesKey(version))));
  }
  return names;
}

/** Write back the version list and every name list that grew. */
export async function saveFeatureNames(meta: Store<'meta', Writable>, names: FeatureNames): Promise<void> {
  const writes: Promise<unknown>[] = [...names.dirty].map((version) => meta.put([...names.list(version)], featureNamesKey(version)));
  if (names.versionsDirty) writes.push(meta.put([...names.versionList()], DETECTOR_VERSIONS_KEY));
  await forEach(writes, (w) => w);
  names.dirty.clear();
  names.versionsDirty = false;
}

export async function readConversationAnalyses(
  analyses: Store<'analyses', Mode>,
  meta: Store<'meta', Mode>,
  conversationKey: string,
): Promise<StoredAnalysis[]> {
  const range = analysisRange(conversationKey);
  const [keys, rows, names] = await Promise.all([analyses.getAllKeys(range), analyses.getAll(range), loadFeatureNames(meta)]);
  return rows.map((row, i) => decodeAnalysis(keys[i] as AnalysisKey, row, names));
}

/** Every stored analysis (one read of the whole store), e.g. to fit the persona vocabulary. */
export async function readAllAnalyses(analyses: Store<'analyses', Mode>, meta: Store<'meta', Mode>): Promise<StoredAnalysis[]> {
  const [keys, rows, names] = await Promise.all([analyses.getAllKeys(), analyses.getAll(), loadFeatureNames(meta)]);
  return rows.map((row, i) => decodeAnalysis(keys[i] as AnalysisKey, row, names));
}

/** Put analyses (replacing any with the same turn) and save grown lists. */
export async function putAnalyses(analyses: Store<'analyses', Writable>, meta: Store<'meta', Writable>, list: readonly StoredAnalysis[]): Promise<void> {
  const names = await loadFeatureNames(
    meta,
    list.map((a) => a.detectorVersion),
  );
  const encoded = list.map((a) => encodeAnalysis(a, names));
  await forEach(encoded, ({ key, row }) => analyses.put(row, key));
  await saveFeatureNames(meta, names);
}
