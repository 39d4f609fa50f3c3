import type { Context } from 'hono';

/**
 * Only the local page itself may call a local POST route: a JSON body (another site's form
 * cannot send one without a preflight this server never grants) from this origin, when the
 * browser names one.
 */
export function fromThePage(c: Context): boolean {
  const origin = c.req.header('origin');
  return (
    Boolean(c.req.header('content-type')?.startsWith('application/json')) &&
    (!origin || origin === new URL(c.req.url).origin)
  );
}
