import { z } from 'zod';
import { DEMO_TEAM, DEMO_WORKSPACE } from '../emulators/asana/index';
import type { Plan, PlanItem } from '../src/domain/plan/plan';
import { asanaList, scriptClient, type ScriptClient } from './script-client';
import type { BenchSite } from './sites';

/**
 * The two scripts Handoff is measured against. **Naive**, as template apps and scripts
 * provision today: look each person up, one create per item, one request per link, strictly one
 * after another. **Competent**, what a careful engineer writes in an afternoon: the same calls,
 * 10 in flight, a search first so a re-run makes nothing twice, and Retry-After honoured (Asana's
 * 15 writes in flight are never reached at 10).
 */
export type ScriptStyle = 'naive' | 'competent';

const IN_FLIGHT: Record<ScriptStyle, number> = { naive: 1, competent: 10 };

const jiraUser = z.array(z.object({ accountId: z.string() }));
const asanaUser = z.object({ data: z.object({ gid: z.string() }) });
const created = z.object({ key: z.string().optional(), data: z.object({ gid: z.string() }).optional() });
const jiraPage = z.object({
  issues: z.array(z.object({ key: z.string(), fields: z.object({ summary: z.string() }) })),
  nextPageToken: z.string().nullish(),
});

type Script = {
  client: ScriptClient;
  site: BenchSite;
  kind: 'jira' | 'asana';
  accounts: Map<string, string>;
  /** Item id → Jira key or Asana gid (the parent's: the Asana project). */
  keys: Map<string, string>;
};

export async function scriptProvision(
  style: ScriptStyle,
  kind: 'jira' | 'asana',
  site: BenchSite,
  plan: Plan,
): Promise<{ calls: number }> {
  const client = scriptClient(site.url, site.authorization, IN_FLIGHT[style]);
  const script: Script = { client, site, kind, accounts: new Map(), keys: new Map() };
  const [parent, ...rest] = plan.items;
  if (!parent) return { calls: 0 };
  // The naive script fires every request in turn; the competent one lets the client run them 10 at a time.
  const all = <T>(values: readonly T[], work: (value: T) => Promise<void>) =>
    style === 'naive'
      ? values.reduce((done, value) => done.then(() => work(value)), Promise.resolve())
      : Promise.all(values.map(work)).then(() => undefined);
  const people = [...new Set(plan.items.flatMap((i) => (i.assignee ? [i.assignee] : [])))];
  await all(people, async (email) => {
    script.accounts.set(email, await lookUp(script, email));
  });
  const existing = style === 'competent' ? await search(script, parent) : new Map<string, string>();
  const fresh = (item: PlanItem) => !existing.has(item.summary);
  for (const item of plan.items) {
    const key = existing.get(item.summary);
    if (key) script.keys.set(item.itemId, key);
  }
  if (fresh(parent)) await create(script, parent);
  await all(rest.filter(fresh), (item) => create(script, item));
  // A link whose ends both existed was made by the run that made them.
  const links = plan.items.flatMap((item) =>
    item.blocks.map((blocked) => ({ item, blocked })).filter((l) => fresh(l.item) || !existing.has(l.blocked)),
  );
  await all(links, ({ item, blocked }) => link(script, script.keys.get(item.itemId), script.keys.get(blocked)));
  return { calls: client.calls() };
}

async function lookUp({ client, site, kind }: Script, email: string): Promise<string> {
  const query = encodeURIComponent(email);
  if (kind === 'asana') return asanaUser.parse(await client.send('GET', `/users/${query}`)).data.gid;
  const found = await client.send('GET', `/rest/api/3/user/assignable/search?project=${site.container}&query=${query}`);
  return jiraUser.parse(found)[0]?.accountId ?? '';
}

/** What an earlier run made, by summary: Jira's issues with the record's label; Asana's project and its tasks. */
async function search({ client, kind }: Script, parent: PlanItem): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (kind === 'jira') {
    const label = parent.labels.find((l) => l !== 'handoff' && l.startsWith('handoff-')) ?? 'handoff';
    let nextPageToken: string | undefined;
    do {
      const body = { jql: `labels = "${label}"`, fields: ['summary'], maxResults: 100, nextPageToken };
      const page = jiraPage.parse(await client.send('POST', '/rest/api/3/search/jql', body));
      for (const issue of page.issues) found.set(issue.fields.summary, issue.key);
      nextPageToken = page.nextPageToken ?? undefined;
    } while (nextPageToken);
    return found;
  }
  const project = (await asanaList(client, `/workspaces/${DEMO_WORKSPACE.gid}/projects?opt_fields=name`)).find(
    (p) => p.name === parent.summary,
  );
  if (!project) return found;
  found.set(parent.summary, project.gid);
  for (const task of await asanaList(client, `/projects/${project.gid}/tasks?opt_fields=name`))
    found.set(task.name, task.gid);
  return found;
}

async function create({ client, site, kind, accounts, keys }: Script, item: PlanItem): Promise<void> {
  const assignee = item.assignee ? accounts.get(item.assignee) : undefined;
  if (kind === 'jira') {
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
    return;
  }
  // The demo workspace is an organization: a project goes to a team.
  const sent =
    item.kind === 'parent'
      ? await client.send('POST', `/teams/${DEMO_TEAM.gid}/projects`, { data: { name: item.summary } })
      : await client.send('POST', '/tasks', {
          data: {
            name: item.summary,
            projects: [keys.get(item.parent ?? '')],
            ...(assignee ? { assignee } : {}),
            ...(item.due ? { due_on: item.due } : {}),
          },
        });
  keys.set(item.itemId, created.parse(sent).data?.gid ?? '');
}

async function link({ client, kind }: Script, from = '', to = ''): Promise<void> {
  if (kind === 'jira')
    await client.send('POST', '/rest/api/3/issueLink', {
      type: { name: 'Blocks' },
      inwardIssue: { key: from },
      outwardIssue: { key: to },
    });
  else await client.send('POST', `/tasks/${to}/addDependencies`, { data: { dependencies: [from] } });
}
