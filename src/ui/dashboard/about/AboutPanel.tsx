import { FROM_THE_PAGE, strengthMeaning } from '../../../core/vocabulary/judgements.ts';
import { useServices } from '../../adapters/services.ts';
import { formatValue } from '../../../common/format.ts';
import { userCalibrationSummary } from '../../../core/detect/user-calibration.ts';
import { useAsync } from '../../components/use-async.ts';

/**
 * "About the instrument": generated from the feature registry and the label vocabulary, so it
 * can never disagree with what the detector actually measures.
 */
export function AboutPanel() {
  const { core, data } = useServices();
  const userCurve = useAsync(() => data.getUserCalibration(), [data]);
  const families = [...new Set(core.features.map((f) => f.family))];
  return (
    <div class="po-about">
      <section class="po-card">
        <h3>How labels are made</h3>
        <p>
          Each assistant reply is turned into the numbers below, each minus what the user’s request predicts for it. A change-point detector looks for replies
          where several of them move together and stay moved, weighing most the combinations in which 122 language models, measured while it was built, differ
          from each other more than from themselves; the label names in words only moves that stand out from the replies’ own variation (their sizes shrunk
          toward zero, since segments are short), with how sure it is (strong, moderate or weak; calibrated on the models it was tuned on). Labels are
          heuristics about style, not claims about the model’s inner state: mark them “Confirmed shift” or “Not a shift” and your judgement is kept apart from
          the detector’s. Detector version <code>{core.detectorVersion}</code>; {core.features.length} features.
        </p>
        <p>
          A switch must also pass a test against the conversation itself: the replies on both sides are shuffled many times, and if shuffled orders often show
          as large a change, the switch is dropped as this conversation’s own variation.
        </p>
      </section>
      <section class="po-card" aria-labelledby="po-about-trust">
        <h3 id="po-about-trust">How far to trust a label</h3>
        <p>{core.trustSummary}</p>
        <p class="po-user-calibration">
          {userCurve.status === 'data'
            ? userCalibrationSummary(userCurve.data)
            : userCurve.status === 'error'
              ? 'Your confidence curve could not be read.'
              : ''}{' '}
          Mark labels “Confirmed shift” or “Not a shift” and confidence is refitted to your verdicts, pulled toward the shipped curve.
        </p>
        <p>That is why labels never show a percentage. They read:</p>
        <ul>
          {(['strong', 'moderate', 'weak'] as const).map((k) => (
            <li key={k}>{strengthMeaning(k)}</li>
          ))}
          <li>
            <em>{FROM_THE_PAGE}</em>: the site itself showed a different model for the reply. A fact, not an estimate.
          </li>
        </ul>
      </section>
      <section class="po-card" aria-labelledby="po-about-labels">
        <h3 id="po-about-labels">Label vocabulary</h3>
        {core.vocabulary.length === 0 ? (
          <p class="po-muted">The vocabulary is not available in this build.</p>
        ) : (
          <table class="po-table">
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col">Example</th>
                <th scope="col">Meaning</th>
              </tr>
            </thead>
            <tbody>
              {core.vocabulary.map((v) => (
                <tr key={v.kind + v.example}>
                  <th scope="row">{v.kind}</th>
                  <td>{v.example}</td>
                  <td>{v.meaning}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {families.map((fam) => (
        <section key={fam} class="po-card" aria-labelledby={`po-fam-${fam}`}>
          <h3 id={`po-fam-${fam}`}>Features: {fam}</h3>
          <dl class="po-features">
            {core.features
              .filter((f) => f.family === fam)
              .map((f) => (
                <div key={f.name} class="po-feature">
                  <dt>
                    <strong>{f.label}</strong> <code class="po-muted">{f.name}</code>
                  </dt>
                  <dd>
                    <p>{f.description}</p>
                    <p class="po-muted">
                      Unit: {f.unit || '—'} · typical range {formatValue(f.range[0])}–{formatValue(f.range[1])}
                      {f.englishOnly && ' · English only (n/a on other languages)'}
                    </p>
                    {f.failureCases.length > 0 && <p class="po-muted">Known to fail on: {f.failureCases.join('; ')}</p>}
                  </dd>
                </div>
              ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
