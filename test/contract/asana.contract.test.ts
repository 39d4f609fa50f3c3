import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import {
  DEMO_WORKSPACE,
  LOCAL_ASANA_OAUTH_TOKEN,
  LOCAL_ASANA_PAT,
  localAsanaTokens,
  startLocalAsana,
} from '../../emulators/asana/index.ts';
import { createAsanaTracker } from '../../src/trackers/asana/asana-tracker.ts';
import { propertyInExternal } from '../../src/trackers/asana/asana-external.ts';
import { propertyInNotes } from '../../src/trackers/asana/asana-notes.ts';
import { testTracker, type SeenItem } from './tracker-contract.ts';
import { emulatorFaults, injectedFrom } from './emulator-faults.ts';

const tasks = z.object({
  data: z.array(
    z.object({
      gid: z.string(),
      notes: z.string().optional(),
      external: z.object({ data: z.string().nullable().optional() }).nullable().optional(),
      assignee: z.object({ gid: z.string() }).nullable().optional(),
      due_on: z.string().nullable().optional(),
      projects: z.array(z.object({ gid: z.string() })),
      dependents: z.array(z.object({ gid: z.string() })).optional(),
      memberships: z.array(z.object({ section: z.object({ name: z.string() }) })).default([]),
    }),
  ),
  next_page: z.object({ offset: z.string() }).nullable().optional(),
});

/** The contract on the Asana adapter, once with an OAuth token (external data) and once with a personal access token (notes marker). */
for (const tokenKind of ['oauth', 'pat'] as const) {
  testTracker(`asana ${tokenKind} (local Asana)`, async () => {
    const asana = await startLocalAsana({
      dataDir: mkdtempSync(join(tmpdir(), 'handoff-asana-contract-')),
      fresh: true,
      validate: 'strict',
    });
    const token = tokenKind === 'oauth' ? LOCAL_ASANA_OAUTH_TOKEN : LOCAL_ASANA_PAT;
    const rest = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${asana.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${LOCAL_ASANA_OAUTH_TOKEN}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify({ data: body }),
      });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return response.json();
    };
    const trackerFor = (token: string) =>
      createAsanaTracker({ basePath: asana.url, token, workspace: DEMO_WORKSPACE.gid, tokenKind });
    const tracker = trackerFor(token);
    /** A task's comments; a project stands for its overview task (the parent item's key is the project). */
    const comments = async (key: string): Promise<string[]> => {
      const overview = z.object({ data: z.array(z.object({ gid: z.string(), name: z.string() })) });
      const isProject = (
        await fetch(`${asana.url}/projects/${key}`, { headers: { authorization: `Bearer ${LOCAL_ASANA_OAUTH_TOKEN}` } })
      ).ok;
      const task = isProject
        ? overview
            .parse(await rest('GET', `/projects/${key}/tasks?opt_fields=name`))
            .data.find((t) => t.name.startsWith('About this handoff'))?.gid
        : key;
      const stories = z
        .object({ data: z.array(z.object({ resource_subtype: z.string(), text: z.string() })) })
        .parse(await rest('GET', `/tasks/${task}/stories`));
      return stories.data.filter((story) => story.resource_subtype === 'comment_added').map((story) => story.text);
    };
    return {
      tracker,
      addPerson: async (email) =>
        z
          .object({ data: z.object({ gid: z.string() }) })
          .parse(await rest('POST', `/workspaces/${DEMO_WORKSPACE.gid}/addUser`, { user: email })).data.gid,
      /** Every task of the record's project, read with an OAuth token through Asana's own REST API. */
      seen: async (recordId) => {
        const projects = z
          .object({ data: z.array(z.object({ gid: z.string(), name: z.string() })) })
          .parse(await rest('GET', `/projects?workspace=${DEMO_WORKSPACE.gid}&opt_fields=name&limit=100`))
          .data.filter((p) => p.name.includes(`[${recordId}]`));
        const seen: SeenItem[] = [];
        for (const project of projects) {
          let offset: string | undefined;
          do {
            const page = tasks.parse(
              await rest(
                'GET',
                `/projects/${project.gid}/tasks?limit=100&opt_fields=notes,external,assignee,due_on,projects,dependents,memberships.section.name${offset ? `&offset=${offset}` : ''}`,
              ),
            );
            for (const task of page.data) {
              // What the token under test wrote: external data (OAuth) or the notes marker (PAT).
              const property =
                tokenKind === 'oauth' ? propertyInExternal(task.external?.data) : propertyInNotes(task.notes);
              if (!property) continue;
              const isParent = property.itemId.includes('/parent/');
              seen.push({
                key: isParent ? project.gid : task.gid,
                itemId: property.itemId,
                assignee: task.assignee?.gid ?? null,
                due: task.due_on ?? null,
                parentKey: isParent ? null : (task.projects[0]?.gid ?? null),
                blocks: (task.dependents ?? []).map((d) => d.gid),
                descoped: task.memberships.some((m) => m.section.name === 'Descoped'),
              });
            }
            offset = page.next_page?.offset;
          } while (offset);
        }
        return seen;
      },
      target: 'asana',
      trackerAs: async (email) => {
        const tokens = localAsanaTokens(email);
        return trackerFor(tokenKind === 'oauth' ? tokens.oauthToken : tokens.personalAccessToken);
      },
      comments,
      markDone: async (key) => {
        await rest('PUT', `/tasks/${key}`, { completed: true });
      },
      setFaults: async (faults) => {
        asana.faults.update(emulatorFaults(faults));
      },
      faultsInjected: async () => injectedFrom(asana.stats().statuses),
      // Asana: ⌈N/10⌉ task batches + the dependency batches (ten tasks with dependencies a call) + 4
      // (find, project, sections and overview, spare). The issue's bound, one call per task with
      // dependencies, is looser; this is what batching the dependencies buys.
      budget: {
        fresh: (plan) =>
          Math.ceil(plan.items.length / 10) + Math.ceil(new Set(plan.items.flatMap((i) => i.blocks)).size / 10) + 4,
        rerun: (plan) => Math.ceil(plan.items.length / 100) + 3,
      },
      policy: { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)), maxAttempts: 10 },
      close: async () => {
        const violations = asana.violations();
        await asana.close();
        if (violations.length)
          throw new Error(`the local Asana saw spec violations: ${JSON.stringify(violations.slice(0, 3))}`);
      },
    };
  });
}
