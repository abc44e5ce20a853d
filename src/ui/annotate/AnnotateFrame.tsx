import { useEffect, useState } from 'preact/hooks';
import { LABEL_VOCABULARY } from '../../core/detect/vocabulary.ts';
import type { Annotation } from '../../core/model/types.ts';
import { AnnotationControls, type AnnotationDraft } from '../components/AnnotationControls.tsx';
import { ErrorBox, Loading } from '../components/Status.tsx';

export interface AnnotateServices {
  load(turnKey: string): Promise<Annotation[]>;
  save(input: AnnotationDraft & { turnKey: string; conversationKey: string }): Promise<Annotation>;
  remove(id: string): Promise<void>;
}

interface Props {
  turnKey: string;
  conversationKey: string;
  services: AnnotateServices;
}

/** The verdict shown first; a note alone when there is no verdict. */
function shown(annotations: readonly Annotation[]): Annotation | null {
  return annotations.find((a) => a.kind !== 'note') ?? annotations[0] ?? null;
}

/** Confirm / reject / relabel / note for one reply, inside the extension's own origin. */
export function AnnotateFrame({ turnKey, conversationKey, services }: Props) {
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; annotations: Annotation[] }>({
    kind: 'loading',
  });
  useEffect(() => {
    services.load(turnKey).then(
      (annotations) => setState({ kind: 'ready', annotations }),
      (err: unknown) => setState({ kind: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
  }, [turnKey]);
  if (state.kind === 'loading') return <Loading what="your annotation" />;
  if (state.kind === 'error') return <ErrorBox title="Could not load your annotation" error={state.message} />;
  return (
    <AnnotationControls
      idPrefix="po-frame"
      annotation={shown(state.annotations)}
      vocabulary={LABEL_VOCABULARY}
      save={(draft) => services.save({ ...draft, turnKey, conversationKey })}
      remove={services.remove}
      confirmRemove
    />
  );
}
