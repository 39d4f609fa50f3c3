import type { LocalJira } from '../../emulators/jira/index';

/**
 * Runs a test's own read of the local Jira as the site answers once its search index has
 * caught up (no lag), then puts the lag back: the test's eyes must not share the product's
 * handicap, or a missing issue and a lagging one look the same.
 */
export async function caughtUp<T>(jira: Pick<LocalJira, 'faults'>, read: () => Promise<T>): Promise<T> {
  const { searchLagMs } = jira.faults.settings;
  jira.faults.update({ searchLagMs: 0 });
  try {
    return await read();
  } finally {
    jira.faults.update({ searchLagMs });
  }
}
