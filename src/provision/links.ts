import type { Plan } from '../domain/plan.ts';
import type { ExistingItem, Tracker } from './tracker.ts';
import pLimit from 'p-limit';
import type { Sender } from './retry.ts';
import { TrackerError } from './tracker-error.ts';
import type { ProvisionProgress, ProvisionReport } from './report.ts';

type LinkContext = {
  keys: ReadonlyMap<string, string>;
  found: ReadonlyMap<string, ExistingItem>;
  send: Sender;
  concurrency: number;
  report: ProvisionReport;
  onProgress: ((progress: ProvisionProgress) => void) | undefined;
};

/**
 * "Blocks" links, once both ends exist. Links already in the tracker (seen by the search) are
 * not made again; linking is idempotent in both trackers, so a retried request is safe.
 */
export async function linkPlan(plan: Plan, tracker: Tracker, ctx: LinkContext): Promise<void> {
  const blockersOf = new Map<string, string[]>();
  for (const item of plan.items) {
    for (const blocked of item.blocks) blockersOf.set(blocked, [...(blockersOf.get(blocked) ?? []), item.itemId]);
  }
  const total = [...blockersOf.values()].reduce((n, list) => n + list.length, 0);
  let done = 0;
  // Links are independent of one another: several in flight at once, every one under the
  // run's shared rate-limit pause.
  const limit = pLimit(ctx.concurrency);
  await Promise.all([...blockersOf].map(([blocked, blockers]) => limit(async () => {
    const blockedKey = ctx.keys.get(blocked);
    const toLink: string[] = [];
    for (const blocker of blockers) {
      const blockerKey = ctx.keys.get(blocker);
      if (!blockedKey || !blockerKey) {
        ctx.report.links.failed.push({ blocked, blocker, error: `not linked: ${!blockedKey ? blocked : blocker} was not created` });
      } else if (ctx.found.get(blocker)?.blocks.includes(blockedKey)) ctx.report.links.existing += 1;
      else toLink.push(blockerKey);
    }
    if (blockedKey && toLink.length) await createLinks(tracker, blocked, blockedKey, toLink, ctx);
    done += blockers.length;
    ctx.onProgress?.({ phase: 'link', done, total });
  })));
}

async function createLinks(tracker: Tracker, blocked: string, blockedKey: string, blockerKeys: string[], ctx: LinkContext): Promise<void> {
  try {
    const outcomes = await ctx.send(() => tracker.createLinks(blockedKey, blockerKeys), 'idempotent-write');
    for (const outcome of outcomes) {
      if (outcome.ok) ctx.report.links.created += 1;
      else ctx.report.links.failed.push({ blocked, blocker: outcome.blocker, error: outcome.error });
    }
  } catch (error) {
    if (!(error instanceof TrackerError)) throw error;
    for (const blocker of blockerKeys) ctx.report.links.failed.push({ blocked, blocker, error: error.message });
  }
}
