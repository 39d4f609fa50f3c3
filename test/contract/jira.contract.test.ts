import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import {
  CHANGE_PROJECT_KEY,
  DEMO_PROJECT_KEY,
  LOCAL_ADMIN,
  localApiToken,
  startLocalJira,
  DEFAULT_SEARCH_LAG_MS,
} from '../../emulators/jira/index';
import { adfText } from '../../emulators/jira/adf';
import { createJiraTracker } from '../../src/trackers/jira/jira-tracker';
import { basicAuthRequest } from '../../src/trackers/jira/jira-request';
import { fastForwardClock } from '../../emulators/common/clock';
import { seenInJira } from './jira-seen';
import { caughtUp } from '../support/caught-up';
import { testTracker } from './tracker-contract';
import { emulatorFaults, injectedFrom, waitOn } from './emulator-faults';

const comments = z.object({ comments: z.array(z.object({ body: z.unknown() })) });
const transitions = z.object({
  transitions: z.array(z.object({ id: z.string(), to: z.object({ statusCategory: z.object({ key: z.string() }) }) })),
});

/**
 * The contract on the Jira adapter, in DEL (change requests are Tasks labelled
 * `change-request`, approved by Done) and in CHG (a Change Request type with Approved).
 */
for (const projectKey of [DEMO_PROJECT_KEY, CHANGE_PROJECT_KEY])
  testTracker(`jira ${projectKey} (local Jira Cloud)`, async () => {
    // Retry-After is waited out by moving this clock, which the emulator's rate-limit windows also
    // read: no real sleeping. It follows the real time otherwise, as change control stamps history with it.
    const clock = fastForwardClock();
    const jira = await startLocalJira({
      dataDir: mkdtempSync(join(tmpdir(), 'handoff-jira-contract-')),
      fresh: true,
      validate: 'strict',
      clock,
    });
    const auth = `Basic ${Buffer.from(`${LOCAL_ADMIN.email}:${LOCAL_ADMIN.apiToken}`).toString('base64')}`;
    const rest = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${jira.url}${path}`, {
        method,
        headers: { authorization: auth, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return response.status === 204 ? undefined : response.json();
    };
    const trackerFor = (email: string, apiToken: string) =>
      createJiraTracker({
        request: basicAuthRequest({ baseUrl: jira.url, email, apiToken }),
        projectKey,
        siteUrl: jira.url,
      });
    const tracker = trackerFor(LOCAL_ADMIN.email, LOCAL_ADMIN.apiToken);

    return {
      tracker,
      addPerson: async (email) =>
        z
          .object({ accountId: z.string() })
          .parse(await rest('POST', '/rest/api/3/user', { emailAddress: email, products: ['jira-software'] }))
          .accountId,
      /** Read back through Jira's own search, independently of the adapter. */
      seen: (recordId) => caughtUp(jira, () => seenInJira(rest, recordId)),
      setFaults: async (faults) => {
        jira.faults.update({ ...emulatorFaults(faults), searchLagMs: faults.searchLagMs ?? DEFAULT_SEARCH_LAG_MS });
      },
      faultsInjected: async () => injectedFrom(jira.stats().statuses),
      target: 'jira',
      trackerAs: async (email) => trackerFor(email, localApiToken(email)),
      secondMachine: async () => trackerFor(LOCAL_ADMIN.email, LOCAL_ADMIN.apiToken),
      comments: async (key) =>
        comments.parse(await rest('GET', `/rest/api/3/issue/${key}/comment`)).comments.map((c) => adfText(c.body)),
      markDone: async (key) => {
        const done = transitions
          .parse(await rest('GET', `/rest/api/3/issue/${key}/transitions`))
          .transitions.find((t) => t.to.statusCategory.key === 'done');
        await rest('POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: done?.id } });
      },
      // Jira: the parent and ⌈(N−1)/50⌉ bulk creates, each read back by one bulk fetch and followed by the
      // Epic's ledger mirror; one request per link; the search and the link types.
      budget: {
        fresh: (plan) =>
          3 * (Math.ceil((plan.items.length - 1) / 50) + 1) + plan.items.reduce((n, i) => n + i.blocks.length, 0) + 2,
        rerun: () => 3,
      },
      policy: { sleep: waitOn(clock), now: clock.now, maxAttempts: 10 },
      close: async () => {
        const violations = jira.violations();
        await jira.close();
        if (violations.length)
          throw new Error(`the local Jira saw spec violations: ${JSON.stringify(violations.slice(0, 3))}`);
      },
    };
  });
