import { z } from 'zod';
import { formatPath, type Problem } from '../../domain/problem';
import { HandoffError } from '../errors';
import { jiraProjectKey } from '../../domain/record/jira-keys';

/**
 * What a resolver call brings, parsed — never cast. The project comes from the Forge context
 * of the project page the user is on; a `projectKey` in a payload is only accepted when it is
 * well-formed and names that same project.
 */
export const resolverContext = z.object({
  accountId: z.string().min(1),
  siteUrl: z.url(),
  extension: z.object({ project: z.object({ key: jiraProjectKey }) }),
});

const project = { projectKey: jiraProjectKey.optional() };

export const emptyPayload = z.strictObject(project);

/** A record as YAML or JSON text (the panel's import; problems get line numbers) or as a parsed object. */
export const recordFields = {
  ...project,
  text: z.string().max(2_000_000).optional(),
  record: z.record(z.string(), z.unknown()).optional(),
};
/** A payload with `recordFields` brings the record one way, never both. */
export const oneRecord = [
  (p: { text?: string; record?: Record<string, unknown> }) => (p.text === undefined) !== (p.record === undefined),
  'send the record as `text` or as `record`, one of the two',
] as const;
export const recordPayload = z.strictObject(recordFields).refine(...oneRecord);

/**
 * A sign-off names only its role: who signs is whoever is signed in (signoff.ts checks that the
 * record's people name them), so a `by` is refused here, never trusted.
 */
export const signOffPayload = z.discriminatedUnion('role', [
  z.strictObject({ ...project, role: z.literal('sales') }),
  z.strictObject({ ...project, role: z.literal('operations') }),
  z.strictObject({
    ...project,
    role: z.literal('delivery'),
    status: z.enum(['ready', 'blocked']),
    blockers: z.array(z.string().trim().min(1)).optional(),
  }),
]);

export type EmptyPayload = z.input<typeof emptyPayload>;
export type RecordPayload = z.input<typeof recordPayload>;
export type SignOffPayload = z.input<typeof signOffPayload>;

/** Parses a payload or context, or throws BAD_REQUEST naming every wrong field. */
export function parseOrRefuse<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems: Problem[] = result.error.issues.map((issue) => ({
    path: formatPath(issue.path.filter((s): s is string | number => typeof s !== 'symbol')),
    message: issue.message,
  }));
  throw new HandoffError(
    'BAD_REQUEST',
    `The ${what} is not valid: ${problems.map((p) => `${p.path || '(top)'}: ${p.message}`).join('; ')}`,
    problems,
  );
}
