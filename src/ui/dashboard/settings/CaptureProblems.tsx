/**
 * Open tabs whose page was read as "layout not recognized", with the check that failed (the
 * shared checks of src/sites/checks.ts name themselves in the detail). Shown above the selector
 * overrides, which are the user's way around it until an adapter update.
 */
import { useServices } from '../../adapters/services.ts';
import { useAsync } from '../../components/use-async.ts';
import { failedCheckOf } from '../../../common/format.ts';

export function CaptureProblems() {
  const { commands } = useServices();
  const loaded = useAsync(() => commands.captureProblems(), [commands]);
  if (loaded.status !== 'data' || loaded.data.length === 0) return null;
  return (
    <div class="po-capture-problems" role="status">
      <p>
        <strong>Pages not recognized in open tabs</strong> (nothing is stored from them). Save a layout report from the popup on that page for an adapter bug
        report.
      </p>
      <ul>
        {loaded.data.map((p, i) => (
          <li key={`${p.site}-${i}`}>
            <strong>{p.site}</strong>:{' '}
            {failedCheckOf(p.detail) ? (
              <>
                failed check <code>{failedCheckOf(p.detail)}</code> —{' '}
              </>
            ) : null}
            <span class="po-muted">{p.detail ?? 'no detail'}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
