import type { Plan, PlanItem } from '../../../../src/domain/plan/plan-types';
import type { HandoffRecord } from '../../../../src/domain/record/record';
import type { Loaded } from '../use-resolver';
import { Lozenge } from '../ui/Lozenge';
import { ErrorMessage, Message } from '../ui/Message';
import { PromiseCoverage } from './PromiseCoverage';
import { IssueBadge } from '../provision/IssueBadge';
import type { ShownIssue } from '../provision/use-issue-statuses';
import { counted } from '../../../../src/domain/words';
import { useDates } from '../ui/dates';
import { useState } from 'react';
import type { Problem } from '../../../../src/domain/problem';
import { FilterBar } from '../filter/FilterBar';
import { NO_FILTER, isFiltering, ownersOf, shownCount, shownIndexes } from '../filter/item-filter';
import { kindLabel, planFacts } from '../filter/plan-facts';
import { usePeople } from '../people/use-people';
import { PersonName } from '../people/PersonName';

const PLURAL: Record<string, string> = { dependency: 'dependencies' };

type Props = {
  plan: Loaded<Plan>;
  record: HandoffRecord | null;
  dirty: boolean;
  /** Once provisioned: each plan item's issue and where it stands in Jira. */
  issues: { items: ReadonlyMap<string, ShownIssue>; siteUrl: string } | null;
  /** The shown gate's blockers, for the "only with blockers" filter. */
  blockers: readonly Problem[];
  /** The gate's day, ISO: what "overdue" is measured against. */
  today: string | null;
  onGoTo(path: string): void;
};

/**
 * Exactly what provisioning will create — the plan the engine applies,
 * from the `plan` resolver — and what became of each promise. A search and filters narrow the
 * rows; on a narrow page each row becomes a card of its own (styles.css), no column cut off.
 */
export function PlanPreview({ plan, record, dirty, issues, blockers, today, onGoTo }: Props) {
  const dates = useDates();
  const [filter, setFilter] = useState(NO_FILTER);
  const people = usePeople(plan.value?.items.flatMap((i) => (i.assignee ? [i.assignee] : [])) ?? []);
  if (!record && !plan.loading) return <p>The plan is built from the saved record: save a valid one first.</p>;
  if (plan.error) return <ErrorMessage title="The plan could not be built" error={plan.error} onGoTo={onGoTo} />;
  const value = plan.value;
  if (!value || !record) return <p aria-busy="true">Building the plan…</p>;
  const label = (itemId: string) => value.items.find((i) => i.itemId === itemId)?.summary ?? itemId;
  const counts = countBy(value.items.filter((i) => i.kind !== 'parent'));
  const facts = planFacts(
    value.items,
    blockers.map((b) => b.path),
    issues?.items ?? null,
  );
  const shown = shownIndexes(facts, filter, today).flatMap((i) => value.items[i] ?? []);

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
      <FilterBar
        id="filter:plan"
        what="planned issues"
        filter={filter}
        onChange={setFilter}
        owners={ownersOf(facts)}
        due
        excluded={false}
        kinds={[...new Set(facts.map((f) => f.kind))]}
        count={shownCount(shown.length, value.items.length, 'planned issue')}
      />
      <div className="table-scroll">
        <table className="data-table plan-table" aria-label="Planned issues">
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
            {shown.map((item) => (
              <tr key={item.itemId}>
                {issues && (
                  <td className="nowrap" data-label="Issue">
                    <IssueCell issue={issues.items.get(item.itemId)} siteUrl={issues.siteUrl} itemId={item.itemId} />
                  </td>
                )}
                <td className="plan-summary">
                  <button type="button" className="link-button" onClick={() => onGoTo(item.recordPath)}>
                    {item.summary}
                  </button>
                </td>
                <td data-label="Kind">
                  <Lozenge
                    appearance={item.kind === 'parent' ? 'new' : item.kind === 'dependency' ? 'moved' : 'default'}
                  >
                    {kindLabel(item.kind)}
                  </Lozenge>
                </td>
                <td data-label="Owner" className={item.assignee ? '' : 'cell-missing'}>
                  {item.assignee ? <PersonName email={item.assignee} people={people} /> : 'unassigned'}
                </td>
                <td data-label="Due" className={item.due ? 'nowrap' : 'cell-missing'}>
                  {item.due ? dates.day(item.due) : 'no date'}
                </td>
                <td data-label="Blocks">{item.blocks.map(label).join('; ')}</td>
                <td data-label="Group">{item.kind === 'parent' ? '' : item.group}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {isFiltering(filter) && shown.length === 0 && <p className="subtle">No planned issue matches the filters.</p>}
      </div>
      <PromiseCoverage record={record} plan={value} onGoTo={onGoTo} />
    </div>
  );
}

function IssueCell({ issue, siteUrl, itemId }: { issue: ShownIssue | undefined; siteUrl: string; itemId: string }) {
  if (!issue) return <span className="cell-missing">not created</span>;
  return <IssueBadge issue={issue} siteUrl={siteUrl} itemId={itemId} />;
}

function countBy(items: readonly PlanItem[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item.kind] = (counts[item.kind] ?? 0) + 1;
  return counts;
}
