import type { RateLimitedUntil } from '../provision/rate-limited';

const TRACKER_NAMES: Record<string, string> = { jira: 'Jira', asana: 'Asana' };

/**
 * The one sentence a run stopped by a rate limit ends with: `Jira's rate limit stops this run
 * until 14:00 UTC; nothing is lost — run the same command again after that`. The time is
 * rounded up to the minute (so "after that" is never early); a reset more than a day ahead
 * also names the date.
 */
export function rateLimitSentence(stop: RateLimitedUntil, now: number): string {
  const name = TRACKER_NAMES[stop.tracker] ?? stop.tracker;
  return (
    `${name}'s rate limit stops this run until ${utcMinute(stop.until, now)}; ` +
    'nothing is lost — run the same command again after that'
  );
}

/** What `--json` prints instead: the same sentence, and the instant to run again after. */
export function rateLimitJson(stop: RateLimitedUntil, now: number) {
  return {
    rateLimited: { tracker: stop.tracker, until: new Date(ceilMinute(stop.until)).toISOString() },
    message: rateLimitSentence(stop, now),
  };
}

function utcMinute(until: number, now: number): string {
  const iso = new Date(ceilMinute(until)).toISOString();
  const time = `${iso.slice(11, 16)} UTC`;
  return until - now > 20 * 3_600_000 ? `${iso.slice(0, 10)} ${time}` : time;
}

function ceilMinute(ms: number): number {
  return Math.ceil(ms / 60_000) * 60_000;
}
