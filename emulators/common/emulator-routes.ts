import { Hono } from 'hono';
import type { Violation } from './spec-check';

export type EmulatorControls = {
  /** Any emulator's fault controller: knobs in, knobs out, checked by its own schema. */
  faults: { readonly settings: unknown; update(change: Record<string, unknown>): unknown };
  stats: { snapshot(): unknown; reset(): void };
  violations: () => Violation[];
};

/**
 * An emulator's private routes, outside the emulated API: no auth, no faults, no spec
 * check. Tests and scripts use them to turn faults on and off and to read what happened.
 */
export function emulatorRoutes(controls: EmulatorControls) {
  const routes = new Hono();

  /** GET /__emulator/faults — the current fault knobs. */
  routes.get('/faults', (c) => c.json(controls.faults.settings));

  /** POST /__emulator/faults — change some knobs (JSON, same names as the start options). */
  routes.post('/faults', async (c) => {
    let change: unknown;
    try {
      change = await c.req.json();
    } catch {
      return c.json({ error: 'the body must be JSON' }, 400);
    }
    if (typeof change !== 'object' || change === null) return c.json({ error: 'the body must be a JSON object' }, 400);
    try {
      return c.json(controls.faults.update(Object.fromEntries(Object.entries(change))));
    } catch (error) {
      return c.json({ error: error instanceof Error ? error.message : String(error) }, 400);
    }
  });

  /** GET /__emulator/stats — request counts per method and route template, and per status. */
  routes.get('/stats', (c) => c.json(controls.stats.snapshot()));

  /** POST /__emulator/stats/reset — start counting again. */
  routes.post('/stats/reset', (c) => {
    controls.stats.reset();
    return c.json(controls.stats.snapshot());
  });

  /** GET /__emulator/violations — every spec violation recorded (validate: record or strict). */
  routes.get('/violations', (c) => c.json(controls.violations()));

  return routes;
}
