import { describe, expect, it } from 'vitest';
import { createJiraTracker } from '../../../src/trackers/jira/jira-tracker';
import type { JiraRequest, JiraRequestInit } from '../../../src/trackers/jira/jira-request';
import type { JiraPath } from '../../../src/trackers/jira/jira-path';
import { TrackerError } from '../../../src/provision/tracker-error';
import { planWith } from '../../contract/plan-fixture';

type Sent = { path: string; init: JiraRequestInit };

/** A scripted Jira: answers each request in turn and records what was sent. */
function scripted(...answers: { status: number; body?: unknown; headers?: Record<string, string> }[]) {
  const sent: Sent[] = [];
  const request: JiraRequest = async (path: JiraPath, init) => {
    sent.push({ path: path.text, init });
    const answer = answers.shift() ?? { status: 500 };
    return {
      status: answer.status,
      headers: { get: (name: string) => answer.headers?.[name.toLowerCase()] ?? null },
      text: async () => (answer.body === undefined ? '' : JSON.stringify(answer.body)),
    };
  };
  return { request, sent };
}

const plan = planWith({ id: 'unit-jira', items: 6, links: 2 });
const requests = plan.items.slice(1, 4).map((item) => ({
  item,
  property: { recordId: plan.recordId, itemId: item.itemId, planHash: plan.hash },
  assigneeAccount: 'acct-1',
  parentKey: 'DEL-1',
}));
const linkTypes = {
  status: 200,
  body: { issueLinkTypes: [{ id: '7', name: 'Blocks', inward: 'is blocked by', outward: 'blocks', self: 'x' }] },
};
/** The bulk fetch that reads created issues back: in the order given, which need not be the request's. */
const readBack = (...issues: { id: string; key: string; at: number }[]) => ({
  status: 200,
  body: {
    issues: issues.map(({ id, key, at }) => ({ id, key, self: 'x', properties: { handoff: requests[at]?.property } })),
    issueErrors: [],
  },
});
const tracker = (request: JiraRequest) =>
  createJiraTracker({ request, projectKey: 'DEL', siteUrl: 'https://example.atlassian.net' });

describe('createJiraTracker', () => {
  it('checks its options when created', () => {
    const { request } = scripted();
    expect(() => createJiraTracker({ request, projectKey: 'del', siteUrl: 'https://example.atlassian.net' })).toThrow(
      /project key/,
    );
    expect(() => createJiraTracker({ request, projectKey: 'DEL', siteUrl: 'not a url' })).toThrow();
  });

  it('bulk-creates with ADF descriptions, inline properties and the parent, matching keys by property', async () => {
    const { request, sent } = scripted(
      {
        status: 201,
        body: {
          issues: [
            { id: '1', key: 'DEL-2', self: 'x' },
            { id: '2', key: 'DEL-3', self: 'x' },
            { id: '3', key: 'DEL-4', self: 'x' },
          ],
          errors: [],
        },
      },
      linkTypes,
      // Jira does not document the order of its answer: the property read back decides.
      readBack({ id: '3', key: 'DEL-4', at: 0 }, { id: '1', key: 'DEL-2', at: 2 }, { id: '2', key: 'DEL-3', at: 1 }),
    );
    const outcomes = await tracker(request).createItems(requests);
    expect(outcomes.map((o) => (o.ok ? o.key : o.error))).toEqual(['DEL-4', 'DEL-3', 'DEL-2']);
    expect(sent.map((s) => s.path)).toEqual([
      '/rest/api/3/issue/bulk',
      '/rest/api/3/issueLinkType',
      '/rest/api/3/issue/bulkfetch',
    ]);
    expect(JSON.parse(sent[2]?.init.body ?? '{}')).toMatchObject({ issueIdsOrKeys: ['1', '2', '3'] });
    const body = JSON.parse(sent[0]?.init.body ?? '{}');
    expect(body.issueUpdates[0].fields).toMatchObject({
      project: { key: 'DEL' },
      issuetype: { name: 'Task' },
      parent: { key: 'DEL-1' },
      assignee: { accountId: 'acct-1' },
      description: { type: 'doc', version: 1 },
    });
    expect(body.issueUpdates[0].properties).toEqual([{ key: 'handoff', value: requests[0]?.property }]);
  });

  it('says a create whose read-back failed as unanswered, never as the read-back’s own 429', async () => {
    const { request } = scripted(
      { status: 201, body: { issues: [{ id: '1', key: 'DEL-2', self: 'x' }], errors: [] } },
      linkTypes,
      { status: 429, body: { errorMessages: ['Rate limit exceeded.'] }, headers: { 'retry-after': '1' } },
    );
    const error = await tracker(request)
      .createItems(requests.slice(0, 1))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrackerError);
    if (!(error instanceof TrackerError)) return;
    expect([error.rateLimited, error.transient]).toEqual([false, true]);
    expect(error.message).toContain('DEL-2 were created but could not be read back');
  });

  it('maps per-element errors by index and keeps the successes', async () => {
    const { request } = scripted(
      {
        status: 201,
        body: {
          issues: [
            { id: '1', key: 'DEL-2', self: 'x' },
            { id: '3', key: 'DEL-4', self: 'x' },
          ],
          errors: [
            {
              failedElementNumber: 1,
              status: 400,
              elementErrors: { errorMessages: [], errors: { assignee: "User 'acct-1' cannot be assigned issues." } },
            },
          ],
        },
      },
      linkTypes,
      readBack({ id: '1', key: 'DEL-2', at: 0 }, { id: '3', key: 'DEL-4', at: 2 }),
    );
    const outcomes = await tracker(request).createItems(requests);
    expect(outcomes).toEqual([
      { itemId: requests[0]?.item.itemId, ok: true, id: '1', key: 'DEL-2' },
      {
        itemId: requests[1]?.item.itemId,
        ok: false,
        error: "[jira] assignee: User 'acct-1' cannot be assigned issues.",
      },
      { itemId: requests[2]?.item.itemId, ok: true, id: '3', key: 'DEL-4' },
    ]);
  });

  it('turns a refused request into a TrackerError that names the layer, status and endpoint', async () => {
    const { request } = scripted({
      status: 403,
      body: { errorMessages: ['You do not have permission to create issues in this project.'], errors: {} },
    });
    const error = await tracker(request)
      .createItems(requests)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrackerError);
    expect(String(error)).toContain(
      '[jira] 403 on POST /rest/api/3/issue/bulk: You do not have permission to create issues in this project.',
    );
  });

  it('reads Retry-After from a 429', async () => {
    const { request } = scripted({
      status: 429,
      body: { errorMessages: ['Rate limit exceeded.'] },
      headers: { 'retry-after': '7' },
    });
    const error = await tracker(request)
      .findPerson('a@x.example')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrackerError);
    if (error instanceof TrackerError) expect([error.rateLimited, error.retryAfterSeconds]).toEqual([true, 7]);
  });

  it('refuses a response of the wrong shape instead of guessing', async () => {
    const { request } = scripted({ status: 200, body: { unexpected: true } });
    await expect(tracker(request).findPerson('a@x.example')).rejects.toThrow(/unexpected response/);
  });

  it('finds people by exact e-mail among assignable users, or the only match when e-mails are hidden', async () => {
    const { request, sent } = scripted(
      {
        status: 200,
        body: [
          { accountId: 'a1', emailAddress: 'someone.else@x.example' },
          { accountId: 'a2', emailAddress: 'Maria@x.example' },
        ],
      },
      { status: 200, body: [{ accountId: 'a3' }] },
      { status: 200, body: [{ accountId: 'a4' }, { accountId: 'a5' }] },
    );
    const jira = tracker(request);
    expect(await jira.findPerson('maria@x.example')).toBe('a2');
    expect(await jira.findPerson('hidden@x.example')).toBe('a3');
    expect(await jira.findPerson('ambiguous@x.example')).toBeNull();
    expect(sent[0]?.path).toBe('/rest/api/3/user/assignable/search?project=DEL&query=maria%40x.example&maxResults=10');
  });

  it('discovers the link type once and links blocker → blocked', async () => {
    const { request, sent } = scripted(
      {
        status: 200,
        body: {
          issueLinkTypes: [{ id: '7', name: 'Dependency', inward: 'is blocked by', outward: 'blocks', self: 'x' }],
        },
      },
      { status: 201 },
      { status: 201 },
    );
    const outcomes = await tracker(request).createLinks([{ blocked: 'DEL-9', blockers: ['DEL-2', 'DEL-3'] }]);
    expect(outcomes).toEqual([
      { blocked: 'DEL-9', blocker: 'DEL-2', ok: true },
      { blocked: 'DEL-9', blocker: 'DEL-3', ok: true },
    ]);
    expect(sent.map((s) => s.path)).toEqual([
      '/rest/api/3/issueLinkType',
      '/rest/api/3/issueLink',
      '/rest/api/3/issueLink',
    ]);
    expect(JSON.parse(sent[1]?.init.body ?? '{}')).toEqual({
      type: { name: 'Dependency' },
      inwardIssue: { key: 'DEL-2' },
      outwardIssue: { key: 'DEL-9' },
    });
  });
});
