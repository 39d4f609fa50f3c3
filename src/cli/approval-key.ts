import { signedSeals } from '../usecases/change/signed-seals';
import type { ChangeSeals } from '../usecases/change/seal';
import { CliExit, EXIT } from './exit-codes';

/** At least 128 bits, as hex: `openssl rand -hex 32` gives 256. */
const APPROVAL_KEY = /^[0-9a-fA-F]{32,}$/;

/**
 * The CLI's seals, signed with HANDOFF_APPROVAL_KEY: a change request's state and payload sit
 * on the ticket, where anyone who may edit it can rewrite them, so proposing, deciding and
 * applying need the key only the admin (and those they trust with change control) holds.
 * Read before anything starts or is sent.
 */
export function cliChangeSeals(command: string, env: NodeJS.ProcessEnv = process.env): ChangeSeals {
  const key = approvalKeyOf(env);
  if (!key)
    throw new CliExit(
      EXIT.usage,
      `handoff: change ${command} needs HANDOFF_APPROVAL_KEY, the key that seals change requests so nobody ` +
        'can rewrite one after it was proposed; ask your Handoff admin for it (an admin makes one with ' +
        '`openssl rand -hex 32`)',
    );
  return signedSeals(key);
}

/**
 * HANDOFF_APPROVAL_KEY when set (undefined when not: the caller says what that means), refused
 * when it is too short to be the key an admin made.
 */
export function approvalKeyOf(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const key = env.HANDOFF_APPROVAL_KEY;
  if (!key) return undefined;
  if (!APPROVAL_KEY.test(key))
    throw new CliExit(
      EXIT.usage,
      'handoff: HANDOFF_APPROVAL_KEY must be at least 32 hexadecimal characters (make one with `openssl rand -hex 32`)',
    );
  return key;
}
