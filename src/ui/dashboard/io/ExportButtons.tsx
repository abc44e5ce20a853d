import { useState } from 'preact/hooks';
import type { ConversationBundle } from '../../../core/model/types.ts';
import { useServices, type ExportFormat } from '../../adapters/services.ts';
import { downloadBlob } from '../../adapters/download.ts';
import { Progress } from '../../components/Progress.tsx';
import { ErrorBox } from '../../components/Status.tsx';
import { plural } from '../../../common/format.ts';
import { EXPORT_FORMATS, exportFileName } from './file-names.ts';
import { useOperation } from './use-operation.ts';

interface Props {
  /** Either bundles already in memory, or keys to read from the store first. */
  bundles?: ConversationBundle[];
  keys?: readonly string[];
  baseName: string;
  compact?: boolean;
}

/** Pick a format, export, download. Reading and writing both report progress and can be cancelled. */
export function ExportButtons({ bundles, keys, baseName, compact }: Props) {
  const { data, core } = useServices();
  const [format, setFormat] = useState<ExportFormat>('json');
  const op = useOperation<string>();
  const count = bundles?.length ?? keys?.length ?? 0;

  function run() {
    void op.start(async (step, signal) => {
      const source = bundles ?? (await data.getBundles(keys ?? [], (p) => step('Reading conversations', p), signal));
      const blob = await core.exportBundles(source, format, (p) => step('Writing export', p), signal);
      const name = exportFileName(baseName, format);
      downloadBlob(blob, name);
      return name;
    });
  }

  const running = op.state.kind === 'running';
  return (
    <div class={compact ? 'po-export po-export-compact' : 'po-export'}>
      <select class="po-select" aria-label="Export format" value={format} disabled={running} onChange={(e) => setFormat(e.currentTarget.value as ExportFormat)}>
        {EXPORT_FORMATS.map((f) => (
          <option key={f.key} value={f.key}>
            {f.label}
          </option>
        ))}
      </select>
      <button type="button" class="po-btn po-btn-primary" disabled={running || count === 0} onClick={run}>
        {compact ? 'Export' : `Export ${plural(count, 'conversation')}`}
      </button>
      {op.state.kind === 'running' && <Progress label={op.state.label} done={op.state.progress.done} total={op.state.progress.total} onCancel={op.cancel} />}
      {op.state.kind === 'done' && (
        <span class="po-saved" role="status">
          Downloaded {op.state.result}
        </span>
      )}
      {op.state.kind === 'cancelled' && (
        <span class="po-muted" role="status">
          Export cancelled
        </span>
      )}
      {op.state.kind === 'error' && <ErrorBox title="Export failed" error={op.state.error} />}
    </div>
  );
}
