import type { RouterReport, TransitionsResult, RepertoireResult, TriggersResult } from '../../../core/router/types.ts';
import { routerPersonas } from '../../../core/router/personas.ts';
import type { PersonaVocabulary } from '../../../core/vocabulary/repertoire.ts';
import { StateChip } from '../../../common/StateChip.tsx';
import { LineChart } from '../../components/LineChart.tsx';
import { usePersonaVocabulary } from '../use-vocabulary.ts';
import { formatValue } from '../../../common/format.ts';
import { VerdictLines } from './VerdictLines.tsx';

interface Props {
  report: RouterReport;
  titleOf(conversationId: string): string;
  onOpen(conversationId: string): void;
}

const TIMELINE_ROWS = 200;

/** Renders a RouterReport as it comes from src/core/router: one verdict line per question, then the evidence folded away. */
export function ReportView({ report, titleOf, onOpen }: Props) {
  const { sizes } = report;
  return (
    <div class="po-router-report">
      <p class="po-muted">
        {sizes.conversationsUsed} of {sizes.conversations} conversations used · {sizes.replies} replies · {sizes.userTurns} user turns
      </p>
      <VerdictLines lines={report.questions} />
      {report.warnings.length > 0 && (
        <ul class="po-warnings" aria-label="Warnings">
          {report.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
      <details class="po-router-more">
        <summary>All the evidence: states, transitions, model fits, trigger tables, mirroring</summary>
        <Evidence report={report} titleOf={titleOf} onOpen={onOpen} />
      </details>
    </div>
  );
}

function Evidence({ report, titleOf, onOpen }: Props) {
  const vocabulary = usePersonaVocabulary();
  return (
    <>
      {report.repertoire && <Repertoire r={report.repertoire} vocabulary={vocabulary} titleOf={titleOf} onOpen={onOpen} />}
      {report.transitions && <Transitions t={report.transitions} />}
      {report.comparison && (
        <section class="po-card" aria-labelledby="po-r-cmp">
          <h3 id="po-r-cmp">Router or drift?</h3>
          <p>{report.comparison.conclusion}</p>
          <table class="po-table">
            <caption class="po-sr-only">Model fits by BIC (lower is better)</caption>
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">BIC</th>
                <th scope="col">ΔBIC</th>
                <th scope="col">Parameters</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {report.comparison.fits.map((f) => (
                <tr key={f.model} class={f.deltaBic === 0 ? 'po-best' : ''}>
                  <th scope="row">{f.model}</th>
                  <td>{formatValue(f.bic)}</td>
                  <td>{formatValue(f.deltaBic)}</td>
                  <td>{f.params}</td>
                  <td>{f.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {report.triggers && <Triggers t={report.triggers} id="po-r-trig" title="Do user cues trigger switches?" />}
      {report.siteSwitches && (
        <Triggers
          t={report.siteSwitches.triggers}
          id="po-r-trig-site"
          title={`Do user cues trigger the site's model switches? (${report.siteSwitches.switches} switches among ${report.siteSwitches.models.join(', ')})`}
        />
      )}
      <section class="po-card" aria-labelledby="po-r-model">
        <h3 id="po-r-model">Model switches by the site</h3>
        <p>{report.modelSwitch.conclusion}</p>
        {report.modelSwitch.available && (
          <p class="po-muted">
            Persona switches where the shown model changed: {report.modelSwitch.switchesWithModelChange} of {report.modelSwitch.pairsWithModelChange} reply
            pairs; where it stayed: {report.modelSwitch.switchesWithoutModelChange} of {report.modelSwitch.pairsWithoutModelChange}.
          </p>
        )}
      </section>
      <section class="po-card" aria-labelledby="po-r-mirror">
        <h3 id="po-r-mirror">Mirroring the user</h3>
        <p>{report.mirroring.conclusion}</p>
      </section>
    </>
  );
}

/**
 * The router's states on the global persona vocabulary: each state is named from its evidence in
 * the shared wording and listed with the personas (P1, P2, … as in the conversation view) its
 * replies belong to; the timeline is coloured by each reply's persona, so a colour means the same
 * persona here as on every other screen. Replies without a stored persona stay neutral.
 */
function Repertoire({
  r,
  vocabulary,
  titleOf,
  onOpen,
}: {
  r: RepertoireResult;
  vocabulary: PersonaVocabulary | null;
  titleOf(id: string): string;
  onOpen(id: string): void;
}) {
  const personas = vocabulary ? routerPersonas(r, vocabulary) : null;
  return (
    <section class="po-card" aria-labelledby="po-r-rep">
      <h3 id="po-r-rep">
        Repertoire: {r.chosenK} state{r.chosenK === 1 ? '' : 's'}
      </h3>
      <p>{r.conclusion}</p>
      <ul class="po-states">
        {r.states.map((s, i) => {
          const made = personas?.states[i];
          return (
            <li key={s.id}>
              <strong>
                State {s.id} · {s.name}
              </strong>{' '}
              <span class="po-muted">{Math.round(s.share * 100)}% of replies</span>
              {made && made.personas.length > 0 && (
                <>
                  {' '}
                  — your personas in it:{' '}
                  {made.personas.slice(0, 3).map((p) => (
                    <span key={p.persona.id}>
                      <StateChip state={p.persona.id} stateName={p.persona.name} persona={p.persona} /> {Math.round(p.share * 100)}%{' '}
                    </span>
                  ))}
                </>
              )}
              <div class="po-muted">{s.description}</div>
            </li>
          );
        })}
      </ul>
      <p class="po-muted">Number of states by BIC weight: {r.candidates.map((c) => `K=${c.k}: ${Math.round(c.weight * 100)}%`).join(' · ')}</p>
      <h4>Persona per reply, with the router state</h4>
      <div class="po-state-rows" role="list" aria-label="Persona and router state per reply, one row per conversation">
        {r.timeline.slice(0, TIMELINE_ROWS).map((row, c) => (
          <div key={row.conversationId} role="listitem" class="po-state-row">
            <button type="button" class="po-linkish" onClick={() => onOpen(row.conversationId)}>
              {titleOf(row.conversationId)}
            </button>
            <span class="po-state-cells" aria-label={`router states: ${row.states.join(' ')}`}>
              {row.states.map((s, i) => {
                const p = personas?.timeline[c][i] ?? null;
                const name = r.states.find((x) => x.id === s)?.name ?? '';
                return (
                  <span
                    key={i}
                    class={`po-state-cell ${p ? `po-s${p.rank % 8}` : 'po-tl-neutral'}`}
                    title={`reply ${i + 1}: ${p ? `${p.id} ${p.name}` : 'no stored persona'} · router state ${s} (${name})`}
                  />
                );
              })}
            </span>
          </div>
        ))}
      </div>
      {r.timeline.length > TIMELINE_ROWS && (
        <p class="po-muted">
          First {TIMELINE_ROWS} of {r.timeline.length} conversations shown.
        </p>
      )}
    </section>
  );
}

function Transitions({ t }: { t: TransitionsResult }) {
  return (
    <section class="po-card" aria-labelledby="po-r-tr">
      <h3 id="po-r-tr">Transitions</h3>
      <p>{t.conclusion}</p>
      <table class="po-table po-matrix">
        <caption>Share of moves from the row state to the column state (counts in brackets)</caption>
        <thead>
          <tr>
            <th scope="col">from \ to</th>
            {t.stateIds.map((s) => (
              <th key={s} scope="col">
                {s}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {t.stateIds.map((from, i) => (
            <tr key={from}>
              <th scope="row">{from}</th>
              {t.stateIds.map((to, j) => (
                <td key={to} style={{ '--po-heat': String(t.matrix[i][j]) }} class="po-heat">
                  {Math.round(t.matrix[i][j] * 100)}% <span class="po-muted">({t.counts[i][j]})</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="po-muted">
        {t.switches} switches in {t.replyPairs} reply pairs ({Math.round(t.switchRate * 100)}%). Mean dwell {formatValue(t.dwell.mean)} replies (median{' '}
        {formatValue(t.dwell.median)}).
        {t.recurrenceRate !== null && ` Recurrence ${Math.round(t.recurrenceRate * 100)}%.`}
        {t.cascadeRate !== null &&
          ` Cascades within ${t.cascadeWindow} replies: ${Math.round(t.cascadeRate * 100)}% (expected ${t.cascadeExpected === null ? '—' : `${Math.round(t.cascadeExpected * 100)}%`}).`}
      </p>
    </section>
  );
}

function Triggers({ t, id, title }: { t: TriggersResult; id: string; title: string }) {
  const lags = t.periTrigger[0]?.lags ?? [];
  return (
    <section class="po-card" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <p>{t.conclusion}</p>
      <table class="po-table">
        <caption class="po-sr-only">Trigger tests, circular-shift permutation, Holm-corrected</caption>
        <thead>
          <tr>
            <th scope="col">Cue</th>
            <th scope="col">Events</th>
            <th scope="col">Switch after cue</th>
            <th scope="col">Risk ratio</th>
            <th scope="col">p (Holm)</th>
            <th scope="col">Reading</th>
          </tr>
        </thead>
        <tbody>
          {t.tests.map((x) => (
            <tr key={x.cue} class={x.significant ? 'po-best' : ''}>
              <th scope="row">{x.cue}</th>
              <td>{x.cueEvents}</td>
              <td>{x.switchesAfterCue}</td>
              <td>{x.riskRatio === null ? '—' : formatValue(x.riskRatio)}</td>
              <td>{x.pHolm === null ? '—' : formatValue(x.pHolm)}</td>
              <td>{x.conclusion}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {lags.length > 0 && (
        <>
          <h4>Peri-trigger plot</h4>
          <LineChart
            x={lags}
            series={t.periTrigger.map((p) => ({ label: p.cue, values: p.switchRate }))}
            xLabel="Replies after the cue"
            yLabel="Share of replies that switch"
            markers={[0]}
            ariaLabel="Share of replies that switch persona at each lag from a user cue, one line per cue class"
          />
        </>
      )}
    </section>
  );
}
