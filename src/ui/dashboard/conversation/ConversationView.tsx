import { siteUrlOrNull } from '../../adapters/safety.ts';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Annotation, ConversationBundle } from '../../../core/model/types.ts';
import { useServices } from '../../adapters/services.ts';
import { useAsync } from '../../components/use-async.ts';
import { Empty, ErrorBox, Loading } from '../../components/Status.tsx';
import { TimelineStrip } from '../../components/TimelineStrip.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { formatDateTime, plural } from '../../../common/format.ts';
import { buildConversationModel } from './model.ts';
import { FeatureTraces } from './FeatureTraces.tsx';
import { RouteStrip } from './RouteStrip.tsx';
import { TurnView, replyElementId } from './TurnView.tsx';
import { ExportButtons } from '../io/ExportButtons.tsx';
import { ModelName } from '../../../common/ModelName.tsx';
import { conversationTitle, siteName } from '../../../core/vocabulary/titles.ts';
import { usePersonaVocabulary } from '../use-vocabulary.ts';
import { nextShift, isTypingTarget } from './shift-keys.ts';

interface Props {
  conversationKey: string;
  onBack(): void;
  onDeleted(): void;
}

export function ConversationView({ conversationKey, onBack, onDeleted }: Props) {
  const { data } = useServices();
  const result = useAsync(() => data.getBundle(conversationKey), [data, conversationKey]);
  const back = (
    <button type="button" class="po-btn" onClick={onBack}>
      ← All conversations
    </button>
  );
  if (result.status === 'loading')
    return (
      <div>
        {back}
        <Loading what="conversation" />
      </div>
    );
  if (result.status === 'error')
    return (
      <div>
        {back}
        <ErrorBox title="Could not read this conversation" error={result.error} onRetry={result.reload} />
      </div>
    );
  if (!result.data)
    return (
      <div>
        {back}
        <Empty title="This conversation is not in your store">It may have been deleted.</Empty>
      </div>
    );
  return <LoadedConversation key={conversationKey} initial={result.data} back={back} onDeleted={onDeleted} />;
}

function LoadedConversation({ initial, back, onDeleted }: { initial: ConversationBundle; back: preact.JSX.Element; onDeleted(): void }) {
  const { core, commands } = useServices();
  const [bundle, setBundle] = useState(initial);
  const [selected, setSelected] = useState<number | null>(null);
  const [deleteError, setDeleteError] = useState<unknown>(null);
  const vocabulary = usePersonaVocabulary();
  const model = useMemo(() => buildConversationModel(bundle, vocabulary), [bundle, vocabulary]);
  const heading = useRef<HTMLHeadingElement>(null);
  const sticky = useRef<HTMLElement>(null);
  const labels = useMemo(() => new Map(core.features.map((f) => [f.name, f.label])), [core.features]);
  const labelOf = (name: string) => labels.get(name) ?? name.replace(/_/g, ' ');
  const perReply = useMemo(() => model.entryOfReply.map((e) => model.entries[e].analysis?.features ?? null), [model]);
  const shiftReplies = useMemo(() => model.cells.filter((c) => c.shift).map((c) => c.index), [model]);
  const c = bundle.conversation;

  // Opening a conversation moves focus to its title, so keyboard and screen-reader users start here.
  useEffect(() => {
    heading.current?.focus();
  }, []);

  /** Lands on the reply's header, just below the sticky strip. */
  function select(replyIndex: number) {
    setSelected(replyIndex);
    const el = document.getElementById(replyElementId(replyIndex));
    const stripHeight = sticky.current?.getBoundingClientRect().height ?? 0;
    document.documentElement.style.setProperty('--po-sticky-height', `${Math.ceil(stripHeight) + 8}px`);
    el?.scrollIntoView?.({ block: 'start' });
    el?.focus({ preventScroll: true });
  }

  // n / p: next / previous shift, from anywhere in the view except while typing.
  const selectRef = useRef(select);
  selectRef.current = select;
  const position = useRef<number | null>(selected);
  position.current = selected;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      const dir = e.key === 'n' ? 1 : e.key === 'p' ? -1 : 0;
      if (!dir) return;
      const to = nextShift(shiftReplies, position.current, dir);
      if (to === null) return;
      e.preventDefault();
      selectRef.current(to);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [shiftReplies]);

  function onAnnotated(turnKey: string, annotation: Annotation | null) {
    setBundle((b) => ({
      ...b,
      // Your own judgement is replaced; those imported from annotation tools stay.
      annotations: [...b.annotations.filter((a) => a.turnKey !== turnKey || a.origin !== undefined), ...(annotation ? [annotation] : [])],
    }));
  }

  async function remove() {
    try {
      await commands.deleteConversation(c.key);
      onDeleted();
    } catch (err) {
      setDeleteError(err);
    }
  }

  return (
    <div class="po-conversation">
      <div class="po-toolbar">
        {back}
        <span class="po-spacer" />
        <ExportButtons bundles={[bundle]} baseName={c.title || c.conversationId} compact />
        <ConfirmButton label="Delete conversation" question="Delete this conversation and its annotations for good?" confirmLabel="Delete" onConfirm={remove} />
      </div>
      {deleteError !== null && <ErrorBox title="Not deleted" error={deleteError} />}
      <header class="po-conv-head">
        <h2 ref={heading} tabIndex={-1}>
          {conversationTitle(c, bundle.turns.find((t) => t.role === 'user' && t.alternativeOf === null)?.text)}
        </h2>
        <p class="po-muted">
          <span class="po-tag">{siteName(c.site)}</span>{' '}
          {c.models.length
            ? c.models.map((m, i) => (
                <span key={m}>
                  {i > 0 && ', '}
                  <ModelName slug={m} />
                </span>
              ))
            : 'model not shown'}{' '}
          · {plural(c.assistantCount, 'reply', 'replies')} · {plural(c.shiftCount, 'shift')} · {formatDateTime(c.firstSeen)} – {formatDateTime(c.lastSeen)}
          {siteUrlOrNull(c.url, c.site) && (
            <>
              {' '}
              ·{' '}
              <a href={c.url!} target="_blank" rel="noopener noreferrer">
                open on site
              </a>
            </>
          )}
        </p>
      </header>
      <section ref={sticky} class="po-card po-sticky" aria-labelledby="po-timeline-h">
        <h3 id="po-timeline-h">Persona timeline</h3>
        <TimelineStrip cells={model.cells} selected={selected} onSelect={select} />
        <RouteStrip routes={model.routes} onSelect={select} />
        <p class="po-muted po-small po-keys">
          {shiftReplies.length > 0 ? (
            <>
              Keys: <kbd>n</kbd> / <kbd>p</kbd> next / previous shift ·{' '}
            </>
          ) : null}
          <kbd>←</kbd> <kbd>→</kbd> move along the strip · Enter opens the reply.
          {vocabulary
            ? ` Personas (P1, P2, …) are fitted on all ${vocabulary.replies.toLocaleString('en')} stored replies and mean the same in every conversation.`
            : ''}
        </p>
      </section>
      <section class="po-card" aria-labelledby="po-traces-h">
        <h3 id="po-traces-h">Feature traces</h3>
        <FeatureTraces features={core.features} perReply={perReply} analyses={bundle.analyses} shiftReplies={shiftReplies} onPick={select} />
      </section>
      <section aria-labelledby="po-transcript-h" class="po-transcript">
        <h3 id="po-transcript-h">Transcript</h3>
        {model.entries.length === 0 ? (
          <Empty title="No turns stored for this conversation" />
        ) : (
          model.entries.map((e) => (
            <TurnView key={e.turn.key} entry={e} selected={e.replyIndex !== null && e.replyIndex === selected} labelOf={labelOf} onAnnotated={onAnnotated} />
          ))
        )}
      </section>
    </div>
  );
}
