import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, startTestJira, taskFields, type TestJira } from './local-jira-harness';

let t: TestJira;
beforeAll(async () => {
  // This file is about bulk create, not the search lag (jira-faults.test.ts is): it reads a caught-up index.
  t = await startTestJira({ faults: { searchLagMs: 0 } });
});
afterAll(() => t.close());

const count = async (jql: string) => {
  const reply = await t.call('POST', '/rest/api/3/search/jql', { jql, maxResults: 5000 });
  const issues = at(reply.body, 'issues');
  return Array.isArray(issues) ? issues.length : -1;
};

describe('POST /rest/api/3/issue/bulk', () => {
  it('creates every element in order and answers 201', async () => {
    const reply = await t.call('POST', '/rest/api/3/issue/bulk', {
      issueUpdates: ['one', 'two', 'three'].map((summary) => ({
        fields: taskFields({ summary, labels: ['bulk-ok'] }),
      })),
    });
    expect(reply.status).toBe(201);
    expect(at(reply.body, 'errors')).toEqual([]);
    const issues = at(reply.body, 'issues');
    expect(Array.isArray(issues) && issues.length).toBe(3);
    const keys = Array.isArray(issues) ? issues.map((i) => String(at(i, 'key'))) : [];
    const numbers = keys.map((key) => Number(key.split('-')[1]));
    expect(numbers).toEqual([numbers[0], (numbers[0] ?? 0) + 1, (numbers[0] ?? 0) + 2]);
    expect(at((await t.call('GET', `/rest/api/3/issue/${keys[1]}?fields=summary`)).body, 'fields', 'summary')).toBe(
      'two',
    );
  });

  it('creates the good elements and reports each bad one with failedElementNumber (201)', async () => {
    const reply = await t.call('POST', '/rest/api/3/issue/bulk', {
      issueUpdates: [
        { fields: taskFields({ summary: 'good 0', labels: ['bulk-mixed'] }) },
        { fields: taskFields({ summary: '' }) },
        { fields: taskFields({ summary: 'good 2', labels: ['bulk-mixed'] }) },
        { fields: taskFields({ labels: ['has space'] }) },
      ],
    });
    expect(reply.status).toBe(201);
    expect(Array.isArray(at(reply.body, 'issues')) && Object(at(reply.body, 'issues')).length).toBe(2);
    expect(at(reply.body, 'errors')).toEqual([
      {
        status: 400,
        failedElementNumber: 1,
        elementErrors: { errorMessages: [], errors: { summary: 'You must specify a summary of the issue.' } },
      },
      {
        status: 400,
        failedElementNumber: 3,
        elementErrors: {
          errorMessages: [],
          errors: { labels: "The label 'has space' contains spaces which is invalid." },
        },
      },
    ]);
    expect(await count('labels = bulk-mixed')).toBe(2);
  });

  it('answers 400 when every element fails, creating nothing', async () => {
    const reply = await t.call('POST', '/rest/api/3/issue/bulk', {
      issueUpdates: [
        { fields: taskFields({ summary: '', labels: ['bulk-none'] }) },
        { fields: taskFields({ project: { key: 'NOPE' }, labels: ['bulk-none'] }) },
      ],
    });
    expect(reply.status).toBe(400);
    expect(at(reply.body, 'issues')).toEqual([]);
    expect(at(reply.body, 'errors', 1, 'elementErrors', 'errors', 'project')).toBe('Specify a valid project ID or key');
    expect(await count('labels = bulk-none')).toBe(0);
  });

  it('refuses more than 50 issues outright', async () => {
    const issueUpdates = Array.from({ length: 51 }, (_, i) => ({
      fields: taskFields({ summary: `too many ${i}`, labels: ['bulk-51'] }),
    }));
    const reply = await t.call('POST', '/rest/api/3/issue/bulk', { issueUpdates });
    expect(reply.status).toBe(400);
    expect(at(reply.body, 'issues')).toEqual([]);
    expect(String(at(reply.body, 'errors', 0, 'elementErrors', 'errorMessages', 0))).toMatch(/maximum of 50/);
    expect(await count('labels = bulk-51')).toBe(0);
    const fifty = await t.call('POST', '/rest/api/3/issue/bulk', { issueUpdates: issueUpdates.slice(0, 50) });
    expect(fifty.status).toBe(201);
    expect(await count('labels = bulk-51')).toBe(50);
  });

  it('sets inline properties on each created issue', async () => {
    const reply = await t.call('POST', '/rest/api/3/issue/bulk', {
      issueUpdates: ['sso', 'import'].map((itemId) => ({
        fields: taskFields({ summary: itemId }),
        properties: [{ key: 'handoff', value: { recordId: 'acme-bulk', itemId, planHash: 'h1' } }],
      })),
    });
    const key = String(at(reply.body, 'issues', 1, 'key'));
    const property = await t.call('GET', `/rest/api/3/issue/${key}/properties/handoff`);
    expect(property.body).toEqual({
      key: 'handoff',
      value: { recordId: 'acme-bulk', itemId: 'import', planHash: 'h1' },
    });
  });
});
