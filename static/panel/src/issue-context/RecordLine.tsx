import type { RecordSummary } from '../../../../src/forge/resolvers/issue-context';
import { counted } from '../../../../src/domain/words';
import { useDates } from '../ui/dates';
import { Lozenge } from '../ui/Lozenge';

const RUNS = { running: 'being provisioned', done: 'provisioned', failed: 'provisioning stopped' } as const;

/** The handoff record the issue belongs to: its title, its gate, and where provisioning stands. */
export function RecordLine({ record }: { record: RecordSummary }) {
  const dates = useDates();
  return (
    <section aria-label="Handoff record">
      <h3 className="trace-heading">Handoff record</h3>
      <p>
        {record.title}{' '}
        {record.gate.decision === 'go' ? (
          <Lozenge appearance="success">Gate: go</Lozenge>
        ) : (
          <Lozenge appearance="moved">Gate: not yet, {counted(record.gate.blockers, 'blocker')}</Lozenge>
        )}
      </p>
      {record.run && (
        <p className="subtle">
          {RUNS[record.run.state]} (run started {dates.moment(record.run.startedAt)})
        </p>
      )}
    </section>
  );
}
