import { markdownTable } from 'markdown-table';
import type { HandoffRecord } from './record/record';
import { evaluateGate } from './gate/gate';
import { buildPlan } from './plan/plan';
import { itemIdOf } from './plan/plan-items';
import { coverage } from './plan/coverage';
import { ownerEmail } from './record/people';
import { resolveTimeline } from './dates/timeline';
import { formatIsoDay } from './dates/calendar';
import { counted } from './words';

/** A provisioned item's issue as the tracker has it: its key, its page, and its status once known. */
export type SummaryIssue = { key: string; url: string; status: string | null };

export type SummaryOptions = {
  today: string;
  /** Once provisioned, each item's issue by item id: the tables name it. The core reads no tracker: it is given. */
  issues?: ReadonlyMap<string, SummaryIssue>;
  /** A person's name for their e-mail, where the reader knows it (the panel, from Jira); else the e-mail. */
  nameOf?: (email: string) => string | undefined;
};

/**
 * The five-minute summary: "if a new delivery lead cannot read the handoff record and explain
 * the project clearly in five minutes, the handoff is probably not complete." One Markdown
 * page, in the order a lead would explain the project.
 */
export function renderSummary(record: HandoffRecord, options: SummaryOptions): string {
  const gate = evaluateGate(record, { today: options.today });
  const plan = buildPlan(record, { target: 'jira' });
  const { timeline } = resolveTimeline(record);
  const dayOf = (anchor: string) => {
    const d = timeline.anchors.get(anchor);
    return d == null ? '—' : formatIsoDay(d);
  };
  const dueOf = (itemId: string) => plan.items.find((i) => i.itemId === itemId)?.due ?? '—';
  const person = (email: string) => options.nameOf?.(email) ?? email;
  const who = (ref: string | undefined) => {
    const email = ownerEmail(record, ref);
    return email ? person(email) : ref ? `${ref} (unfilled)` : '—';
  };
  const { customer, deal, outcome, scope } = record;
  const rid = record.id;
  // Each tracked table gains an Issue column once there are issues to name.
  const issues = options.issues;
  const withIssue = (header: string[], rows: [string, Cell[]][]) =>
    issues
      ? table(
          [...header, 'Issue'],
          rows.map(([itemId, row]) => [...row, issueCell(issues.get(itemId))]),
        )
      : table(
          header,
          rows.map(([, row]) => row),
        );

  const sections: (string | number | false | undefined)[] = [
    `# ${md(record.title).replace(/\s*\n\s*/g, ' ')}`,
    `**${gate.decision === 'go' ? 'GO' : 'NOT YET'}** as of ${options.today} — ` +
      `${counted(gate.blockers.length, 'blocker')}, ${counted(gate.warnings.length, 'warning')}. Scenario: ` +
      `${record.scenario}${record.implementationModel ? `, ${record.implementationModel}` : ''}.`,
    section('Customer', [
      md(
        `${customer.company}${customer.timeZone ? ` · ${customer.timeZone}` : ''}` +
          `${customer.channel ? ` · ${customer.channel}` : ''}`,
      ),
      customer.contacts?.length &&
        table(
          ['Contact', 'Roles', 'E-mail'],
          customer.contacts.map((c) => [c.name, c.roles.join(', '), c.email]),
        ),
    ]),
    deal &&
      section('What they bought', [
        bullets(deal.purchased),
        `Contract from ${deal.contract.start}` +
          `${deal.contract.termMonths ? ` for ${deal.contract.termMonths} months` : ''}` +
          `${deal.contract.end ? ` to ${deal.contract.end}` : ''}.`,
        deal.serviceLevel && `Service level: ${md(deal.serviceLevel)}.`,
        deal.commercialNotes && `Commercial notes: ${md(deal.commercialNotes)}`,
        deal.billingTriggers?.length &&
          `Billing: ` +
            `${md(deal.billingTriggers.map((b) => `${b.share ?? b.amount ?? ''} at ${b.event}`.trim()).join('; '))}.`,
        deal.documents?.length &&
          `Documents: ${deal.documents.map((d) => `[${md(d.title ?? d.kind)}](${destination(d.url)})`).join(', ')}.`,
      ]),
    outcome &&
      section('Why they bought', [
        md(outcome.why),
        outcome.whyNow && `Why now: ${md(outcome.whyNow)}`,
        outcome.successMeasures?.length && `Success looks like:\n${bullets(outcome.successMeasures)}`,
      ]),
    scope &&
      section('Scope', [
        scope.included?.length && `In:\n${bullets(scope.included)}`,
        scope.excluded?.length && `Out:\n${bullets(scope.excluded)}`,
        scope.changeControl?.length && `Needs a change request:\n${bullets(scope.changeControl)}`,
      ]),
    section('Timeline', [
      table(
        ['When', 'Date'],
        [
          ['Contract start', dayOf('contractStart')],
          ['Kickoff', dayOf('kickoff')],
          ...(record.timeline?.milestones ?? []).map((m) => [`Milestone: ${m.name}`, dayOf(m.id)]),
          ['Go-live', dayOf('goLive')],
        ],
      ),
      record.timeline?.blackouts?.length &&
        `Blackouts: ` +
          record.timeline.blackouts
            .map((b) => `${b.from} – ${b.to}${b.reason ? ` (${md(b.reason)})` : ''}`)
            .join('; ') +
          '.',
    ]),
    record.people &&
      section('Who owns what', [
        table(
          ['Role', 'Person'],
          Object.entries(record.people).flatMap(([role, email]) => (email ? [[role, person(email)]] : [])),
        ),
      ]),
    record.promises?.length &&
      section('Promises', [
        withIssue(
          ['Promise', 'Owner', 'Due', 'Status'],
          coverage(record, plan).promises.map((p) => [
            itemIdOf(rid, 'promise', p.promiseId),
            [
              p.title,
              p.status === 'planned' ? person(p.assignee) : '—',
              p.status === 'planned' ? p.due : '—',
              p.status === 'excluded' ? `excluded: ${p.reason}` : p.status,
            ],
          ]),
        ),
      ]),
    record.dependencies?.length &&
      section('Dependencies', [
        withIssue(
          ['Dependency', 'Side', 'Owner', 'Due', 'Blocks'],
          record.dependencies.map((d) => [
            itemIdOf(rid, 'dependency', d.id),
            [d.title, d.side, who(d.owner), dueOf(itemIdOf(rid, 'dependency', d.id)), (d.blocks ?? []).join(', ')],
          ]),
        ),
      ]),
    record.risks?.length &&
      section('Risks', [
        withIssue(
          ['Risk', 'Severity', 'Owner', 'Due', 'Mitigation'],
          record.risks.map((r) => [
            itemIdOf(rid, 'risk', r.id),
            [
              r.title,
              r.severity,
              who(r.owner),
              dueOf(itemIdOf(rid, 'risk', r.id)),
              r.accepted ? `accepted: ${r.accepted}` : (r.mitigation ?? ''),
            ],
          ]),
        ),
      ]),
    record.questions?.length &&
      section('Open questions', [
        withIssue(
          ['Question', 'Owner', 'Due', 'Answer'],
          record.questions.map((q) => [
            itemIdOf(rid, 'question', q.id),
            [q.title, who(q.owner), dueOf(itemIdOf(rid, 'question', q.id)), q.answer ?? ''],
          ]),
        ),
      ]),
    record.exceptions?.length &&
      section('Exceptions', [
        table(
          ['Exception', 'Approved by', 'Record'],
          record.exceptions.map((e) => [e.title, e.approvedBy ?? 'NOT APPROVED', e.record ?? '—']),
        ),
      ]),
    section('Sign-offs', [
      table(
        ['Team', 'By', 'On', 'Status'],
        (['sales', 'operations', 'delivery'] as const).map((team) => {
          const s = record.signoffs?.[team];
          const status = s && 'status' in s ? s.status : s ? 'signed' : 'missing';
          return [team, s?.by ?? '—', s?.at ?? '—', status];
        }),
      ),
    ]),
    gate.blockers.length > 0 &&
      section('What blocks "go"', [gate.blockers.map((b) => `- \`${b.path}\`: ${md(b.message)}`).join('\n')]),
  ];
  return `${sections.filter((s) => typeof s === 'string').join('\n\n')}\n`;
}

/** An issue as a link to its page, with its status: the key and status as text, the URL unable to end early. */
function issueCell(issue: SummaryIssue | undefined): Cell {
  if (!issue) return '—';
  return { markdown: `[${md(issue.key)}](${destination(issue.url)})${issue.status ? ` · ${md(issue.status)}` : ''}` };
}

function section(title: string, parts: (string | number | false | undefined)[]): string {
  return [`## ${title}`, ...parts.filter((p): p is string => typeof p === 'string' && p.length > 0)].join('\n\n');
}

function bullets(lines: readonly string[]): string {
  return lines.map((l) => `- ${md(l)}`).join('\n');
}

/** A table cell: the record's text (escaped here), or Markdown the summary itself wrote. */
type Cell = string | { markdown: string };

function table(header: string[], rows: Cell[][]): string {
  // A | inside a cell would start a new column.
  const text = (cell: Cell) => (typeof cell === 'string' ? md(cell) : cell.markdown);
  return markdownTable([
    header,
    ...rows.map((r) => r.map((cell) => text(cell).replace(/\n/g, ' ').replace(/\|/g, '\\|'))),
  ]);
}

/**
 * The record's text as Markdown text, never Markdown syntax: no link, image, autolink or HTML
 * tag can come out of a field (`[x](javascript:…)` and `<script>` stay letters in any renderer).
 */
function md(text: string): string {
  return text.replace(/[\\[\]<>]/g, '\\$&');
}

/** A link destination that cannot end early: the characters that would close it are percent-encoded. */
function destination(url: string): string {
  return url.replace(/[\s()<>\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
