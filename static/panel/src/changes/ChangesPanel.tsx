import type { ComponentProps } from 'react';
import type { ChangeSummary } from '../../../../src/usecases/change/history';
import { IssueLink } from '../ui/IssueLink';
import { Lozenge, type Appearance } from '../ui/Lozenge';
import { ErrorMessage, Message } from '../ui/Message';
import { ChangeCoverage } from './ChangeCoverage';
import { ChangeHistoryTable } from './ChangeHistoryTable';
import { ChangeSetView } from './ChangeSetView';
import { PendingChange } from './PendingChange';
import { TransferOwner } from './TransferOwner';
import { ticketNoun } from '../../../../src/domain/words';
import { describeJob } from '../jobs/job-client';
import type { ChangesModel } from './use-changes';

const STATUS: Record<ChangeSummary['status'], Appearance> = {
  proposed: 'new',
  approved: 'inprogress',
  applied: 'success',
  rejected: 'removed',
};

type Props = {
  changes: ChangesModel;
  siteUrl: string;
  /** Where the record's items are, as people name it: Jira or Asana. */
  tracker: string;
  provisioned: boolean;
  /** For owner transfer: the saved record and how its fields follow (TransferOwner.tsx). */
  transfer: Omit<ComponentProps<typeof TransferOwner>, 'siteUrl' | 'ticket'>;
};

/**
 * Change control of the provisioned record: the change just proposed, every
 * change request with its decision, their history, and coverage both ways.
 */
export function ChangesPanel({ changes, siteUrl, tracker, provisioned, transfer }: Props) {
  const { proposal, history, failure, applying } = changes;
  if (!provisioned)
    return (
      <p>Once the record is provisioned, edits to it are proposed here as changes for the approval owner to approve.</p>
    );
  const requests = history.value?.changes ?? [];

  return (
    <div className="changes">
      {failure && <ErrorMessage title={failure.title} error={failure.error} />}
      {applying && (
        <Message kind="information" title={`Applying ${applying}…`}>
          <p aria-busy="true">Approved. The change is being applied in {tracker}; this updates when it is done.</p>
          {changes.reading && <p className="subtle">{describeJob(changes.reading)}</p>}
        </Message>
      )}
      {changes.gaveUp && (
        <Message kind="warning" title={`${changes.gaveUp} is not applied yet`}>
          <p>
            It is still waiting in the queue (another run may hold the project). Its status below updates when you come
            back.
          </p>
        </Message>
      )}
      {changes.unchanged && (
        <Message kind="information" title="Nothing to propose">
          <p>The draft plans the same as the saved record.</p>
        </Message>
      )}
      {proposal && (
        <section className="proposal" aria-labelledby="proposal-title">
          <h3 id="proposal-title">
            {proposal.kind === 'already-proposed' ? 'Already proposed as ' : 'Proposed as '}
            <IssueLink siteUrl={siteUrl} issueKey={proposal.key} url={proposal.url} />
          </h3>
          {/* A pending request shows its own diff below, read back from the tracker: said once. */}
          {!requests.some((c) => c.key === proposal.key && c.status === 'proposed') && (
            <ChangeSetView change={proposal.change} />
          )}
        </section>
      )}
      <section aria-labelledby="requests-title">
        <h3 id="requests-title">Change requests</h3>
        {history.error && (
          <ErrorMessage title={`The change requests could not be read from ${tracker}`} error={history.error} />
        )}
        {!history.value && !history.error && (
          <p aria-busy="true">{history.job ? describeJob(history.job) : 'Reading the change requests…'}</p>
        )}
        {history.value && requests.length === 0 && (
          <p className="subtle">No change proposed yet. Edit the record and choose Propose change.</p>
        )}
        {requests.length > 0 && (
          <ul className="change-requests" aria-label="Change requests">
            {requests.map((c) => (
              <li key={c.key} className="item-card">
                <div className="item-header">
                  <IssueLink siteUrl={siteUrl} issueKey={c.key} url={c.url} />
                  <h4>{c.summary}</h4>
                  <Lozenge appearance={STATUS[c.status]}>{c.status}</Lozenge>
                </div>
                <p className="subtle">Approval owner: {c.approvalOwner}</p>
                {c.status === 'proposed' && <PendingChange request={c} changes={changes} tracker={tracker} />}
              </li>
            ))}
          </ul>
        )}
      </section>
      {history.value && <ChangeHistoryTable events={history.value.events} siteUrl={siteUrl} />}
      <ChangeCoverage coverage={changes.coverage} tracker={tracker} />
      <TransferOwner {...transfer} siteUrl={siteUrl} ticket={ticketNoun(tracker === 'Asana' ? 'asana' : 'jira')} />
    </div>
  );
}
