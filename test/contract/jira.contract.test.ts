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
} from '../../emulators/jira/index.ts';
import { adfText } from '../../emulators/jira/adf.ts';
import { createJiraTracker } from '../../src/trackers/jira/jira-tracker.ts';
import { basicAuthRequest } from '../../src/trackers/jira/jira-request.ts';
import { testTracker, type SeenItem } from './tracker-contract.ts';
import { emulatorFaults, injectedFrom } from './emulator-faults.ts';

const seenIssues = z.object({
  issues: z.array(
    z.object({
      key: z.string(),
      properties: z.object({ handoff: z.object({ itemId: z.string() }) }),
      fields: z.object({
        assignee: z.object({ accountId: z.string() }).nullable().optional(),
        duedate: z.string().nullable().optional(),
        parent: z.object({ key: z.string() }).optional(),
        labels: z.array(z.string()).default([]),
        issuelinks: z
          .array(
            z.object({ type: z.object({ name: z.string() }), outwardIssue: z.object({ key: z.string() }).optional() }),
          )
          .optional(),
      }),
    }),
  ),
  nextPageToken: z.string().optional(),
});

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
    const jira = await startLocalJira({
      dataDir: mkdtempSync(join(tmpdir(), 'handoff-jira-contract-')),
      fresh: true,
      validate: 'strict',
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
      seen: async (recordId) => {
        const seen: SeenItem[] = [];
        let nextPageToken: string | undefined;
        do {
          const page = seenIssues.parse(
            await rest('POST', '/rest/api/3/search/jql', {
              jql: `issue.property[handoff].recordId = "${recordId}"`,
              fields: ['assignee', 'duedate', 'parent', 'issuelinks', 'labels'],
              properties: ['handoff'],
              maxResults: 100,
              nextPageToken,
            }),
          );
          for (const issue of page.issues) {
            seen.push({
              key: issue.key,
              itemId: issue.properties.handoff.itemId,
              assignee: issue.fields.assignee?.accountId ?? null,
              due: issue.fields.duedate ?? null,
              parentKey: issue.fields.parent?.key ?? null,
              blocks: (issue.fields.issuelinks ?? [])
                .filter((l) => l.type.name === 'Blocks' && l.outwardIssue)
                .map((l) => l.outwardIssue?.key ?? ''),
              descoped: issue.fields.labels.includes('descoped'),
            });
          }
          nextPageToken = page.nextPageToken;
        } while (nextPageToken);
        return seen;
      },
      setFaults: async (faults) => {
        jira.faults.update(emulatorFaults(faults));
      },
      faultsInjected: async () => injectedFrom(jira.stats().statuses),
      target: 'jira',
      trackerAs: async (email) => trackerFor(email, localApiToken(email)),
      comments: async (key) =>
        comments.parse(await rest('GET', `/rest/api/3/issue/${key}/comment`)).comments.map((c) => adfText(c.body)),
      markDone: async (key) => {
        const done = transitions
          .parse(await rest('GET', `/rest/api/3/issue/${key}/transitions`))
          .transitions.find((t) => t.to.statusCategory.key === 'done');
        await rest('POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: done?.id } });
      },
      // Jira: ⌈N/50⌉ bulk creates + one request per link + the search, the link types and the parent.
      budget: {
        fresh: (plan) => Math.ceil(plan.items.length / 50) + plan.items.reduce((n, i) => n + i.blocks.length, 0) + 3,
        rerun: () => 3,
      },
      policy: { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)), maxAttempts: 10 },
      close: async () => {
        const violations = jira.violations();
        await jira.close();
        if (violations.length)
          throw new Error(`the local Jira saw spec violations: ${JSON.stringify(violations.slice(0, 3))}`);
      },
    };
  });
