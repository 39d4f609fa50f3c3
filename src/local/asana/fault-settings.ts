import { z } from 'zod';
import { faultKnobs } from '../common/fault-knobs.ts';
import type { RateLimit } from '../common/rate-limiter.ts';

/** Asana's standard rate limits, per token and per minute: free domains 150, paid ones 1,500. */
export const RATE_LIMIT_PRESETS = {
  free: { budget: 150, windowMs: 60_000, readCost: 1, writeCost: 1 },
  paid: { budget: 1500, windowMs: 60_000, readCost: 1, writeCost: 1 },
} as const satisfies Record<string, RateLimit>;

/**
 * The misbehaviours the real Asana API shows under load, all off by default: the common
 * knobs, and Asana's own rate limits as a preset (an explicit `rateLimit` wins over it).
 */
export const faultSettings = z.strictObject({
  ...faultKnobs,
  rateLimitPreset: z.enum(['free', 'paid']).nullable().default(null),
});

export type FaultSettings = z.infer<typeof faultSettings>;
export type FaultSettingsInput = z.input<typeof faultSettings>;

/** The limit in force: the explicit one, else the preset's, else none. */
export function rateLimitOf(settings: FaultSettings): RateLimit | null {
  return settings.rateLimit ?? (settings.rateLimitPreset ? RATE_LIMIT_PRESETS[settings.rateLimitPreset] : null);
}
