import { useRef, useState } from 'react';
import { stringify } from 'yaml';
import * as api from '../api';
import type { DraftView, InboxEntry } from '../../../../src/forge/intake/intake-resolvers';
import type { ResolverError } from '../../../../src/forge/errors';
import { counted } from '../../../../src/domain/words';
import { Button } from '../ui/Button';
import { useDates } from '../ui/dates';
import { rescueFocus } from '../ui/focus-rescue';
import { ErrorMessage, Message } from '../ui/Message';
import { ProblemList } from '../ui/ProblemList';
import { useResolver } from '../use-resolver';

const CRM = { hubspot: 'HubSpot', salesforce: 'Salesforce' } as const;

/**
 * Drafts the CRMs started, waiting for a lead: each names its deal and how much it still lacks;
 * opened, it shows every value beside where it came from. "Complete it" puts the draft in the
 * editor below, where the ordinary gate applies; nothing is provisioned from the inbox.
 */
export function Inbox({ onComplete }: { onComplete: (text: string) => void }) {
  const inbox = useResolver(api.intakeInbox, 'inbox');
  const [opened, setOpened] = useState<DraftView | null>(null);
  const [error, setError] = useState<ResolverError | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const dates = useDates();
  const drafts = inbox.value?.drafts ?? [];
  const warnings = inbox.value?.warnings ?? [];
  if (drafts.length === 0 && warnings.length === 0) return null;

  async function open(entry: InboxEntry) {
    const answer = await api.openDraft(entry.recordId);
    if (answer.ok) setOpened(answer.value);
    else setError(answer.error);
    rescueFocus(heading.current);
  }
  async function dismiss(recordId: string) {
    const answer = await api.dismissDraft(recordId);
    if (!answer.ok) return setError(answer.error);
    setOpened(null);
    await inbox.refresh();
    rescueFocus(heading.current);
  }

  return (
    <section className="intake-inbox" aria-labelledby="intake-inbox-title">
      <h2 id="intake-inbox-title" ref={heading} tabIndex={-1}>
        Inbox: {counted(drafts.length, 'draft')} from the CRM
      </h2>
      {warnings.map((w) => (
        <Message key={w} kind="warning" title="A mapped CRM field keeps arriving empty">
          <p>{w}</p>
        </Message>
      ))}
      {error && <ErrorMessage title="The inbox could not do that" error={error} />}
      <ul className="intake-list">
        {drafts.map((d) => (
          <li key={d.recordId}>
            <Button
              appearance="subtle"
              onClick={() => void open(d)}
              aria-expanded={opened?.entry.recordId === d.recordId}
            >
              {d.title}
            </Button>
            <span className="subtle">
              {CRM[d.crm]}
              {d.kind === 'upsell' ? ' upsell' : ''} deal {d.dealId}, received {dates.moment(d.receivedAt)} ·{' '}
              {d.blockers === 0 ? 'nothing missing' : `${counted(d.blockers, 'blocker')}`}
              {d.unrouted && ' · claimed by no project: save a mapping for its stage in the project settings'}
            </span>
            {d.linkNotWritten && <span className="intake-link-note">Link not written back: {d.linkNotWritten}</span>}
          </li>
        ))}
      </ul>
      {opened && (
        <article className="intake-draft" aria-label={`Draft ${opened.entry.title}`}>
          <h3>What came from where</h3>
          <table className="intake-origins">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">From</th>
              </tr>
            </thead>
            <tbody>
              {opened.origins.map((o) => (
                <tr key={o.path}>
                  <td>
                    <code>{o.path}</code>
                  </td>
                  <td>{o.from}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {opened.entry.dealUrl && (
            <p>
              <a href={opened.entry.dealUrl} target="_blank" rel="noreferrer">
                Open the deal in {CRM[opened.entry.crm]}
              </a>
            </p>
          )}
          <h3>{counted(opened.blockers.length, 'blocker')} before go</h3>
          <ProblemList problems={opened.blockers} record={opened.record} limit={20} />
          <div className="intake-actions">
            <Button appearance="primary" onClick={() => onComplete(stringify(opened.record, { lineWidth: 0 }))}>
              Complete it in the editor
            </Button>
            <Button onClick={() => void dismiss(opened.entry.recordId)}>Remove from the inbox</Button>
          </div>
        </article>
      )}
    </section>
  );
}
