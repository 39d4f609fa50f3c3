import { describe, expect, it } from 'vitest';
import { createJiraTracker } from '../../../src/trackers/jira/jira-tracker';
import type { JiraRequest } from '../../../src/trackers/jira/jira-request';
import { planWith } from '../../contract/plan-fixture';

const field = (fieldId: string, name: string, required = false, hasDefaultValue = false) => ({
  fieldId,
  key: fieldId,
  name,
  required,
  hasDefaultValue,
  operations: ['set'],
  schema: { type: 'string' },
});
const STANDARD = [
  field('issuetype', 'Issue Type', true),
  field('project', 'Project', true),
  field('summary', 'Summary', true),
  field('description', 'Description'),
  field('assignee', 'Assignee'),
  field('duedate', 'Due date'),
  field('labels', 'Labels'),
  field('parent', 'Parent'),
];

/** A createmeta that pages by `maxResults`, as Jira does, and records every path asked for. */
function createmeta(screens: Record<string, ReturnType<typeof field>[]>, pageSize = 200) {
  const sent: string[] = [];
  const types = Object.keys(screens).map((name, i) => ({ id: String(10000 + i), name }));
  const page = (all: unknown[], startAt: number) => all.slice(startAt, startAt + pageSize);
  const request: JiraRequest = async (path) => {
    sent.push(path.text);
    const url = new URL(path.text, 'https://example.atlassian.net');
    const startAt = Number(url.searchParams.get('startAt') ?? 0);
    const typeId = /issuetypes\/(\d+)/.exec(url.pathname)?.[1];
    const fields = screens[types.find((t) => t.id === typeId)?.name ?? ''] ?? [];
    const body = typeId
      ? { startAt, maxResults: pageSize, total: fields.length, fields: page(fields, startAt) }
      : { startAt, maxResults: pageSize, total: types.length, issueTypes: page(types, startAt) };
    return { status: 200, headers: { get: () => null }, text: async () => JSON.stringify(body) };
  };
  const tracker = createJiraTracker({ request, projectKey: 'OPS', siteUrl: 'https://example.atlassian.net' });
  return { tracker, sent };
}

const plan = planWith({ id: 'preflight', items: 6, links: 2 });

describe('the Jira preflight (createmeta)', () => {
  it('finds nothing to refuse on permissive screens, in three reads', async () => {
    const { tracker, sent } = createmeta({ Epic: STANDARD, Task: STANDARD });
    expect(await tracker.preflight(plan)).toEqual([]);
    expect(sent).toHaveLength(3);
    expect(sent[1]).toMatch(/^\/rest\/api\/3\/issue\/createmeta\/OPS\/issuetypes\/10000\?startAt=0&maxResults=200$/);
  });

  it('reads every page of types and fields', async () => {
    const { tracker, sent } = createmeta({ Bug: STANDARD, Epic: STANDARD, Task: STANDARD }, 2);
    expect(await tracker.preflight(plan)).toEqual([]);
    // types: 2 pages; each screen of 8 fields: 4 pages
    expect(sent).toHaveLength(2 + 4 + 4);
    expect(sent.filter((p) => p.includes('startAt=6'))).toHaveLength(2);
  });

  it('says which field a screen lacks, which required field Handoff does not fill, and a missing type', async () => {
    const noDue = STANDARD.filter((f) => f.fieldId !== 'duedate');
    const epic = [
      ...STANDARD,
      field('customfield_10011', 'Epic Name', true),
      field('reporter', 'Reporter', true, true),
    ];
    const { tracker } = createmeta({ Epic: epic, Task: noDue });
    expect(await tracker.preflight(plan)).toEqual([
      {
        scope: 'parent',
        reason: 'required',
        field: null,
        message:
          'Jira project OPS: Epic requires "Epic Name", which Handoff does not fill — make it optional for Epic ' +
          'in OPS (Project settings → Issue types → Epic → Fields), or give it a default value',
      },
      {
        scope: 'items',
        reason: 'not-settable',
        field: 'due',
        message:
          'Jira project OPS: the Task create screen has no "Due date" field — add it to the screen ' +
          '(Project settings → Issue types → Task → Fields) or Handoff cannot set due dates',
      },
    ]);
    const { tracker: noEpic } = createmeta({ Task: STANDARD });
    expect(await noEpic.preflight(plan)).toEqual([
      expect.objectContaining({ scope: 'parent', reason: 'unavailable', field: null }),
    ]);
  });

  it('flags a required plan field only when some item leaves it empty', async () => {
    const dueRequired = STANDARD.map((f) => (f.fieldId === 'duedate' ? { ...f, required: true } : f));
    const { tracker } = createmeta({ Epic: STANDARD, Task: dueRequired });
    const everyDue = { ...plan, items: plan.items.map((i) => ({ ...i, due: i.due ?? '2027-02-01' })) };
    expect(await tracker.preflight(everyDue)).toEqual([]);
    const oneWithout = { ...plan, items: everyDue.items.map((i, n) => (n === 2 ? { ...i, due: null } : i)) };
    expect(await tracker.preflight(oneWithout)).toEqual([
      {
        scope: 'items',
        reason: 'required',
        field: 'due',
        message:
          'Jira project OPS: Task requires "Due date", which Handoff leaves empty where the record gives none — ' +
          'fill it in, or make it optional for Task in OPS (Project settings → Issue types → Task → Fields)',
      },
    ]);
  });
});
