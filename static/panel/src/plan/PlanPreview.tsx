import type { Plan, PlanItem } from '../../../../src/domain/plan/plan-types';
import type { HandoffRecord } from '../../../../src/domain/record/record';
import type { Loaded } from '../use-resolver';
import { Lozenge } from '../ui/Lozenge';
import { ErrorMessage, Message } from '../ui/Message';
import { PromiseCoverage } from './PromiseCoverage';
import { IssueLink } from '../ui/IssueLink';
import { counted } from '../../../../src/domain/words';
import { useDates } from '../ui/dates';
import { usePeople } from '../people/use-people';
import { PersonName } from '../people/PersonName';

const PLURAL: Record<string, string> = { dependency: 'dependencies' };

type Props = {
  plan: Loaded<Plan>;
  record: HandoffRecord | null;
  dirty: boolean;
  /** Once provisioned: each plan item's issue. */
  issues: { keys: ReadonlyMap<string, string>; siteUrl: string } | null;
  onGoTo(path: string): void;
};

/**
 * Exactly what provisioning will create — the plan the engine applies,
 * from the `plan` resolver — and what became of each promise.
 */
export function PlanPreview({ plan, record, dirty, issues, onGoTo }: Props) {
  const dates = useDates();
  const people = usePeople(plan.value?.items.flatMap((i) => (i.assignee ? [i.assignee] : [])) ?? []);
  if (!record && !plan.loading) return <p>The plan is built from the saved record: save a valid one first.</p>;
  if (plan.error) return <ErrorMessage title="The plan could not be built" error={plan.error} onGoTo={onGoTo} />;
  const value = plan.value;
  if (!value || !record) return <p aria-busy="true">Building the plan…</p>;
  const label = (itemId: string) => value.items.find((i) => i.itemId === itemId)?.summary ?? itemId;
  const counts = countBy(value.items.filter((i) => i.kind !== 'parent'));

  return (
    <div className="plan-preview">
      {dirty && (
        <Message kind="information" title="This is the plan of the saved record">
          Save your changes to see them here.
        </Message>
      )}
      <p>
        <strong>{counted(value.items.length, 'issue')}</strong> in Jira: one Epic,{' '}
        {Object.entries(counts)
          .map(([kind, n]) => counted(n, kind, PLURAL[kind]))
          .join(', ')}
        .{value.exclusions.length > 0 && ` ${counted(value.exclusions.length, 'promise')} excluded.`}
      </p>
      <div className="table-scroll">
        <table className="data-table" aria-label="Planned issues">
          <thead>
            <tr>
              {issues && <th scope="col">Issue</th>}
              <th scope="col">Summary</th>
              <th scope="col">Kind</th>
              <th scope="col">Owner</th>
              <th scope="col">Due</th>
              <th scope="col">Blocks</th>
              <th scope="col">Group</th>
            </tr>
          </thead>
          <tbody>
            {value.items.map((item) => (
              <tr key={item.itemId}>
                {issues && (
                  <td className="nowrap">
                    {issues.keys.has(item.itemId) ? (
                      <IssueLink siteUrl={issues.siteUrl} issueKey={issues.keys.get(item.itemId) ?? ''} />
                    ) : (
                      <span className="cell-missing">not created</span>
                    )}
                  </td>
                )}
                <td>
                  <button type="button" className="link-button" onClick={() => onGoTo(item.recordPath)}>
                    {item.summary}
                  </button>
                </td>
                <td>
                  <Lozenge
                    appearance={item.kind === 'parent' ? 'new' : item.kind === 'dependency' ? 'moved' : 'default'}
                  >
                    {item.kind === 'parent' ? 'epic' : item.kind}
                  </Lozenge>
                </td>
                <td className={item.assignee ? '' : 'cell-missing'}>
                  {item.assignee ? <PersonName email={item.assignee} people={people} /> : 'unassigned'}
                </td>
                <td className={item.due ? 'nowrap' : 'cell-missing'}>{item.due ? dates.day(item.due) : 'no date'}</td>
                <td>{item.blocks.map(label).join('; ')}</td>
                <td>{item.kind === 'parent' ? '' : item.group}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <PromiseCoverage record={record} plan={value} onGoTo={onGoTo} />
    </div>
  );
}

function countBy(items: readonly PlanItem[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item.kind] = (counts[item.kind] ?? 0) + 1;
  return counts;
}
