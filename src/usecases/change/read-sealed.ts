import type { ChangeRequest, Refusal } from '../../provision/change-types';
import type { ChangeTracker } from '../../provision/change-tracker';
import { createSender } from '../../provision/retry';
import type { ChangeOptions } from './propose';
import { sealRefusal } from './seal';

type Sender = ReturnType<typeof createSender>;

/**
 * A change request read back and trusted: it exists, and its seal says nobody rewrote its
 * state or payload since it was proposed — what reviewing and deciding both stand on. `done`
 * says what does not happen when it cannot be trusted ("shown", "decided"). The sender and the
 * request count go on with the caller's next requests.
 */
export async function readSealedRequest(
  tracker: ChangeTracker,
  key: string,
  options: Pick<ChangeOptions, 'policy' | 'seals'>,
  done: string,
): Promise<{ kind: 'read'; request: ChangeRequest; send: Sender; calls: () => number } | Refusal> {
  const send = createSender(options.policy);
  const start = tracker.requests();
  const calls = () => tracker.requests() - start;
  const request = await send(() => tracker.readChangeRequest(key), 'read');
  if (!request)
    return { kind: 'refused', why: 'not-found', reason: `${key} is not a Handoff change request`, calls: calls() };
  const unsealed = await sealRefusal(options.seals, request, done);
  if (unsealed) return { kind: 'refused', ...unsealed, calls: calls() };
  return { kind: 'read', request, send, calls };
}
