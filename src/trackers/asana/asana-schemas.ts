import { z } from 'zod';
import { TrackerError } from '../../provision/tracker-error';

/** The Asana response shapes the adapter reads: parsed, never cast. */
export const envelope = <T extends z.ZodType>(data: T) => z.object({ data });

export const compact = z.object({ gid: z.string() }).loose();

/** A task with the fields the adapter reads; a request names the ones it needs in `opt_fields`. */
export const task = z.object({
  gid: z.string(),
  name: z.string().optional(),
  notes: z.string().optional(),
  external: z
    .object({ gid: z.string().nullable().optional(), data: z.string().nullable().optional() })
    .nullable()
    .optional(),
  dependents: z.array(compact).optional(),
  assignee: z.object({ gid: z.string() }).nullable().optional(),
  due_on: z.string().nullable().optional(),
  completed: z.boolean().optional(),
  completed_at: z.string().nullable().optional(),
  completed_by: z.object({ gid: z.string(), name: z.string().optional() }).nullable().optional(),
  created_at: z.string().optional(),
  memberships: z
    .array(z.object({ section: z.object({ gid: z.string(), name: z.string().optional() }).optional() }))
    .optional(),
});

export const taskPage = z.object({
  data: z.array(task),
  next_page: z.object({ offset: z.string() }).nullable().optional(),
});

/** One result per batch action, in order: `{ status_code, body }`. */
export const batchResults = z.object({
  data: z.array(
    z.object({
      status_code: z.number(),
      body: z
        .object({
          // A created object has a gid; addDependencies answers `{ data: {} }`.
          data: z.object({ gid: z.string().optional() }).loose().optional(),
          errors: z.array(z.object({ message: z.string() })).optional(),
        })
        .loose()
        .nullable()
        .optional(),
    }),
  ),
});

export function read<T extends z.ZodType>(schema: T, value: unknown, operation: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new TrackerError({
    tracker: 'asana',
    operation,
    status: 200,
    detail: `unexpected response: ${result.error.issues[0]?.message ?? 'invalid'}`,
  });
}

/**
 * A batch whose actions met 5xx or 429 may have done part of its work: that is the engine's
 * ambiguous case (search, then send what is missing), so it is raised as one transient error
 * instead of being reported as final per-item failures.
 */
export function throwIfAmbiguous(results: z.output<typeof batchResults>['data'], operation: string): void {
  const troubled = results.filter((r) => r.status_code >= 500 || r.status_code === 429);
  if (troubled.length === 0) return;
  throw new TrackerError({
    tracker: 'asana',
    operation,
    status: 503,
    detail:
      `${troubled.length} of ${results.length} batch actions failed ` +
      `with ${[...new Set(troubled.map((r) => r.status_code))].join('/')}`,
  });
}
