import { Button } from '../ui/Button';
import MarkdownIt from 'markdown-it';
import { useMemo, useState } from 'react';
import type { HandoffRecord } from '../../../../src/domain/record/record';
import { renderSummary } from '../../../../src/domain/summary';
import { copyText } from './copy-text';
import { usePeople } from '../people/use-people';
import { buildPlan } from '../../../../src/domain/plan/plan';

/**
 * `html: false`: the record's text is shown as text — a `<script>` typed into a
 * title stays letters. Unsafe link schemes are refused by markdown-it's own check.
 */
const markdown = new MarkdownIt({ html: false, linkify: false });

/**
 * The five-minute summary: the same Markdown the CLI's `handoff summary` prints (the core's
 * `renderSummary`), rendered, with a button that copies the Markdown for an e-mail or a wiki.
 */
export function SummaryView({ record, today }: { record: HandoffRecord; today: string }) {
  // Names from Jira where the summary names people; the e-mail until (or unless) Jira knows them.
  const emails = useMemo(
    () => [
      ...buildPlan(record, { target: 'jira' }).items.flatMap((i) => i.assignee ?? []),
      ...Object.values(record.people ?? {}).flatMap((email) => email ?? []),
    ],
    [record],
  );
  const people = usePeople(emails);
  const names = emails.map(people.nameOf).join('\n');
  const text = useMemo(
    () => renderSummary(record, { today, nameOf: (email) => people.personOf(email)?.displayName }),
    // `names` stands for what `people` knows: the summary is rendered again when a name arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [record, today, names],
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
      <article className="markdown" dangerouslySetInnerHTML={{ __html: html }} />
    </div>
  );
}
