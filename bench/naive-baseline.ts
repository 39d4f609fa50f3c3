import { z } from 'zod';
import { DEMO_TEAM } from '../emulators/asana/index';
import type { Plan } from '../src/domain/plan/plan';
import { naiveClient } from './naive-client';
import type { BenchSite } from './sites';

const jiraUser = z.array(z.object({ accountId: z.string() }));
const asanaUser = z.object({ data: z.object({ gid: z.string() }) });
const created = z.object({ key: z.string().optional(), data: z.object({ gid: z.string() }).optional() });

/**
 * The naive way, as a script provisions today: look each person up, then one create per
 * item and one request per link, strictly one after another.
 */
export async function naiveProvision(
  tracker: 'jira' | 'asana',
  site: BenchSite,
  plan: Plan,
): Promise<{ calls: number }> {
  const client = naiveClient(site.url, site.authorization);
  const accounts = new Map<string, string>();
  for (const email of new Set(plan.items.flatMap((i) => (i.assignee ? [i.assignee] : [])))) {
    accounts.set(
      email,
      tracker === 'jira'
        ? (jiraUser.parse(
            await client.send(
              'GET',
              `/rest/api/3/user/assignable/search?project=${site.container}&query=${encodeURIComponent(email)}`,
              undefined,
            ),
          )[0]?.accountId ?? '')
        : asanaUser.parse(await client.send('GET', `/users/${encodeURIComponent(email)}`, undefined)).data.gid,
    );
  }
  const keys = new Map<string, string>();
  let project = '';
  for (const item of plan.items) {
    const assignee = item.assignee ? accounts.get(item.assignee) : undefined;
    if (tracker === 'jira') {
      const fields = {
        project: { key: site.container },
        issuetype: { name: item.kind === 'parent' ? 'Epic' : 'Task' },
        summary: item.summary,
        labels: item.labels,
        ...(assignee ? { assignee: { accountId: assignee } } : {}),
        ...(item.due ? { duedate: item.due } : {}),
        ...(item.parent ? { parent: { key: keys.get(item.parent) } } : {}),
      };
      keys.set(item.itemId, created.parse(await client.send('POST', '/rest/api/3/issue', { fields })).key ?? '');
    } else if (item.kind === 'parent') {
      project =
        created.parse(
          // The demo workspace is an organization: a project goes to a team.
          await client.send('POST', `/teams/${DEMO_TEAM.gid}/projects`, { data: { name: item.summary } }),
        ).data?.gid ?? '';
    } else {
      const data = {
        name: item.summary,
        projects: [project],
        ...(assignee ? { assignee } : {}),
        ...(item.due ? { due_on: item.due } : {}),
      };
      keys.set(item.itemId, created.parse(await client.send('POST', '/tasks', { data })).data?.gid ?? '');
    }
  }
  for (const item of plan.items) {
    for (const blocked of item.blocks) {
      const [from, to] = [keys.get(item.itemId) ?? '', keys.get(blocked) ?? ''];
      if (tracker === 'jira')
        await client.send('POST', '/rest/api/3/issueLink', {
          type: { name: 'Blocks' },
          inwardIssue: { key: from },
          outwardIssue: { key: to },
        });
      else await client.send('POST', `/tasks/${to}/addDependencies`, { data: { dependencies: [from] } });
    }
  }
  return { calls: client.calls() };
}
