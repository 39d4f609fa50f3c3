import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { DEMO_WORKSPACE } from '../emulators/asana/index';
import type { Plan } from '../src/domain/plan/plan';
import { asanaList, scriptClient } from './script-client';

/** After a run: items with no issue, and items with more than one. Both must be empty. */
export type ItemCount = { items: number; missing: number; duplicated: number };

const jiraPage = z.object({
  issues: z.array(z.object({ fields: z.object({ summary: z.string() }) })),
  nextPageToken: z.string().nullish(),
});

/**
 * Counts what a person would find on the site after a run, by summary (each of the plan's is
 * unique): Jira's issues with the record's label, once the search has caught up with the run;
 * Asana's projects named for the parent, and the tasks of each by name. Every run of every
 * client — engine, competent, naive — is counted the same way.
 */
export async function countItems(
  kind: 'jira' | 'asana',
  plan: Plan,
  site: { url: string; authorization: string; searchLagMs?: number },
): Promise<ItemCount> {
  const client = scriptClient(site.url, site.authorization, 1);
  const seen = new Map<string, number>();
  const see = (name: string) => seen.set(name, (seen.get(name) ?? 0) + 1);
  const [parent] = plan.items;
  if (kind === 'jira') {
    await sleep(site.searchLagMs ?? 0);
    const label = parent?.labels.find((l) => l !== 'handoff' && l.startsWith('handoff-')) ?? 'handoff';
    let nextPageToken: string | undefined;
    do {
      const body = { jql: `labels = "${label}"`, fields: ['summary'], maxResults: 100, nextPageToken };
      const page = jiraPage.parse(await client.send('POST', '/rest/api/3/search/jql', body));
      for (const issue of page.issues) see(issue.fields.summary);
      nextPageToken = page.nextPageToken ?? undefined;
    } while (nextPageToken);
  } else {
    const list = (path: string) => asanaList(client, path);
    // Handoff names the project `<summary> [record-id]`; a script names it the summary.
    const projects = (await list(`/workspaces/${DEMO_WORKSPACE.gid}/projects?opt_fields=name`)).filter(
      (p) => parent && p.name.startsWith(parent.summary),
    );
    for (const project of projects) {
      if (parent) see(parent.summary);
      for (const task of await list(`/projects/${project.gid}/tasks?opt_fields=name`)) see(task.name);
    }
  }
  const counts = plan.items.map((item) => seen.get(item.summary) ?? 0);
  return {
    items: plan.items.length,
    missing: counts.filter((n) => n === 0).length,
    duplicated: counts.filter((n) => n > 1).length,
  };
}
