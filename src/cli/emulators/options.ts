import { InvalidArgumentError } from 'commander';

/** What `handoff emulate` takes, for either tracker. */
export type EmulateOptions = {
  port?: number;
  data?: string;
  fresh?: boolean;
  /** Jira only: the site has the Handoff Forge app, with its `issue.property[handoff]` index. */
  appInstalled?: boolean;
  latency: number;
  rateLimit?: { budget: number; windowMs: number };
  rateLimitPreset?: 'free' | 'paid';
  errorRate: number;
  dropRate: number;
  /** Jira only: how far its search trails writes (default the emulator's, as Jira Cloud lags). */
  searchLag?: number;
  /** Asana only: seed the demo workspace as a plain workspace, without teams, not an organization. */
  plainWorkspace?: boolean;
};

export function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

export function parseShare(value: string): number {
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError('expected a share between 0 and 1');
  return n;
}

export function parseRateLimit(value: string): { budget: number; windowMs: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  if (!match || Number(match[1]) < 1 || Number(match[2]) < 1)
    throw new InvalidArgumentError('expected BUDGET/WINDOW_MS, e.g. 100/10000');
  return { budget: Number(match[1]), windowMs: Number(match[2]) };
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('expected a port number');
  return port;
}

/** The fault knobs both emulators share, from the flags. */
export function faultsOf(opts: EmulateOptions) {
  return {
    latencyMs: opts.latency,
    rateLimit: opts.rateLimit ?? null,
    errorRate: opts.errorRate,
    dropRate: opts.dropRate,
  };
}
