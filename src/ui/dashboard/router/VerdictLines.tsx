import type { VerdictLine } from '../../../core/router/types.ts';
import { formatEvidence } from '../../../core/router/questions.ts';
import { SmallPlot } from './SmallPlot.tsx';

const VERDICT_CLASS: Record<VerdictLine['verdict'], string> = { yes: 'po-verdict-yes', no: 'po-verdict-no', "can't tell": 'po-verdict-unsure' };

/** The readable report: one line per question — verdict word, answer, one number with its interval, a small plot; details fold out. */
export function VerdictLines({ lines }: { lines: readonly VerdictLine[] }) {
  return (
    <section class="po-card" aria-labelledby="po-r-answers">
      <h3 id="po-r-answers">Answers</h3>
      <ul class="po-verdicts">
        {lines.map((q) => (
          <li key={q.id} class="po-verdict-line" data-question={q.id}>
            <div class="po-verdict-head">
              <span class={`po-verdict ${VERDICT_CLASS[q.verdict]}`}>{q.verdict}</span>
              <span class="po-verdict-question">{q.question}</span>
            </div>
            <div class="po-verdict-body">
              <div>
                <p class="po-verdict-answer">{q.answer}</p>
                {q.evidence && (
                  <p class="po-muted po-verdict-evidence">
                    {formatEvidence(q.evidence)} <span class="po-muted">({q.evidence.interval})</span>
                  </p>
                )}
              </div>
              {q.plot && <SmallPlot plot={q.plot} />}
            </div>
            {(q.details.length > 0 || q.nullHypotheses.length > 0) && (
              <details class="po-verdict-details">
                <summary>Details and null hypotheses</summary>
                {q.details.map((d, i) => (
                  <p key={i}>{d}</p>
                ))}
                {q.nullHypotheses.length > 0 && (
                  <>
                    <h4>Null hypotheses</h4>
                    <ul>
                      {q.nullHypotheses.map((n, i) => (
                        <li key={i}>{n}</li>
                      ))}
                    </ul>
                  </>
                )}
              </details>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
