import { z } from 'zod';
import type { Plan } from '../../domain/plan/plan';
import type { ProvisionReport } from '../../provision/report';
import { TRIGGERS } from '../../domain/run-trigger';

const itemKey = z.object({ itemId: z.string(), key: z.string() });
export const itemFailure = z.object({ itemId: z.string(), error: z.string() });
export const linkFailure = z.object({ blocked: z.string(), blocker: z.string(), error: z.string() });
export type ItemFailure = z.infer<typeof itemFailure>;
export type LinkFailure = z.infer<typeof linkFailure>;
/** A run's failures, kept beside its journal in pages (storage/run-failures.ts), never inside it. */
export type RunFailures = { items: ItemFailure[]; links: LinkFailure[] };

/**
 * Every item's final outcome: created by this run, found from before, or failed with Jira's reason.
 * The journal keeps the failures as counts: their reasons are in the run's failure pages, which
 * can hold thousands of them where one KVS value (240 KiB) could not.
 */
/**
 * A count of failures. Journals written before the failures were paged kept them as lists, which
 * read as their length: a run provisioned before an upgrade stays "done" (so its record still
 * takes changes as proposals), its failures counted though their reasons are gone.
 */
const failureCount = z.union([z.number().int(), z.array(z.unknown()).transform((list) => list.length)]);
const storedOutcome = z.object({
  created: z.array(itemKey),
  existing: z.array(itemKey),
  failed: failureCount,
  links: z.object({ created: z.number(), existing: z.number(), failed: failureCount }),
});
export type StoredOutcome = z.infer<typeof storedOutcome>;
/** The outcome as the panel and the kickoff comment get it: the counts with the failures read back. */
export type RunOutcome = Omit<StoredOutcome, 'failed' | 'links'> & {
  failed: ItemFailure[];
  links: { created: number; existing: number; failed: LinkFailure[] };
};

/**
 * One provisioning run of a project's record, kept in storage while it runs (one slice per
 * queue event) and after: what the status resolver shows, and what each slice continues from.
 */
export const journalSchema = z.object({
  runId: z.string(),
  recordId: z.string(),
  title: z.string(),
  planHash: z.string(),
  /** The day the gate said go: every slice plans with it, so all slices apply the same plan. */
  today: z.string(),
  trigger: z.enum(TRIGGERS),
  /** accountId of whoever started it, or `app` for the triggers. */
  by: z.string(),
  /**
   * Their name as Jira gave it when the run started, so the page names who provisioned without
   * a request per load; null for the triggers, when Jira did not say, and for older journals.
   */
  byName: z.string().nullable().default(null),
  /** The issue that gets the outcome as a comment (the kickoff issue). */
  commentOn: z.string().nullable(),
  state: z.enum(['running', 'done', 'failed']),
  startedAt: z.string(),
  updatedAt: z.string(),
  slices: z.number().int(),
  /** Slices in a row that could not send a single request (Jira kept rate limiting). */
  idleSlices: z.number().int(),
  /**
   * ISO instant Jira's rate limit resets at, while the run waits for it (its next slice is
   * queued to start then); null while it works. Journals from before it was kept have none.
   */
  waitingUntil: z.string().nullable().default(null),
  progress: z.object({
    phase: z.enum(['queued', 'search', 'create', 'link', 'done']),
    done: z.number(),
    total: z.number(),
  }),
  /** E-mail → account, looked up once when the gate said go. */
  accounts: z.record(z.string(), z.string().nullable()),
  /** itemIds that existed before this run wrote anything; null until its first write. */
  preExisting: z.array(z.string()).nullable(),
  /**
   * How many pages of failures the run has written (storage/run-failures.ts): what failed so far,
   * which a later slice answers from instead of asking Jira again, and once done the outcome's.
   */
  failurePages: z.number().int().default(0),
  linksCreated: z.number().int(),
  outcome: storedOutcome.nullable(),
  error: z.string().nullable(),
});
export type Journal = z.infer<typeof journalSchema>;

/**
 * What the status resolver shows of a run: the journal without the working memory of its
 * slices, and its outcome with the failures read back from their pages.
 */
export const runViewSchema = journalSchema.omit({
  accounts: true,
  preExisting: true,
  failurePages: true,
  outcome: true,
});
export type RunView = z.infer<typeof runViewSchema> & { outcome: RunOutcome | null };

/** The outcome the journal keeps: the failures counted, their reasons left to the pages. */
export function storedOutcomeOf(outcome: RunOutcome): StoredOutcome {
  return {
    ...outcome,
    failed: outcome.failed.length,
    links: { ...outcome.links, failed: outcome.links.failed.length },
  };
}

/** The outcome with the failures its journal counted, read back from the run's pages. */
export function outcomeWith(outcome: StoredOutcome, failures: RunFailures): RunOutcome {
  return { ...outcome, failed: failures.items, links: { ...outcome.links, failed: failures.links } };
}

export type JournalStart = Pick<Journal, 'runId' | 'trigger' | 'by' | 'byName' | 'commentOn' | 'today'> & {
  plan: Plan;
  accounts: ReadonlyMap<string, string | null>;
  at: string;
};

export function startJournal(start: JournalStart): Journal {
  return {
    runId: start.runId,
    recordId: start.plan.recordId,
    title: start.plan.title,
    planHash: start.plan.hash,
    today: start.today,
    trigger: start.trigger,
    by: start.by,
    byName: start.byName,
    commentOn: start.commentOn,
    state: 'running',
    startedAt: start.at,
    updatedAt: start.at,
    slices: 0,
    idleSlices: 0,
    waitingUntil: null,
    progress: { phase: 'queued', done: 0, total: start.plan.items.length },
    accounts: Object.fromEntries(start.accounts),
    preExisting: null,
    failurePages: 0,
    linksCreated: 0,
    outcome: null,
    error: null,
  };
}

/**
 * The run's outcome from its last slice's report. That report sees items made by earlier
 * slices as existing; what existed before the run (`preExisting`) tells the two apart.
 */
export function finalOutcome(journal: Journal, plan: Plan, report: ProvisionReport): RunOutcome {
  const before = new Set(journal.preExisting ?? report.existing.map((e) => e.itemId));
  // In plan order (the parent first), whichever slice made them.
  const order = new Map(plan.items.map((item, i) => [item.itemId, i]));
  const made = [...report.created, ...report.existing].sort(
    (a, b) => (order.get(a.itemId) ?? 0) - (order.get(b.itemId) ?? 0),
  );
  const linksBefore = journal.linksCreated - report.links.created;
  return {
    created: made.filter((i) => !before.has(i.itemId)),
    existing: made.filter((i) => before.has(i.itemId)),
    failed: report.failed,
    links: {
      created: journal.linksCreated,
      existing: Math.max(0, report.links.existing - linksBefore),
      failed: report.links.failed,
    },
  };
}
