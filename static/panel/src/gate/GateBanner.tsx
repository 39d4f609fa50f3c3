import type { GateView } from '../../../../src/forge/resolvers/resolvers';
import type { Loaded } from '../use-resolver';
import { Lozenge } from '../ui/Lozenge';
import { ErrorMessage } from '../ui/Message';
import { ProblemList } from '../ui/ProblemList';

type Props = { gate: Loaded<GateView>; hasRecord: boolean; dirty: boolean; onGoTo(path: string): void };

/**
 * The first thing the lead reads: GO or NOT YET for the saved record, how many blockers, and
 * each blocker as a link to the field that causes it. Warnings are one click further down.
 */
export function GateBanner({ gate, hasRecord, dirty, onGoTo }: Props) {
  if (!hasRecord) return null;
  if (gate.error) return <ErrorMessage title="The gate could not be checked" error={gate.error} onGoTo={onGoTo} />;
  const view = gate.value;
  if (!view)
    return (
      <section className="gate gate-loading" aria-busy="true">
        <p>Checking the gate…</p>
      </section>
    );
  const go = view.decision === 'go';

  return (
    <section
      className={`gate ${go ? 'gate-go' : 'gate-not-yet'}`}
      aria-labelledby="gate-title"
      aria-busy={gate.loading || undefined}
    >
      <div className="gate-head">
        <h2 id="gate-title" className="gate-title">
          <Lozenge appearance={go ? 'success' : 'removed'} bold>
            {go ? 'Go' : 'Not yet'}
          </Lozenge>
          <span data-testid="gate-summary">
            {go
              ? 'Ready to provision'
              : `${view.blockers.length} blocker${view.blockers.length === 1 ? '' : 's'} before go`}
          </span>
        </h2>
        <p className="subtle">
          As of {view.today} · {view.items} item{view.items === 1 ? '' : 's'} planned · {view.warnings.length} warning
          {view.warnings.length === 1 ? '' : 's'}
          {dirty && ' · for the saved record: save to check your changes'}
        </p>
      </div>
      {view.blockers.length > 0 && <ProblemList problems={view.blockers} onGoTo={onGoTo} />}
      {view.warnings.length > 0 && (
        <details className="gate-warnings">
          <summary>
            {view.warnings.length} warning{view.warnings.length === 1 ? '' : 's'} (they do not block go)
          </summary>
          <ProblemList problems={view.warnings} onGoTo={onGoTo} />
        </details>
      )}
    </section>
  );
}
