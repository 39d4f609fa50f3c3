import { Button } from '../ui/Button';
import MarkdownIt from 'markdown-it';
import { useMemo, useState, type MouseEvent } from 'react';
import type { HandoffRecord } from '../../../../src/domain/record/record';
import { renderSummary, type SummaryIssue } from '../../../../src/domain/summary';
import type { ShownIssue } from '../provision/use-issue-statuses';
import { copyText } from './copy-text';
import { router } from '@forge/bridge';
import { usePeople } from '../people/use-people';
import { useItemUrl } from '../target/item-links';

/**
 * `html: false`: the record's text is shown as text — a `<script>` typed into a
 * title stays letters. Unsafe link schemes are refused by markdown-it's own check.
 */
const markdown = new MarkdownIt({ html: false, linkify: false });

type Props = {
  record: HandoffRecord;
  today: string;
  /** Once provisioned: each item's issue and status, which the tables name. */
  issues: { items: ReadonlyMap<string, ShownIssue>; siteUrl: string } | null;
  /** The plan's assignees (the page has the plan already): named with the record's people. */
  assignees: readonly string[];
};

/**
 * The five-minute summary: the same Markdown the CLI's `handoff summary` prints (the core's
 * `renderSummary`), rendered, with a button that copies the Markdown for an e-mail or a wiki.
 * Once provisioned, each promise, dependency, risk and question names its issue and status.
 */
export function SummaryView({ record, today, issues, assignees }: Props) {
  // Names from Jira where the summary names people; the e-mail until (or unless) Jira knows them.
  const emails = useMemo(
    () => [...assignees, ...Object.values(record.people ?? {}).flatMap((email) => email ?? [])],
    [record, assignees],
  );
  const people = usePeople(emails);
  const names = emails.map(people.nameOf).join('\n');
  // Each issue links where the record's target opens it: Jira's issue page, or the Asana task (or project).
  const itemUrl = useItemUrl(issues?.siteUrl ?? '');
  const text = useMemo(
    () => {
      const named = issues && summaryIssues(issues.items, itemUrl);
      const nameOf = (email: string) => people.personOf(email)?.displayName;
      return renderSummary(record, named ? { today, issues: named, nameOf } : { today, nameOf });
    },
    // `names` stands for what `people` knows: the summary is rendered again when a name arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [record, today, issues, names, itemUrl],
  );
  const html = useMemo(() => markdown.render(text), [text]);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);

  return (
    <div className="summary">
      <div className="summary-actions">
        <Button onClick={() => void copyText(text).then((ok) => setCopied(ok ? 'yes' : 'no'))}>Copy as Markdown</Button>
        <span role="status" className="subtle">
          {copied === 'yes'
            ? 'Copied.'
            : copied === 'no'
              ? 'The browser refused the clipboard; select the text and copy it.'
              : ''}
        </span>
      </div>
      {/* markdown-it escapes every HTML tag of the record (html: false), so this is text and tables only. */}
      {/* Inside Jira the frame may not navigate itself: a link (an issue) opens through the bridge. */}
      <article className="markdown" onClick={openThroughBridge} dangerouslySetInnerHTML={{ __html: html }} />
    </div>
  );
}

function summaryIssues(
  items: ReadonlyMap<string, ShownIssue>,
  itemUrl: (key: string, itemId: string) => string,
): Map<string, SummaryIssue> {
  return new Map(
    [...items].map(([itemId, issue]) => [
      itemId,
      { key: issue.key, url: itemUrl(issue.key, itemId), status: issue.status?.name ?? null },
    ]),
  );
}

function openThroughBridge(event: MouseEvent<HTMLElement>) {
  const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
  const href = link?.getAttribute('href');
  if (!href) return;
  event.preventDefault();
  void router.open(href);
}
