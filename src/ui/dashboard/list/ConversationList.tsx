import { useMemo } from 'preact/hooks';
import type { Conversation, SiteId } from '../../../core/model/types.ts';
import { useServices } from '../../adapters/services.ts';
import { useAsync } from '../../components/use-async.ts';
import { VirtualList } from '../../components/VirtualList.tsx';
import { Empty, ErrorBox, Loading } from '../../components/Status.tsx';
import { ModelName } from '../../../common/ModelName.tsx';
import { conversationTitle, siteName } from '../../../core/vocabulary/titles.ts';
import { readableModel } from '../../../core/vocabulary/model-names.ts';
import { formatDate, plural } from '../../../common/format.ts';
import { applyQuery, facets, EMPTY_QUERY, type ListQuery, type SortKey } from './query.ts';
import { useTextSearch, type TextSearchState } from './use-text-search.ts';

interface Props {
  query: ListQuery;
  onQuery(q: ListQuery): void;
  onOpen(conversationKey: string): void;
}

const ROW_HEIGHT = 60;

const SORTS: { key: SortKey; label: string }[] = [
  { key: 'relevance', label: 'Best match' },
  { key: 'lastSeen', label: 'Last active' },
  { key: 'firstSeen', label: 'First seen' },
  { key: 'shifts', label: 'Shifts' },
  { key: 'turns', label: 'Turns' },
  { key: 'title', label: 'Title' },
];

/** Loads every conversation record once, then filters in memory. */
export function ConversationList(props: Props) {
  const { data } = useServices();
  const result = useAsync(() => data.listConversations(), [data]);
  if (result.status === 'loading') return <Loading what="conversations" />;
  if (result.status === 'error') return <ErrorBox title="Could not read your conversations" error={result.error} onRetry={result.reload} />;
  if (result.data.length === 0) {
    return (
      <Empty title="No conversations yet">
        <p>Chat on a supported site with capture on, or bring your history in.</p>
        <div class="po-row-actions">
          <a class="po-btn po-btn-primary" href="#/welcome">
            See the demo conversation
          </a>
          <a class="po-btn" href="#/io">
            Import your chats
          </a>
        </div>
      </Empty>
    );
  }
  return <FilteredList {...props} all={result.data} />;
}

function FilteredList({ all, query, onQuery, onOpen }: Props & { all: Conversation[] }) {
  const { data } = useServices();
  const search = useTextSearch(data, query.text);
  const snippets = search.status === 'done' ? search.matches : null;
  const textKeys = useMemo(() => (snippets ? new Set(snippets.keys()) : undefined), [snippets]);
  const ranked = search.status === 'done' && search.ranked;
  const rank = useMemo(() => (snippets && ranked ? new Map([...snippets.keys()].map((k, i) => [k, i])) : undefined), [snippets, ranked]);
  const shown = useMemo(() => applyQuery(all, query, textKeys, rank), [all, query, textKeys, rank]);
  const { sites, models } = useMemo(() => facets(all), [all]);
  const set = <K extends keyof ListQuery>(k: K, v: ListQuery[K]) => onQuery({ ...query, [k]: v });
  return (
    <div class="po-list">
      <form class="po-filters" role="search" aria-label="Filter conversations" onSubmit={(e) => e.preventDefault()}>
        <input
          class="po-input po-search"
          type="search"
          placeholder="Search titles, models, transcripts…"
          aria-label="Search conversations"
          value={query.text}
          onInput={(e) => set('text', e.currentTarget.value)}
        />
        <select class="po-select" aria-label="Site" value={query.site} onChange={(e) => set('site', e.currentTarget.value as SiteId | '')}>
          <option value="">All sites</option>
          {sites.map((s) => (
            <option key={s} value={s}>
              {siteName(s)}
            </option>
          ))}
        </select>
        <select class="po-select" aria-label="Model" value={query.model} onChange={(e) => set('model', e.currentTarget.value)}>
          <option value="">All models</option>
          {models.map((m) => (
            <option key={m} value={m} title={m}>
              {readableModel(m)}
              {readableModel(m) === m ? '' : ` (${m})`}
            </option>
          ))}
        </select>
        <label class="po-field">
          From <input class="po-input" type="date" value={query.from} onInput={(e) => set('from', e.currentTarget.value)} />
        </label>
        <label class="po-field">
          To <input class="po-input" type="date" value={query.to} onInput={(e) => set('to', e.currentTarget.value)} />
        </label>
        <label class="po-check">
          <input type="checkbox" checked={query.hasShifts} onChange={(e) => set('hasShifts', e.currentTarget.checked)} /> Has shifts
        </label>
        <label class="po-check">
          <input type="checkbox" checked={query.hasAnnotations} onChange={(e) => set('hasAnnotations', e.currentTarget.checked)} /> Has my annotations
        </label>
        <select class="po-select" aria-label="Sort by" value={query.sort} onChange={(e) => set('sort', e.currentTarget.value as SortKey)}>
          {SORTS.map((s) => (
            <option key={s.key} value={s.key}>
              Sort: {s.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          class="po-btn"
          aria-label={query.descending ? 'Sorted descending; switch to ascending' : 'Sorted ascending; switch to descending'}
          onClick={() => set('descending', !query.descending)}
        >
          {query.descending ? '↓' : '↑'}
        </button>
        <button type="button" class="po-btn" onClick={() => onQuery(EMPTY_QUERY)}>
          Reset
        </button>
      </form>
      <p class="po-muted" role="status" aria-live="polite">
        {shown.length === all.length ? plural(all.length, 'conversation') : `${shown.length.toLocaleString('en')} of ${plural(all.length, 'conversation')}`}
        <TextSearchStatus state={search} />
      </p>
      {shown.length === 0 ? (
        <Empty title="Nothing matches these filters">
          <button type="button" class="po-btn" onClick={() => onQuery(EMPTY_QUERY)}>
            Clear filters
          </button>
        </Empty>
      ) : (
        <VirtualList
          count={shown.length}
          rowHeight={ROW_HEIGHT}
          label="Conversations"
          class="po-list-scroll"
          renderRow={(i) => <ConversationRow c={shown[i]} snippet={snippets?.get(shown[i].key) ?? null} onOpen={onOpen} />}
        />
      )}
    </div>
  );
}

/** What the transcript search is doing, after the count line. */
function TextSearchStatus({ state }: { state: TextSearchState }) {
  switch (state.status) {
    case 'searching':
      return (
        <span>
          {' '}
          · searching transcripts{state.total ? ` ${Math.round((100 * state.done) / state.total)}%` : '…'}{' '}
          <button type="button" class="po-btn po-btn-small" onClick={state.cancel}>
            Stop
          </button>
        </span>
      );
    case 'done':
      return (
        <span>
          {' '}
          · {plural(state.matches.size, 'conversation')} match in their text{state.complete ? '' : ' (first matches only)'}
        </span>
      );
    case 'cancelled':
      return <span> · transcript search stopped (titles and models only)</span>;
    case 'error':
      return <span> · transcript search failed: {state.error instanceof Error ? state.error.message : String(state.error)}</span>;
    default:
      return null;
  }
}

function ConversationRow({ c, snippet, onOpen }: { c: Conversation; snippet: string | null; onOpen(key: string): void }) {
  const title = conversationTitle(c);
  return (
    // No aria-label: the row's own text is its accessible name, so what a speech-input user reads
    // on screen is what they can say (WCAG 2.5.3 label-in-name).
    <button type="button" class="po-row" onClick={() => onOpen(c.key)}>
      <span class="po-row-main">
        <span class="po-row-title">{title}</span>
        <span class="po-row-meta po-muted">
          <span class="po-tag">{siteName(c.site)}</span>
          {/* A transcript match shows where the words are instead of the models (rows have a fixed height). */}
          {snippet ? (
            <span class="po-row-snippet">“{snippet}”</span>
          ) : (
            c.models.slice(0, 3).map((m) => <ModelName key={m} slug={m} class="po-tag po-tag-model" />)
          )}
          {!snippet && c.models.length > 3 && <span>+{c.models.length - 3}</span>}
        </span>
      </span>
      <span class="po-row-stats">
        <span class={c.shiftCount > 0 ? 'po-stat po-stat-shift' : 'po-stat'}>{plural(c.shiftCount, 'shift')}</span>
        <span class="po-stat">{plural(c.assistantCount, 'reply', 'replies')}</span>
        {c.annotationCount > 0 && (
          <span class="po-stat po-stat-annot" title="Your annotations">
            <span aria-hidden="true">✎ </span>
            {c.annotationCount}
            <span class="po-sr-only"> annotated</span>
          </span>
        )}
        <span class="po-stat po-muted">
          <span class="po-sr-only">last active </span>
          {formatDate(c.lastSeen)}
        </span>
      </span>
    </button>
  );
}
