import { z } from 'zod';
import type { LocalJira } from '../../../emulators/jira/index';
import { rest } from './forge-harness';

/** Creates a Task in DEL to serve as a record's kickoff issue. */
export async function createKickoffIssue(jira: LocalJira, summary: string): Promise<{ id: string; key: string }> {
  return z.object({ id: z.string(), key: z.string() }).parse(
    await rest(jira, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'DEL' }, issuetype: { name: 'Task' }, summary },
    }),
  );
}

const transitions = z.object({
  transitions: z.array(
    z.object({ id: z.string(), name: z.string(), to: z.object({ id: z.string(), name: z.string() }) }),
  ),
});

/**
 * Moves the issue to `status` through Jira's workflow and returns the event Forge delivers
 * for it: `avi:jira:updated:issue` with a `status` changelog item (there is no "transitioned" event).
 */
export async function transition(jira: LocalJira, issue: { id: string; key: string }, status: string, by: string) {
  const offered = transitions.parse(await rest(jira, 'GET', `/rest/api/3/issue/${issue.key}/transitions`)).transitions;
  const target = offered.find((t) => t.to.name === status);
  if (!target) throw new Error(`no transition to ${status}`);
  await rest(jira, 'POST', `/rest/api/3/issue/${issue.key}/transitions`, { transition: { id: target.id } });
  return {
    eventType: 'avi:jira:updated:issue',
    atlassianId: by,
    issue: { id: issue.id, key: issue.key, fields: { project: { key: 'DEL' }, status: { name: status } } },
    changelog: {
      id: '10500',
      items: [
        {
          field: 'status',
          fieldtype: 'jira',
          fieldId: 'status',
          from: '1',
          fromString: 'To Do',
          to: target.to.id,
          toString: status,
        },
      ],
    },
    context: { cloudId: 'local', moduleKey: 'kickoff-trigger' },
  };
}

const comments = z.object({ comments: z.array(z.object({ body: z.unknown() })) });

/** The issue's comments as plain text and the links they carry. */
export async function commentsOn(jira: LocalJira, key: string): Promise<Array<{ text: string; links: string[] }>> {
  return comments.parse(await rest(jira, 'GET', `/rest/api/3/issue/${key}/comment`)).comments.map((c) => {
    const json = JSON.stringify(c.body);
    return {
      text: [...json.matchAll(/"text":"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`)).join(''),
      links: [...json.matchAll(/"href":"([^"]+)"/g)].map((m) => m[1] ?? ''),
    };
  });
}
