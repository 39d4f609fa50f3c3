import { useEffect } from 'react';
import type { Plan } from '../../../../src/domain/plan/plan-types';
import type { RunOutcome } from '../../../../src/forge/queue/journal';
import { IssueLink } from '../ui/IssueLink';
import { Lozenge } from '../ui/Lozenge';
import { rescueFocus } from '../ui/focus-rescue';

type Props = { outcome: RunOutcome; plan: Plan | null; siteUrl: string };

/** Every item's outcome in plan order: created or already there (with its issue), or failed with Jira's reason. */
export function ProvisionResults({ outcome, plan, siteUrl }: Props) {
  const summaryOf = (itemId: string) => plan?.items.find((i) => i.itemId === itemId)?.summary ?? itemId;
  type Row = { itemId: string; key: string; state: 'created' | 'existing' };
  const rows = [
    ...outcome.created.map((i): Row => ({ ...i, state: 'created' })),
    ...outcome.existing.map((i): Row => ({ ...i, state: 'existing' })),
  ];
  const { links } = outcome;
  // A run's results arrive after its button gave up focus (disabled while it ran): they take it.
  const finished = `${outcome.created.length}:${outcome.existing.length}:${outcome.failed.length}`;
  useEffect(() => {
    const frame = requestAnimationFrame(() => rescueFocus(document.getElementById('results-title')));
    return () => cancelAnimationFrame(frame);
  }, [finished]);

  return (
    <section aria-labelledby="results-title" className="results">
      <h3 id="results-title" tabIndex={-1}>
        Results
      </h3>
      <p data-testid="results-summary">
        {outcome.created.length} created, {outcome.existing.length} already there, {outcome.failed.length} failed ·{' '}
        {links.created} link{links.created === 1 ? '' : 's'} created
        {links.existing ? `, ${links.existing} already there` : ''}
        {links.failed.length ? `, ${links.failed.length} failed` : ''}
      </p>
      <table className="data-table" aria-label="Provisioned issues">
        <thead>
          <tr>
            <th scope="col">Issue</th>
            <th scope="col">Item</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.itemId}>
              <td className="nowrap">
                <IssueLink siteUrl={siteUrl} issueKey={r.key} itemId={r.itemId} />
              </td>
              <td>{summaryOf(r.itemId)}</td>
              <td>
                <Lozenge appearance={r.state === 'created' ? 'success' : 'default'}>{r.state}</Lozenge>
              </td>
            </tr>
          ))}
          {outcome.failed.map((f) => (
            <tr key={f.itemId}>
              <td>—</td>
              <td>
                {summaryOf(f.itemId)}
                <p className="field-error">{f.error}</p>
              </td>
              <td>
                <Lozenge appearance="removed">failed</Lozenge>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {links.failed.length > 0 && (
        <ul className="problem-list">
          {links.failed.map((l) => (
            <li key={`${l.blocker}>${l.blocked}`}>
              {summaryOf(l.blocker)} → {summaryOf(l.blocked)}: {l.error}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
