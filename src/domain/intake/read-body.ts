import type { z } from 'zod';
import { formatPath, type Result } from '../problem';

/**
 * A CRM body read by its schema, then turned into a deal: both CRMs' readers share this, so a body
 * that is not of the schema's shape is refused the same way, each problem at its field path.
 */
export function readBody<S extends z.ZodType, T>(schema: S, body: unknown, toDeal: (p: z.output<S>) => Result<T>) {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    return {
      ok: false as const,
      problems: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    };
  return toDeal(parsed.data);
}
