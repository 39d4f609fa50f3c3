import { z } from 'zod';
import { changeRequestKey, jiraProjectKey } from '../../domain/record/jira-keys';
import { oneRecord, recordFields } from './payloads';

/** A change request names itself by its Jira key; one of another project is refused before any request. */
const changeKey = changeRequestKey;
const project = { projectKey: jiraProjectKey.optional() };

export const changeKeyPayload = z.strictObject({ ...project, key: changeKey });
export const rejectPayload = z.strictObject({
  ...project,
  key: changeKey,
  reason: z.string().trim().min(1, 'say why the change is rejected').max(2_000),
});
/**
 * A proposal: the edited record, and why each item taken out of it goes (by item id, at most one
 * reason per item of a record of the largest size the panel saves), which each descoped ticket carries.
 */
export const proposePayload = z
  .strictObject({
    ...recordFields,
    reasons: z
      .record(
        z.string().max(500),
        z.string().trim().min(1, 'say why it is descoped').max(2_000, 'keep the reason under 2,000 characters'),
      )
      .refine((reasons) => Object.keys(reasons).length <= 5_000, 'at most 5,000 reasons')
      .optional(),
  })
  .refine(...oneRecord);
export const transferPayload = z.strictObject({
  ...project,
  from: z.email({ error: 'the e-mail of the person handing over' }),
  to: z.email({ error: 'the e-mail of the person taking over' }),
});

export type ChangeKeyPayload = z.input<typeof changeKeyPayload>;
export type ProposePayload = z.input<typeof proposePayload>;
export type RejectPayload = z.input<typeof rejectPayload>;
export type TransferPayload = z.input<typeof transferPayload>;
