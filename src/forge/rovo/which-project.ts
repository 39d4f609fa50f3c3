import { z } from 'zod';
import { JIRA_PROJECT_KEY, jiraIssueKey, jiraProjectKey, projectOfIssueKey } from '../../domain/record/jira-keys';
import { validateRecord } from '../../domain/record/read-record';
import type { App } from '../deps';
import { HandoffError } from '../errors';
import { invocationRights } from '../jira/permission-cache';

/**
 * Which handoff a question is about. Rovo passes the action's inputs with a `context` of where
 * the chat runs (`context.jira.projectKey` / `issueKey` inside Jira, per Forge's Rovo examples);
 * `project` is what the person named: a project key (DEL) or words of the customer or the
 * record's title ("Acme"). Unknown fields are Rovo's, not refused.
 */
const where = z
  .object({
    project: z.string().trim().max(200).optional(),
    context: z
      .object({
        jira: z.object({ projectKey: jiraProjectKey.optional(), issueKey: jiraIssueKey.optional() }).partial(),
      })
      .partial()
      .optional()
      .catch(undefined),
  })
  .catch({});

/**
 * The project key of the handoff asked about. A name is matched against the saved records of
 * the projects the person can browse only — a record they cannot see is never named to them,
 * not even as a choice. Several matches are a question back, with the choices.
 */
export async function whichProject(app: App, payload: unknown, accountId: string): Promise<string> {
  const { project, context: chat } = where.parse(payload);
  if (project) {
    // "DEL" is a key even without a record (the answer says it has none); "acme" or "del" may be a name.
    const key = project.toUpperCase();
    if (JIRA_PROJECT_KEY.test(key) && (key === project || (await app.store.project(key)))) return key;
    return byName(app, project, accountId);
  }
  const here = chat?.jira?.projectKey ?? (chat?.jira?.issueKey && projectOfIssueKey(chat.jira.issueKey));
  if (here) return here;
  throw new HandoffError(
    'BAD_REQUEST',
    'Which handoff? Ask for the customer’s name or the Jira project key, and pass it as `project`.',
    [{ path: 'project', message: 'name the customer or give the project key' }],
  );
}

async function byName(app: App, name: string, accountId: string): Promise<string> {
  const words = name
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const rightsOf = invocationRights(app);
  const matches: Array<{ key: string; title: string }> = [];
  for (const entry of await app.store.projects()) {
    const stored = await app.store.loadRecord(entry.projectKey);
    const valid = stored && validateRecord(stored.record);
    if (!valid?.ok) continue;
    const { title, customer, id } = valid.value;
    const text = `${title} ${customer.company} ${id}`.toLowerCase();
    if (!words.every((w) => text.includes(w))) continue;
    if ((await rightsOf({ accountId }, entry.projectKey)).BROWSE_PROJECTS)
      matches.push({ key: entry.projectKey, title });
  }
  const [only, ...more] = matches;
  if (only && more.length === 0) return only.key;
  if (!only)
    throw new HandoffError('NOT_FOUND', `No handoff you can see matches “${name}”; ask for the Jira project key.`);
  throw new HandoffError(
    'BAD_REQUEST',
    `“${name}” matches ${matches.length} handoffs: ${matches.map((m) => `${m.title} (${m.key})`).join(', ')}. ` +
      'Ask which one, and pass its project key as `project`.',
  );
}
