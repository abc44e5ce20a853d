import { useMemo, useState } from 'preact/hooks';
import type { RouterReport } from '../../../core/router/types.ts';
import { useServices } from '../../adapters/services.ts';
import { useAsync } from '../../components/use-async.ts';
import { Empty, ErrorBox, Loading } from '../../components/Status.tsx';
import { Progress } from '../../components/Progress.tsx';
import { plural } from '../../../common/format.ts';
import { useOperation } from '../io/use-operation.ts';
import { ReportView } from './ReportView.tsx';
import { routerReportMarkdown } from '../../../core/router/markdown.ts';
import { downloadBlob } from '../../adapters/download.ts';

/** The report as a Markdown file: the same verdict lines, details and null hypotheses. */
function exportMarkdown(report: RouterReport | null): void {
  if (!report) return;
  const md = routerReportMarkdown(report, 'Router analysis — Persona Observatory');
  downloadBlob(new Blob([md], { type: 'text/markdown;charset=utf-8' }), `router-report-${new Date().toISOString().slice(0, 10)}.md`);
}

/**
 * The router view: runs analyzeRouter over the stored conversations on demand (it is the
 * heaviest computation in the product; the adapter runs it in a worker, so Cancel stops it)
 * and renders its report.
 */
export function RouterTab({ onOpen }: { onOpen(key: string): void }) {
  const { data, core } = useServices();
  const list = useAsync(() => data.listConversations(), [data]);
  const op = useOperation<RouterReport>();
  const [includeShared, setIncludeShared] = useState(false);
  const titles = useMemo(() => new Map(list.status === 'data' ? list.data.map((c) => [c.key, c.title?.trim() || c.conversationId]) : []), [list]);
  if (list.status === 'loading') return <Loading what="conversations" />;
  if (list.status === 'error') return <ErrorBox title="Could not read your conversations" error={list.error} onRetry={list.reload} />;
  if (list.data.length === 0) return <Empty title="Nothing to analyse yet">The router analysis needs stored conversations.</Empty>;
  // Shared pages are someone else's chats (any site can open one in a tab): out unless asked for.
  const shared = list.data.filter((c) => c.source === 'capture:shared').length;
  const keys = list.data.filter((c) => includeShared || c.source !== 'capture:shared').map((c) => c.key);

  function run() {
    void op.start(async (step, signal) => {
      const bundles = await data.getBundles(keys, (p) => step('Reading conversations', p), signal);
      step('Analysing in the background', { done: 0, total: null });
      return core.analyzeRouter(bundles, signal, (p) => step('Analysing in the background', p));
    });
  }

  return (
    <div class="po-router">
      <div class="po-card">
        <p>
          Does the assistant jump among a small, recurring repertoire of personas, and do the jumps follow what you wrote — or is it gradual drift, noise, or
          the site switching models? Every conclusion states its null hypothesis and how sure it is.
        </p>
        {shared > 0 && (
          <label class="po-muted">
            <input type="checkbox" checked={includeShared} onChange={(e) => setIncludeShared(e.currentTarget.checked)} /> Include{' '}
            {plural(shared, 'conversation')} captured from shared pages (someone else's chats)
          </label>
        )}
        <button type="button" class="po-btn po-btn-primary" disabled={op.state.kind === 'running' || keys.length === 0} onClick={run}>
          {op.state.kind === 'done' ? 'Run again' : `Analyse ${plural(keys.length, 'conversation')}`}
        </button>
        {op.state.kind === 'running' && <Progress label={op.state.label} done={op.state.progress.done} total={op.state.progress.total} onCancel={op.cancel} />}
        {op.state.kind === 'cancelled' && (
          <p class="po-muted" role="status">
            Analysis cancelled.
          </p>
        )}
        {op.state.kind === 'done' && (
          <button type="button" class="po-btn" onClick={() => exportMarkdown(op.state.kind === 'done' ? op.state.result : null)}>
            Export report (Markdown)
          </button>
        )}
      </div>
      {op.state.kind === 'error' && <ErrorBox title="The analysis failed" error={op.state.error} onRetry={run} />}
      {op.state.kind === 'done' && <ReportView report={op.state.result} titleOf={(id) => titles.get(id) ?? id} onOpen={onOpen} />}
    </div>
  );
}
