import { z } from 'zod';

/** The shapes of Jira responses the adapter reads: parsed, never cast. */
export const userList = z.array(
  z.object({
    accountId: z.string(),
    accountType: z.string().optional(),
    emailAddress: z.string().optional(),
    active: z.boolean().optional(),
  }),
);

const linkedIssue = z.object({ key: z.string() });
export const issueLinks = z.array(
  z.object({
    id: z.string().optional(),
    type: z.object({ id: z.string() }),
    outwardIssue: linkedIssue.optional(),
    inwardIssue: linkedIssue.optional(),
  }),
);
export const status = z.object({
  id: z.string(),
  name: z.string(),
  statusCategory: z.object({ key: z.string() }).optional(),
});

const issueBean = z.object({
  id: z.string(),
  key: z.string(),
  properties: z.record(z.string(), z.unknown()).optional(),
  fields: z
    .object({
      issuelinks: issueLinks.optional(),
      summary: z.string().optional(),
      assignee: z.object({ accountId: z.string(), emailAddress: z.string().optional() }).nullable().optional(),
      duedate: z.string().nullable().optional(),
      status: status.optional(),
      labels: z.array(z.string()).optional(),
      created: z.string().optional(),
    })
    .optional(),
});
export type IssueBean = z.infer<typeof issueBean>;

export const searchPage = z.object({
  issues: z.array(issueBean).default([]),
  nextPageToken: z.string().optional(),
  isLast: z.boolean().optional(),
});

/** POST /rest/api/3/issue/bulkfetch: issues not found or not visible are simply absent. */
export const bulkFetched = z.object({ issues: z.array(issueBean).default([]) });

export const linkTypes = z.object({
  issueLinkTypes: z.array(z.object({ id: z.string(), name: z.string(), inward: z.string(), outward: z.string() })),
});

export const bulkCreated = z.object({
  issues: z.array(z.object({ id: z.string(), key: z.string() })).default([]),
  errors: z
    .array(
      z.object({
        failedElementNumber: z.number(),
        status: z.number().optional(),
        elementErrors: z
          .object({
            errorMessages: z.array(z.string()).optional(),
            errors: z.record(z.string(), z.string()).optional(),
          })
          .optional(),
      }),
    )
    .default([]),
});

/** Jira's error body: `{ errorMessages: [...], errors: { field: message } }`. */
export const errorBody = z.object({
  errorMessages: z.array(z.string()).optional(),
  errors: z.record(z.string(), z.string()).optional(),
});

export function errorText(body: z.infer<typeof errorBody>): string {
  const fields = Object.entries(body.errors ?? {}).map(([field, message]) => `${field}: ${message}`);
  return [...(body.errorMessages ?? []), ...fields].join('; ') || 'no details';
}
