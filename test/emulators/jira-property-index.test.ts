import { afterEach, describe, expect, it } from 'vitest';
import { at, createIssues, startTestJira, taskFields, type TestJira } from './local-jira-harness';

/**
 * Jira Cloud searches an entity property only where an installed app's `jira:entityProperty`
 * module indexes it; without the index the clause finds nothing and says nothing (200).
 * `appInstalled` stands for a site with the Handoff Forge app.
 */

let t: TestJira | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function siteWithIssue(appInstalled: boolean) {
  // This file is about the property index, not the search lag (jira-faults.test.ts is): it reads a caught-up index.
  t = await startTestJira({ appInstalled, faults: { searchLagMs: 0 } });
  const [key] = await createIssues(t, [
    {
      fields: taskFields({ labels: ['handoff-acme'] }),
      properties: [{ key: 'handoff', value: { recordId: 'acme', itemId: 'sso', planHash: 'p1' } }],
    },
  ]);
  return { t, key };
}

async function keysFound(site: TestJira, jql: string) {
  const reply = await site.call('POST', '/rest/api/3/search/jql', {
    jql,
    fields: ['summary'],
    properties: ['handoff'],
  });
  expect(reply.status).toBe(200);
  const issues = at(reply.body, 'issues');
  return Array.isArray(issues) ? issues.map((issue) => at(issue, 'key')) : undefined;
}

describe('the handoff property index', () => {
  it('is absent by default: a property clause answers 200 with no issues, a label finds it', async () => {
    const { t: site, key } = await siteWithIssue(false);
    expect(await keysFound(site, 'project = DEL AND issue.property[handoff].recordId = "acme"')).toEqual([]);
    expect(await keysFound(site, 'issue.property[handoff].itemId IS EMPTY AND labels = handoff-acme')).toEqual([key]);
    expect(await keysFound(site, 'labels = "handoff-acme"')).toEqual([key]);
    // The property itself is stored and readable; only JQL cannot see it.
    const property = await site.call('GET', `/rest/api/3/issue/${key}/properties/handoff`);
    expect(at(property.body, 'value', 'recordId')).toBe('acme');
  });

  it('comes with the app (appInstalled): the manifest paths match, others still find nothing', async () => {
    const { t: site, key } = await siteWithIssue(true);
    expect(await keysFound(site, 'project = DEL AND issue.property[handoff].recordId = "acme"')).toEqual([key]);
    expect(await keysFound(site, 'issue.property[handoff].planHash = p1')).toEqual([key]);
    expect(await keysFound(site, 'issue.property[handoff].unindexed = p1')).toEqual([]);
  });
});
