/**
 * How a StoredAnalysis is laid out in the `analyses` object store (schema v3+). Pure.
 *
 * - Key (out-of-line): [conversationKey, turnId-tail of turnKey]. One conversation's analyses
 *   are a key range, so no secondary index and no key fields repeated in the value.
 * - Feature values: a number array in the order of a feature-name list kept once per detector
 *   version in the `meta` store (`featureNamesKey(version)`), instead of ~30 long names per
 *   record. Names unseen so far are appended to the list (existing positions never move).
 *   A reply whose names are not exactly the list's first n falls back to the plain object.
 * - Detector version: a position in one list of versions kept in `meta` (DETECTOR_VERSIONS_KEY).
 * - Labels: tuples; evidence names the feature by its list position when it has one.
 * Callers never see rows: the store's read and write functions convert at the boundary.
 */
import type { FeatureEvidence, FeatureValues, ShiftLabel, StoredAnalysis } from '../core/model/types.ts';

export type AnalysisKey = [conversationKey: string, turnTail: string];
/** [feature (list position or name), before, after, effect] */
export type EvidenceRow = [number | string, number, number, number];
/** [kind, text, confidence, evidence] */
export type LabelRow = [string, string, number, EvidenceRow[]];

export interface AnalysisRow {
  /** detectorVersion, as its position in the `meta` version list */
  v: number;
  /** index among assistant replies */
  i: number;
  /** state */
  s: string;
  /** stateName */
  n: string;
  /** shift (omitted when false) */
  sh?: true;
  /** confidence */
  p: number;
  /** labels (omitted when none) */
  l?: LabelRow[];
  /** feature values by list position, or the plain object (fallback) */
  f: (number | null)[] | FeatureValues;
  /** turnKey, only when it is not `${conversationKey}:${tail}` */
  k?: string;
}

export const DETECTOR_VERSIONS_KEY = 'detectorVersions';
export const FEATURE_NAMES_PREFIX = 'featureNames:';
export const featureNamesKey = (detectorVersion: string): string => FEATURE_NAMES_PREFIX + detectorVersion;

/** Key range of every analysis of one conversation. `[]` sorts after every string. */
export function analysisRange(conversationKey: string): IDBKeyRange {
  return IDBKeyRange.bound([conversationKey], [conversationKey, []]);
}

export function analysisKey(conversationKey: string, turnKey: string): AnalysisKey {
  const prefix = `${conversationKey}:`;
  return [conversationKey, turnKey.startsWith(prefix) ? turnKey.slice(prefix.length) : turnKey];
}

/**
 * The version list and the feature-name lists per detector version, loaded from / saved to
 * `meta` by the caller. Lists only grow (positions never move). `dirty` lists the versions whose
 * name list grew, `versionsDirty` says the version list grew; both must be written back.
 */
export class FeatureNames {
  private versions: string[] = [];
  private versionPositions = new Map<string, number>();
  versionsDirty = false;
  private readonly lists = new Map<string, string[]>();
  private readonly positions = new Map<string, Map<string, number>>();
  readonly dirty = new Set<string>();

  setVersions(versions: readonly string[]): void {
    this.versions = [...versions];
    this.versionPositions = new Map(versions.map((v, i) => [v, i]));
  }

  versionList(): readonly string[] {
    return this.versions;
  }

  /** Position of a detector version, appending it if new. */
  versionId(version: string): number {
    let i = this.versionPositions.get(version);
    if (i === undefined) {
      i = this.versions.length;
      this.versions.push(version);
      this.versionPositions.set(version, i);
      this.versionsDirty = true;
    }
    return i;
  }

  /** The version at a position (a row from a list that was never saved decodes as ""). */
  versionAt(id: number): string {
    return this.versions[id] ?? '';
  }

  /** Existing position only, -1 when the version was never stored. */
  findVersion(version: string): number {
    return this.versionPositions.get(version) ?? -1;
  }

  has(version: string): boolean {
    return this.lists.has(version);
  }

  set(version: string, names: readonly string[]): void {
    this.lists.set(version, [...names]);
    this.positions.set(version, new Map(names.map((n, i) => [n, i])));
  }

  list(version: string): readonly string[] {
    return this.lists.get(version) ?? [];
  }

  /** Position of `name` in the version's list, appending it if new. */
  positionOf(version: string, name: string): number {
    if (!this.lists.has(version)) this.set(version, []);
    const pos = this.positions.get(version) as Map<string, number>;
    let i = pos.get(name);
    if (i === undefined) {
      const list = this.lists.get(version) as string[];
      i = list.length;
      list.push(name);
      pos.set(name, i);
      this.dirty.add(version);
    }
    return i;
  }

  /** Existing position only (decoding never grows a list). */
  find(version: string, name: string): number | undefined {
    return this.positions.get(version)?.get(name);
  }
}

export function encodeAnalysis(a: StoredAnalysis, names: FeatureNames): { key: AnalysisKey; row: AnalysisRow } {
  const key = analysisKey(a.conversationKey, a.turnKey);
  const row: AnalysisRow = {
    v: names.versionId(a.detectorVersion),
    i: a.index,
    s: a.state,
    n: a.stateName,
    p: a.confidence,
    f: encodeFeatures(a.features, a.detectorVersion, names),
  };
  if (a.shift) row.sh = true;
  if (a.labels.length > 0) row.l = a.labels.map((l) => encodeLabel(l, a.detectorVersion, names));
  if (`${key[0]}:${key[1]}` !== a.turnKey) row.k = a.turnKey;
  return { key, row };
}

export function decodeAnalysis(key: AnalysisKey, row: AnalysisRow, names: FeatureNames): StoredAnalysis {
  const version = names.versionAt(row.v);
  const list = names.list(version);
  return {
    index: row.i,
    state: row.s,
    stateName: row.n,
    shift: row.sh === true,
    confidence: row.p,
    labels: (row.l ?? []).map((l) => decodeLabel(l, list)),
    features: Array.isArray(row.f) ? decodeFeatures(row.f, list) : { ...row.f },
    turnKey: row.k ?? `${key[0]}:${key[1]}`,
    conversationKey: key[0],
    detectorVersion: version,
  };
}

function encodeFeatures(features: FeatureValues, version: string, names: FeatureNames): (number | null)[] | FeatureValues {
  const keys = Object.keys(features);
  const out: (number | null)[] = new Array<number | null>(keys.length);
  for (const k of keys) {
    const i = names.positionOf(version, k);
    if (i >= keys.length) return { ...features }; // not a prefix of the list: keep names
    out[i] = features[k];
  }
  return out;
}

function decodeFeatures(values: readonly (number | null)[], list: readonly string[]): FeatureValues {
  // fromEntries: a name like "__proto__" stays plain data.
  return Object.fromEntries(values.map((v, i) => [list[i], v]));
}

function encodeLabel(l: ShiftLabel, version: string, names: FeatureNames): LabelRow {
  return [l.kind, l.text, l.confidence, l.evidence.map((e): EvidenceRow => [names.find(version, e.feature) ?? e.feature, e.before, e.after, e.effect])];
}

function decodeLabel(l: LabelRow, list: readonly string[]): ShiftLabel {
  return {
    kind: l[0],
    text: l[1],
    confidence: l[2],
    evidence: l[3].map((e): FeatureEvidence => ({ feature: typeof e[0] === 'number' ? list[e[0]] : e[0], before: e[1], after: e[2], effect: e[3] })),
  };
}
