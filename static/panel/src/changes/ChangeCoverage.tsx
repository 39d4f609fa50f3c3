import type { TwoWayCoverage } from '../../../../src/domain/change/tracker-coverage';
import type { JobView } from '../../../../src/forge/resolvers/job-resolver';
import { describeJob } from '../jobs/job-client';
import type { Loaded } from '../use-resolver';
import { ErrorMessage } from '../ui/Message';
import { Lozenge } from '../ui/Lozenge';

/**
 * Coverage both ways against the record's tracker (`tracker`: Jira or Asana, as people name it):
 * promises with no ticket, tickets with no promise, and every exclusion with its reason.
 */
export function ChangeCoverage({
  coverage,
  tracker,
}: {
  coverage: Loaded<TwoWayCoverage> & { job: JobView | null };
  tracker: string;
}) {
  if (coverage.error)
    return <ErrorMessage title={`Coverage could not be read from ${tracker}`} error={coverage.error} />;
  const value = coverage.value;
  if (!value)
    return <p aria-busy="true">{coverage.job ? describeJob(coverage.job) : `Reading coverage from ${tracker}…`}</p>;
  return (
    <section aria-labelledby="two-way-title">
      <h3 id="two-way-title" className="heading-with-lozenge">
        Coverage both ways{' '}
        {value.complete ? (
          <Lozenge appearance="success">Complete</Lozenge>
        ) : (
          <Lozenge appearance="removed">Gaps</Lozenge>
        )}
      </h3>
      <div className="coverage-columns">
        <div>
          <h4>Planned, without a ticket</h4>
          {value.withoutTicket.length === 0 ? (
            <p className="subtle">Every planned item has its ticket.</p>
          ) : (
            <ul aria-label="Without a ticket">
              {value.withoutTicket.map((i) => (
                <li key={i.itemId}>
                  {i.summary} <span className="subtle">({i.kind})</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h4>Tickets without a promise</h4>
          {value.withoutPromise.length === 0 ? (
            <p className="subtle">Every ticket is accounted for.</p>
          ) : (
            <ul aria-label="Without a promise">
              {value.withoutPromise.map((t) => (
                <li key={t.key}>
                  <code>{t.key}</code>{' '}
                  {t.descoped ? (
                    <Lozenge appearance="removed">descoped by a change</Lozenge>
                  ) : (
                    <span className="subtle">nobody promised this</span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h4>Excluded</h4>
          {value.exclusions.length === 0 ? (
            <p className="subtle">Nothing excluded.</p>
          ) : (
            <ul aria-label="Exclusions">
              {value.exclusions.map((e) => (
                <li key={e.itemId}>
                  {e.title} <span className="subtle">— {e.reason}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
