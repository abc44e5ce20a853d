import { useMemo, useState } from 'preact/hooks';
import type { Conversation } from '../../../core/model/types.ts';
import { conversationTitle, siteName } from '../../../core/vocabulary/titles.ts';
import { useServices } from '../../adapters/services.ts';
import { useAsync } from '../../components/use-async.ts';
import { ErrorBox, Loading } from '../../components/Status.tsx';
import { VirtualList } from '../../components/VirtualList.tsx';
import { applyQuery, EMPTY_QUERY } from '../list/query.ts';
import { ExportButtons } from './ExportButtons.tsx';
import { ImportPanel } from './ImportPanel.tsx';

export function ImportExportTab() {
  const { data } = useServices();
  const list = useAsync(() => data.listConversations(), [data]);
  return (
    <div class="po-io">
      <ImportPanel onImported={list.reload} />
      <section class="po-card" aria-labelledby="po-export-h">
        <h3 id="po-export-h">Export</h3>
        {list.status === 'loading' && <Loading what="conversations" />}
        {list.status === 'error' && <ErrorBox title="Could not read your conversations" error={list.error} onRetry={list.reload} />}
        {list.status === 'data' && <ExportChooser all={list.data} />}
      </section>
    </div>
  );
}

/** Everything, or a hand-picked selection (filtered by a search box). */
function ExportChooser({ all }: { all: Conversation[] }) {
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const shown = useMemo(() => applyQuery(all, { ...EMPTY_QUERY, text }), [all, text]);
  const allKeys = useMemo(() => all.map((c) => c.key), [all]);
  if (all.length === 0) return <p class="po-muted">Nothing to export yet.</p>;
  const toggle = (key: string, on: boolean) => {
    const next = new Set(picked);
    if (on) next.add(key);
    else next.delete(key);
    setPicked(next);
  };
  return (
    <div class="po-export-chooser">
      <div class="po-export-all">
        <strong>Everything</strong>
        <ExportButtons keys={allKeys} baseName="persona-observatory-all" />
      </div>
      <div class="po-export-some">
        <strong>A selection</strong>
        <div class="po-row-actions">
          <input
            class="po-input"
            type="search"
            aria-label="Filter conversations to export"
            placeholder="Filter…"
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <button type="button" class="po-btn po-btn-small" onClick={() => setPicked(new Set([...picked, ...shown.map((c) => c.key)]))}>
            Select all shown
          </button>
          <button type="button" class="po-btn po-btn-small" onClick={() => setPicked(new Set())}>
            Select none
          </button>
        </div>
        <VirtualList
          count={shown.length}
          rowHeight={36}
          label="Conversations to export"
          class="po-pick-scroll"
          renderRow={(i) => {
            const c = shown[i];
            return (
              <label class="po-check po-pick-row">
                <input type="checkbox" checked={picked.has(c.key)} onChange={(e) => toggle(c.key, e.currentTarget.checked)} /> {conversationTitle(c)}{' '}
                <span class="po-muted">· {siteName(c.site)}</span>
              </label>
            );
          }}
        />
        <ExportButtons keys={[...picked]} baseName="persona-observatory-selection" />
      </div>
    </div>
  );
}
