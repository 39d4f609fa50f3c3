import { z } from 'zod';
import { jiraIssueKey, jiraProjectKey, projectOfIssueKey } from '../../domain/record/jira-keys';
import { HandoffError } from '../errors';
import { parseOrRefuse } from '../resolvers/payloads';

/**
 * An action's project, as a rule configures it: a project key (`DEL`, or `{{project.key}}`),
 * or an issue key (`{{issue.key}}`, the rule's issue) whose project it is. Automation hands over
 * a field left empty as an empty string, so empty counts as not given; other fields (Rovo's
 * `context`, anything Automation adds) are not ours to refuse.
 */
const blank = (value: unknown) => (value === '' || value === null ? undefined : value);
export const projectInput = z.object({
  projectKey: z.preprocess(blank, jiraProjectKey.optional()),
  issueKey: z.preprocess(blank, jiraIssueKey.optional()),
});

/** The project key the payload names, or a refusal that says which input to fill in. */
export function projectOf(payload: unknown): string {
  const { projectKey, issueKey } = parseOrRefuse(projectInput, payload, 'step’s input');
  if (projectKey && issueKey && projectOfIssueKey(issueKey) !== projectKey)
    throw new HandoffError('BAD_REQUEST', `${issueKey} is not an issue of ${projectKey}: give one or the other.`, [
      { path: 'issueKey', message: `must be an issue of ${projectKey}` },
    ]);
  const key = projectKey ?? (issueKey && projectOfIssueKey(issueKey));
  if (!key)
    throw new HandoffError(
      'BAD_REQUEST',
      'Say which project: set the step’s project key (e.g. {{project.key}}) or issue key (e.g. {{issue.key}}).',
      [{ path: 'projectKey', message: 'give a project key or an issue key' }],
    );
  return key;
}
