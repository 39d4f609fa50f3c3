import { createHash } from 'node:crypto';
import type { App } from '../deps';

/**
 * What a kickoff last told a project (its blockers, or what the app's account lacks), as a
 * digest in KVS (`kickoff-said:<KEY>`). The daily check runs every day while a kickoff issue
 * waits in its kickoff status or the kickoff day has passed: without this it would comment the
 * same blockers on the kickoff issue, and write them to the history, every day. A kickoff a
 * person caused (the issue moved) is always answered; the daily check speaks only when what it
 * has to say changed.
 */
export async function alreadySaid(app: App, projectKey: string, notice: unknown, daily: boolean): Promise<boolean> {
  const key = `kickoff-said:${projectKey}`;
  const digest = createHash('sha256').update(JSON.stringify(notice)).digest('hex');
  const said = daily && (await app.kvs.get(key)) === digest;
  if (!said) await app.kvs.set(key, digest);
  return said;
}
