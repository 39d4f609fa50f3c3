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
 * The issue's fields as the event carries them: those the events reference documents for the
 * payload, plus `labels`, which the trigger asks for (`payload.include.fields` in manifest.yml).
 */
async function eventFields(jira: LocalJira, key: string): Promise<Record<string, unknown>> {
  const documented = 'summary,issuetype,creator,created,project,reporter,assignee,updated,status';
  return z
    .object({ fields: z.record(z.string(), z.unknown()) })
    .parse(await rest(jira, 'GET', `/rest/api/3/issue/${key}?fields=${documented},labels`)).fields;
}

const updated = (
  issue: { id: string; key: string },
  by: string,
  fields: Record<string, unknown>,
  items: unknown[],
) => ({
  eventType: 'avi:jira:updated:issue',
  atlassianId: by,
  issue: { id: issue.id, key: issue.key, fields },
  changelog: { id: '10500', items },
  context: { cloudId: 'local', moduleKey: 'kickoff-trigger' },
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
  return updated(issue, by, await eventFields(jira, issue.key), [
    {
      field: 'status',
      fieldtype: 'jira',
      fieldId: 'status',
      from: '1',
      fromString: 'To Do',
      to: target.to.id,
      toString: status,
    },
  ]);
}

/** Edits plain fields (summary, description, due date…) through Jira and returns the event for it. */
export async function edit(jira: LocalJira, issue: { id: string; key: string }, fields: Record<string, string>) {
  await rest(jira, 'PUT', `/rest/api/3/issue/${issue.key}`, { fields });
  const items = Object.entries(fields).map(([field, value]) => ({
    field,
    fieldtype: 'jira',
    fieldId: field,
    from: null,
    fromString: null,
    to: null,
    toString: value,
  }));
  return updated(issue, 'someone', await eventFields(jira, issue.key), items);
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
