import { z } from 'zod';
import { jiraIssueKey, jiraProjectKey } from '../../domain/record/jira-keys';

/** A change request names itself by its Jira key; one of another project is refused before any request. */
const changeKey = jiraIssueKey;
const project = { projectKey: jiraProjectKey.optional() };

export const changeKeyPayload = z.strictObject({ ...project, key: changeKey });
export const rejectPayload = z.strictObject({
  ...project,
  key: changeKey,
  reason: z.string().trim().min(1, 'say why the change is rejected').max(2_000),
});
export const transferPayload = z.strictObject({
  ...project,
  from: z.email({ error: 'the e-mail of the person handing over' }),
  to: z.email({ error: 'the e-mail of the person taking over' }),
});

export type ChangeKeyPayload = z.input<typeof changeKeyPayload>;
export type RejectPayload = z.input<typeof rejectPayload>;
export type TransferPayload = z.input<typeof transferPayload>;
