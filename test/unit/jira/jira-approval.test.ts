import { describe, expect, it } from 'vitest';
import { createJiraTracker } from '../../../src/trackers/jira/jira-tracker';
import type { JiraRequest } from '../../../src/trackers/jira/jira-request';

const status = (name: string, key: 'new' | 'done') => ({ id: name, name, statusCategory: { key } });
const resolution = { resolution: { name: 'Resolution', required: true, key: 'resolution', operations: ['set'] } };

/** A Jira whose issue offers `offered` transitions; records what was sent. */
function jiraOffering(offered: unknown[]) {
  const sent: string[] = [];
  const request: JiraRequest = async (path, init) => {
    sent.push(`${init.method} ${path.text}${init.body ? ` ${init.body}` : ''}`);
    const body = init.method === 'GET' ? { transitions: offered } : undefined;
    return {
      status: init.method === 'GET' ? 200 : 204,
      headers: { get: () => null },
      text: async () => (body ? JSON.stringify(body) : ''),
    };
  };
  return { tracker: createJiraTracker({ request, projectKey: 'OPS', siteUrl: 'https://x.atlassian.net' }), sent };
}

describe('approving a change request in Jira', () => {
  it('asks for the transitions’ fields and prefers a done transition whose screen needs nothing', async () => {
    const { tracker, sent } = jiraOffering([
      { id: '31', name: 'Resolve', to: status('Done', 'done'), fields: resolution },
      { id: '41', name: 'Close', to: status('Closed', 'done'), fields: {} },
    ]);
    expect(await tracker.approveChangeRequest('OPS-7')).toBeNull();
    expect(sent).toEqual([
      'GET /rest/api/3/issue/OPS-7/transitions?expand=transitions.fields',
      'POST /rest/api/3/issue/OPS-7/transitions {"transition":{"id":"41"}}',
    ]);
  });

  it('sends nothing and says which field when every way needs one Handoff cannot fill', async () => {
    const { tracker, sent } = jiraOffering([
      { id: '31', name: 'Resolve', to: status('Done', 'done'), fields: resolution },
    ]);
    expect(await tracker.approveChangeRequest('OPS-7')).toBe(
      'the "Resolve" transition of OPS-7 requires "Resolution"; Handoff cannot fill it — remove it from the ' +
        "transition's screen in the OPS workflow (or make it optional), or move OPS-7 to Done in Jira yourself " +
        'as the approval owner',
    );
    expect(sent.filter((s) => s.startsWith('POST'))).toEqual([]);
  });

  it('says so when the workflow has no way to approve', async () => {
    const { tracker } = jiraOffering([]);
    expect(await tracker.approveChangeRequest('OPS-7')).toMatch(/^OPS-7 offers no transition to Approved/);
  });
});
