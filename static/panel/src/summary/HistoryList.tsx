import type { HistoryEntry } from '../../../../src/forge/storage/storage';
import { useDates } from '../ui/dates';

/** Words for the actions; one the panel does not know yet reads as its name. */
const ACTIONS: Partial<Record<HistoryEntry['action'], string>> = {
  saved: 'Saved',
  'signed-off': 'Signed off',
  'provisioning-started': 'Provisioning started',
  provisioned: 'Provisioned',
  'provisioning-failed': 'Provisioning failed',
  'kickoff-not-yet': 'Kickoff: not yet',
  'change-proposed': 'Change proposed',
  'change-approved': 'Change approved',
  'change-rejected': 'Change rejected',
  'change-applied': 'Change applied',
  'change-refused': 'Change not applied',
  'owner-transferred': 'Owner transferred',
};

/**
 * What happened to the record, newest first: every save, sign-off and provisioning run. The
 * page gets only the newest entries (Forge storage answers are kept small); `total` says how many there are.
 */
export function HistoryList({ history, total }: { history: readonly HistoryEntry[]; total: number }) {
  const dates = useDates();
  if (history.length === 0) return <p className="subtle">Nothing yet.</p>;
  return (
    <>
      {total > history.length && (
        <p className="subtle">
          The newest {history.length} of {total} entries.
        </p>
      )}
      <table className="data-table" aria-label="Record history">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">What</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {[...history].reverse().map((h, i) => (
            <tr key={`${h.at}:${i}`}>
              <td className="nowrap">{dates.moment(h.at)}</td>
              <td className="nowrap">{ACTIONS[h.action] ?? h.action.replace(/-/g, ' ')}</td>
              <td>{h.summary}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
