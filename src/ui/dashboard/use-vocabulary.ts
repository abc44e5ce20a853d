/**
 * The persona vocabulary for the dashboard's views, fitted once per dashboard session (reading
 * every stored analysis) and shared by the views; forgotten after imports and deletes so the next
 * view refits it. While it loads, views show per-conversation segments (numbered).
 */
import { useEffect, useState } from 'preact/hooks';
import type { PersonaVocabulary } from '../../core/vocabulary/repertoire.ts';
import { useServices, type DataReads } from '../adapters/services.ts';

let cached: { data: DataReads; promise: Promise<PersonaVocabulary> } | null = null;

export function forgetVocabulary(): void {
  cached = null;
}

export function loadVocabulary(data: DataReads): Promise<PersonaVocabulary> {
  if (!cached || cached.data !== data) cached = { data, promise: data.getPersonaVocabulary() };
  const mine = cached;
  // A failed fit is not cached: the next view tries again.
  mine.promise.catch(() => {
    if (cached === mine) cached = null;
  });
  return mine.promise;
}

/** null until fitted (or when fitting failed: views then fall back to segment numbers). */
export function usePersonaVocabulary(): PersonaVocabulary | null {
  const { data } = useServices();
  const [vocabulary, setVocabulary] = useState<PersonaVocabulary | null>(null);
  useEffect(() => {
    let live = true;
    loadVocabulary(data).then(
      (v) => {
        if (live) setVocabulary(v);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [data]);
  return vocabulary;
}
