import { defaultRetryPolicy, type RetryPolicy } from '../provision/retry';
import { waitSentence } from '../provision/wait-notice';
import type { CliIo } from './io';

/**
 * The CLI's retry policy: the product's one policy, telling every wait on stderr — also under
 * `--json`, whose stdout stays one JSON document — so a run that waits on a tracker says why.
 */
export function cliRetryPolicy(io: CliIo): RetryPolicy {
  return { ...defaultRetryPolicy, onWait: (notice) => io.err(waitSentence(notice)) };
}
