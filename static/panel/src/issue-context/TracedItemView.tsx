import type { IssueContextView, TracedLink } from '../../../../src/forge/resolvers/issue-context';
import { counted } from '../../../../src/domain/words';
import { router } from '@forge/bridge';
import { useDates } from '../ui/dates';
import { IssueLink } from '../ui/IssueLink';
import { Lozenge, type Appearance } from '../ui/Lozenge';
import { RecordLine } from './RecordLine';
import { CoverageNote } from './CoverageNote';

type ItemView = Extract<IssueContextView, { kind: 'item' }>;

const KIND_NAMES = {
  parent: 'Handoff',
  promise: 'Promise',
  dependency: 'Dependency',
  question: 'Question',
  risk: 'Risk',
} as const;

const OUTCOMES = {
  proposed: { text: 'Waiting for approval', appearance: 'inprogress' },
  approved: { text: 'Approved, being applied', appearance: 'inprogress' },
  rejected: { text: 'Rejected', appearance: 'removed' },
  applied: { text: 'Applied', appearance: 'success' },
  refused: { text: 'Not fully applied', appearance: 'moved' },
} as const satisfies Record<string, { text: string; appearance: Appearance }>;

/** What a provisioned issue stands for: the promise in the record's words, where it stands, and its trail. */
export function TracedItemView({ view, siteUrl }: { view: ItemView; siteUrl: string }) {
  const dates = useDates();
  const { item } = view;
  return (
    <>
      <header className="trace-header">
        <p className="trace-kind">
          <Lozenge>{KIND_NAMES[item.kind]}</Lozenge>
          {item.descoped && <Lozenge appearance="removed">Descoped</Lozenge>}
          {view.risk && (
            <Lozenge appearance="moved" bold>
              At risk
            </Lozenge>
          )}
        </p>
        <h2 className="trace-title">{item.title}</h2>
        {view.risk && <p className="trace-risk">At risk: {view.risk}.</p>}
        {item.descoped?.reason && <p className="subtle">Descoped: {item.descoped.reason}</p>}
      </header>
      {item.detail && <p>{item.detail}</p>}
      <dl className="trace-facts">
        <dt>Promised in</dt>
        <dd>
          {item.source ? (
            item.source.url ? (
              <a
                href={item.source.url}
                target="_blank"
                rel="noreferrer"
                onClick={(event) => {
                  event.preventDefault();
                  if (item.source?.url) void router.open(item.source.url);
                }}
              >
                {item.source.label}
              </a>
            ) : (
              item.source.label
            )
          ) : (
            <span className="subtle">The record names no source</span>
          )}
        </dd>
        <dt>Owner</dt>
        <dd>
          {item.owner.name ?? item.owner.email ?? 'Nobody'}
          {item.owner.email && item.owner.name && <span className="subtle"> · {item.owner.email}</span>}
        </dd>
        <dt>Due</dt>
        <dd>{item.due ? dates.day(item.due) : 'No date'}</dd>
        {item.group && (
          <>
            <dt>Group</dt>
            <dd>{item.group}</dd>
          </>
        )}
      </dl>
      <Links title="Waits on" links={view.blockedBy} siteUrl={siteUrl} />
      <Links title="Blocks" links={view.blocks} siteUrl={siteUrl} />
      <CoverageNote coverage={view.coverage} issueKey={view.issue.key} />
      {view.record && <RecordLine record={view.record} />}
      <section aria-label="Change requests">
        <h3 className="trace-heading">Change requests</h3>
        {view.changes.length === 0 ? (
          <p className="subtle">No change request has touched {view.issue.key}.</p>
        ) : (
          <ul className="trace-list">
            {view.changes.map((change) => {
              const outcome = change.outcome && OUTCOMES[change.outcome];
              return (
                <li key={change.key}>
                  <IssueLink siteUrl={siteUrl} issueKey={change.key} url={change.url} /> {change.summary}{' '}
                  <Lozenge appearance={outcome?.appearance ?? 'default'}>
                    {outcome?.text ?? change.state?.name ?? 'Unknown'}
                  </Lozenge>
                  {change.at && <span className="subtle"> {dates.moment(change.at)}</span>}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}

function Links({ title, links, siteUrl }: { title: string; links: TracedLink[]; siteUrl: string }) {
  const dates = useDates();
  if (links.length === 0) return null;
  return (
    <section aria-label={title}>
      <h3 className="trace-heading">
        {title} ({counted(links.length, 'issue')})
      </h3>
      <ul className="trace-list">
        {links.map((link) => (
          <li key={link.itemId}>
            {link.key ? <IssueLink siteUrl={siteUrl} issueKey={link.key} url={link.url ?? undefined} /> : null}{' '}
            {link.title}{' '}
            {link.state && <Lozenge appearance={link.state.done ? 'success' : 'inprogress'}>{link.state.name}</Lozenge>}
            {link.due && <span className="subtle"> due {dates.day(link.due)}</span>}
            {!link.key && <span className="subtle"> (no issue yet)</span>}
            {link.key && !link.linked && <span className="subtle"> (the Blocks link is missing in Jira)</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
