import { z } from 'zod';
import { defaultRetryPolicy } from '../../src/provision/retry';
import { createAsanaTracker } from '../../src/trackers/asana/asana-tracker';
import { projectsOfRecord, seenInAsana } from '../contract/asana-seen';
import type { TrackerHarness } from '../contract/tracker-contract';
import type { AsanaLive } from './live-env';
import { jsonClient, liveTracker, notOnLive } from './live-tracker';

/**
 * The contract's harness on a real Asana workspace: the same tracker and read-back as the
 * local run; people are the token's account; closing deletes every task the run created and
 * then the project each record got, through plain fetch.
 */
export async function liveAsanaHarness(settings: AsanaLive, log: (line: string) => void): Promise<TrackerHarness> {
  const base = settings.ASANA_BASE_URL.replace(/\/+$/, '');
  const rest = jsonClient(base, `Bearer ${settings.ASANA_TOKEN}`, (data) => ({ data }));
  const me = z.object({ data: z.object({ gid: z.string() }) }).parse(await rest('GET', '/users/me')).data;
  const tokenKind = settings.ASANA_TOKEN_KIND;
  const workspace = settings.ASANA_WORKSPACE;
  const live = liveTracker(
    createAsanaTracker({
      basePath: base,
      token: settings.ASANA_TOKEN,
      workspace,
      team: settings.ASANA_TEAM,
      tokenKind,
    }),
    me.gid,
  );

  return {
    tracker: live.tracker,
    addPerson: async (email) => live.addPerson(email),
    seen: (recordId) => seenInAsana(rest, { workspace, tokenKind }, recordId),
    setFaults: notOnLive('setFaults'),
    faultsInjected: notOnLive('faultsInjected'),
    trackerAs: notOnLive('trackerAs'),
    comments: notOnLive('comments'),
    markDone: notOnLive('markDone'),
    target: 'asana',
    // The local run's budgets (see asana.contract.test.ts).
    budget: {
      fresh: (plan) =>
        Math.ceil(plan.items.length / 10) +
        Math.ceil(new Set(plan.items.flatMap((i) => i.blocks)).size / 10) +
        4 +
        plan.groups.length,
      rerun: (plan) => Math.ceil(plan.items.length / 100) + 3,
    },
    // A real workspace's Retry-After must really be waited out.
    policy: { ...defaultRetryPolicy, maxAttempts: 10 },
    close: async () => {
      // Every task of each record's project (the overview task too, which carries no property),
      // then any created task found outside them (not the parent item's key: that is the project), then the projects.
      const tasks = new Set<string>();
      const projects = [];
      for (const recordId of live.recordIds()) {
        for (const project of await projectsOfRecord(rest, workspace, recordId)) {
          projects.push(project.gid);
          for (const gid of await tasksOf(rest, project.gid)) tasks.add(gid);
        }
      }
      for (const key of await live.created()) if (!projects.includes(key)) tasks.add(key);
      for (const gid of tasks) await rest('DELETE', `/tasks/${gid}`, undefined, [404]);
      for (const gid of projects) await rest('DELETE', `/projects/${gid}`, undefined, [404]);
      log(
        `live Asana: deleted ${tasks.size} tasks and ${projects.length} projects of ${live.recordIds().length} records`,
      );
    },
  };
}

const taskPage = z.object({
  data: z.array(z.object({ gid: z.string() })),
  next_page: z.object({ offset: z.string() }).nullable().optional(),
});

async function tasksOf(rest: (method: string, path: string) => Promise<unknown>, project: string): Promise<string[]> {
  const gids: string[] = [];
  let offset: string | undefined;
  do {
    const page = taskPage.parse(
      await rest('GET', `/projects/${project}/tasks?limit=100${offset ? `&offset=${offset}` : ''}`),
    );
    gids.push(...page.data.map((t) => t.gid));
    offset = page.next_page?.offset;
  } while (offset);
  return gids;
}
