import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import {
  DEMO_TEAM,
  DEMO_WORKSPACE,
  LOCAL_ASANA_OAUTH_TOKEN,
  LOCAL_ASANA_PAT,
  localAsanaTokens,
  startLocalAsana,
} from '../../emulators/asana/index';
import { createAsanaTracker } from '../../src/trackers/asana/asana-tracker';
import { fastForwardClock } from '../../emulators/common/clock';
import { seenInAsana } from './asana-seen';
import { testTracker } from './tracker-contract';
import { emulatorFaults, injectedFrom, waitOn } from './emulator-faults';

/**
 * The contract on the Asana adapter, once with an OAuth token (external data), once with a
 * personal access token (notes marker), and once with OAuth tokens sent through a fetch of the
 * caller's instead of the SDK's own sending, as Forge's external auth sends them (asana-send.ts).
 */
for (const variant of ['oauth', 'pat', 'oauth through send'] as const) {
  const tokenKind: 'oauth' | 'pat' = variant === 'pat' ? 'pat' : 'oauth';
  testTracker(`asana ${variant} (local Asana)`, async () => {
    // Retry-After is waited out by moving this clock, which the emulator's rate-limit windows also
    // read: no real sleeping. It follows the real time otherwise, as change control stamps history with it.
    const clock = fastForwardClock();
    const asana = await startLocalAsana({
      dataDir: mkdtempSync(join(tmpdir(), 'handoff-asana-contract-')),
      fresh: true,
      validate: 'strict',
      clock,
      // Asana runs a batch's actions in parallel, in no promised order: so does the contract's local Asana.
      faults: { batchOrder: 'shuffled' },
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
    const place = { workspace: DEMO_WORKSPACE.gid, team: DEMO_TEAM.gid, tokenKind };
    const trackerFor = (token: string) =>
      variant === 'oauth through send'
        ? createAsanaTracker({
            ...place,
            basePath: '',
            send: (path, init) =>
              fetch(`${asana.url}${path}`, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } }),
          })
        : createAsanaTracker({ ...place, basePath: asana.url, token });
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
      seen: (recordId) => seenInAsana(rest, { workspace: DEMO_WORKSPACE.gid, tokenKind }, recordId),
      target: 'asana',
      trackerAs: async (email) => {
        const tokens = localAsanaTokens(email);
        return trackerFor(tokenKind === 'oauth' ? tokens.oauthToken : tokens.personalAccessToken);
      },
      secondMachine: async () => trackerFor(token),
      comments,
      markDone: async (key) => {
        await rest('PUT', `/tasks/${key}`, { completed: true });
      },
      setFaults: async (faults) => {
        asana.faults.update(emulatorFaults(faults));
      },
      faultsInjected: async () => injectedFrom(asana.stats().statuses),
      // Asana: ⌈N/10⌉ task batches + the dependency batches (ten tasks with dependencies a call) + 4
      // (find: the overview task or typeahead, then the project list; project; overview) + one call a
      // section: sections are made one at a time, each after the one before, as a batch keeps no order.
      // The bound, one call per task with dependencies, is looser; this is what batching the
      // dependencies buys.
      budget: {
        fresh: (plan) =>
          Math.ceil(plan.items.length / 10) +
          Math.ceil(new Set(plan.items.flatMap((i) => i.blocks)).size / 10) +
          4 +
          plan.groups.length,
        rerun: (plan) => Math.ceil(plan.items.length / 100) + 3,
      },
      policy: { sleep: waitOn(clock), now: clock.now, maxAttempts: 10 },
      close: async () => {
        const violations = asana.violations();
        await asana.close();
        if (violations.length)
          throw new Error(`the local Asana saw spec violations: ${JSON.stringify(violations.slice(0, 3))}`);
      },
    };
  });
}
