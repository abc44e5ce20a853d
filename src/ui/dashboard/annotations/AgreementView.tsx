import type { AgreementReport, AgreementRow } from '../../../core/agreement.ts';
import { useServices } from '../../adapters/services.ts';
import { Empty, ErrorBox, Loading } from '../../components/Status.tsx';
import { useAsync } from '../../components/use-async.ts';
import { plural } from '../../../common/format.ts';

/**
 * How often the detector agreed with people's verdicts (yours in the extension, and those
 * imported from Label Studio / Argilla): per label kind, per site, per source, with counts and
 * a 95% interval. Reads only the conversations that have annotations.
 */
export function AgreementView() {
  const { data, core } = useServices();
  const report = useAsync(async () => {
    const annotated = (await data.listConversations()).filter((c) => c.annotationCount > 0).map((c) => c.key);
    const bundles = await data.getBundles(annotated, () => {}, new AbortController().signal);
    return core.agreement(bundles);
  }, [data, core]);
  return (
    <section class="po-card" aria-labelledby="po-agree-h">
      <h3 id="po-agree-h">Agreement: does the detector agree with you?</h3>
      <p class="po-muted">
        Every verdict counts once: a confirm is agreement; a reject or a relabel is not. Notes are not verdicts. The interval is a 95% Wilson interval: with few
        verdicts it is wide, and the rate says little.
      </p>
      {report.status === 'loading' && <Loading what="your annotations" />}
      {report.status === 'error' && <ErrorBox title="Could not read your annotations" error={report.error} onRetry={report.reload} />}
      {report.status === 'data' && <ReportTables report={report.data} />}
    </section>
  );
}

function ReportTables({ report }: { report: AgreementReport }) {
  if (report.overall.judged === 0) {
    return (
      <Empty title="No verdicts yet">
        Confirm, reject or relabel replies (in the page or in a conversation here), or import annotations from Label Studio or Argilla.
        {report.unlabelled > 0 && ` ${plural(report.unlabelled, 'verdict')} on replies without labels could not be compared.`}
      </Empty>
    );
  }
  return (
    <div class="po-agreement">
      <p role="status">
        Overall: the detector agreed with <strong>{report.overall.confirmed}</strong> of {plural(report.overall.judged, 'verdict')} ({rate(report.overall)}).
        {report.unlabelled > 0 && ` ${plural(report.unlabelled, 'verdict')} on replies without labels are not counted.`}
      </p>
      <AgreementTable caption="Per label kind the detector gave" head="Label kind" rows={report.byKind} />
      <AgreementTable caption="Per site" head="Site" rows={report.bySite} />
      <AgreementTable caption="Per source of the verdict" head="Source" rows={report.bySource} />
    </div>
  );
}

function AgreementTable({ caption, head, rows }: { caption: string; head: string; rows: AgreementRow[] }) {
  return (
    <table class="po-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col">Confirmed</th>
          <th scope="col">Rejected</th>
          <th scope="col">Relabelled</th>
          <th scope="col">Agreement (95% interval)</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.key}</th>
            <td>{r.confirmed}</td>
            <td>{r.rejected}</td>
            <td>{r.relabelled}</td>
            <td>{rate(r)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function rate(r: AgreementRow): string {
  if (r.agreement === null || r.interval === null) return '—';
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  return `${pct(r.agreement)} (${pct(r.interval[0])}–${pct(r.interval[1])}) of ${r.judged}`;
}
