import type { RunView } from '../../../../src/forge/queue/journal';

/** The run's progress in words and as a share, phase by phase as the engine reports it. */
export function describeProgress(run: RunView): { label: string; share: number | null } {
  const { phase, done, total } = run.progress;
  const of = total > 0 ? ` ${done} of ${total}` : '';
  if (run.waitingUntil)
    return {
      label: `Waiting for Jira's rate limit until ${utcTime(run.waitingUntil)}; it carries on by itself then`,
      share: total > 0 && phase !== 'queued' ? done / total : null,
    };
  switch (phase) {
    case 'queued':
      return { label: 'Queued: waiting for the background worker', share: null };
    case 'search':
      return { label: `Looking for issues made before:${of}`, share: null };
    case 'create':
      return { label: `Creating issues:${of}`, share: total > 0 ? done / total : null };
    case 'link':
      return { label: `Linking issues:${of}`, share: total > 0 ? done / total : null };
    case 'done':
      return { label: 'Done', share: 1 };
  }
}

/** `2026-12-01T14:00:00.000Z` → `14:00 UTC`: Jira's quotas reset on the UTC hour. */
function utcTime(iso: string): string {
  return `${iso.slice(11, 16)} UTC`;
}
