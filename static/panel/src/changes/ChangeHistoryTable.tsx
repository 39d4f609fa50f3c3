import type { ChangeEvent } from '../../../../src/usecases/change/history';
import { IssueLink } from '../ui/IssueLink';
import { useDates } from '../ui/dates';

/**
 * Every proposal, approval, rejection and application, oldest
 * first, with who and when: read from the change requests in Jira.
 */
export function ChangeHistoryTable({ events, siteUrl }: { events: readonly ChangeEvent[]; siteUrl: string }) {
  const dates = useDates();
  return (
    <section aria-labelledby="change-history-title">
      <h3 id="change-history-title">Change history</h3>
      {events.length === 0 ? (
        <p className="subtle">Nothing yet.</p>
      ) : (
        <table className="data-table" aria-label="Change history">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">Who</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={`${e.key}:${e.action}:${e.at}`}>
                <td className="nowrap">{dates.moment(e.at)}</td>
                <td className="nowrap">{e.action}</td>
                <td>{e.by}</td>
                <td>
                  <IssueLink siteUrl={siteUrl} issueKey={e.key} url={e.url} /> {e.summary}
                  {e.reason && <span className="subtle"> — {e.reason}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
