import { coverage } from '../../../../src/domain/plan/coverage';
import type { Plan } from '../../../../src/domain/plan/plan-types';
import type { HandoffRecord } from '../../../../src/domain/record/record';
import { Lozenge, type Appearance } from '../ui/Lozenge';
import { useDates } from '../ui/dates';

const LOOK: Record<string, Appearance> = {
  planned: 'success',
  excluded: 'default',
  unowned: 'removed',
  missing: 'removed',
};

/**
 * "Every commitment made in negotiation must map to a deliverable, owner, timeline, or
 * explicit exclusion": each promise with what became of it, computed by the core's `coverage`.
 */
export function PromiseCoverage({
  record,
  plan,
  onGoTo,
}: {
  record: HandoffRecord;
  plan: Plan;
  onGoTo(path: string): void;
}) {
  const dates = useDates();
  const { promises, complete } = coverage(record, plan);
  if (promises.length === 0) return null;
  return (
    <section aria-labelledby="coverage-title">
      <h3 id="coverage-title">
        Promise coverage{' '}
        {complete ? <Lozenge appearance="success">Complete</Lozenge> : <Lozenge appearance="removed">Gaps</Lozenge>}
      </h3>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Promise</th>
            <th scope="col">Status</th>
            <th scope="col">Owner, due or reason</th>
          </tr>
        </thead>
        <tbody>
          {promises.map((p) => (
            <tr key={p.promiseId}>
              <td>
                <button type="button" className="link-button" onClick={() => onGoTo(p.path)}>
                  {p.title}
                </button>
              </td>
              <td>
                <Lozenge appearance={LOOK[p.status] ?? 'default'}>{p.status}</Lozenge>
              </td>
              <td>
                {p.status === 'planned' && `${p.assignee} · ${p.due ? dates.day(p.due) : 'no date'}`}
                {p.status === 'excluded' && p.reason}
                {p.status === 'unowned' && `No ${p.missing.join(' and no ')}`}
                {p.status === 'missing' && 'Not in the plan'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
