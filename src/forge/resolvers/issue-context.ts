import { z } from 'zod';
import { evaluateGate } from '../../domain/gate/gate';
import { buildPlan } from '../../domain/plan/plan';
import type { Plan, PlanItem, PlanItemKind } from '../../domain/plan/plan-types';
import { validateRecord } from '../../domain/record/read-record';
import { jiraIssueKey, jiraProjectKey } from '../../domain/record/jira-keys';
import type { HandoffRecord } from '../../domain/record/record';
import { blockLinks } from '../../domain/trace/item-links';
import { riskOf } from '../../domain/trace/item-risk';
import { issueCoverage, type IssueCoverage } from '../../domain/trace/issue-coverage';
import type { App } from '../deps';
import { ownKey, reviewAs, type ReviewView } from './change-resolvers';
import { readContextIssue, type ContextIssue, type IssueState } from './issue-context-read';
import { touchingChanges, type TouchingChange } from './issue-context-changes';
import type { ResolverResult } from '../errors';
import { defineHandler, type Caller } from './resolver-kit';

/** The issue the context panel is open on: Forge's context names it, the panel passes it on. */
export const issueContextPayload = z.strictObject({ projectKey: jiraProjectKey.optional(), issueKey: jiraIssueKey });
export type IssueContextPayload = z.input<typeof issueContextPayload>;

export type IssueRef = { key: string; url: string; summary: string; state: IssueState | null };

/** The project's record as an issue shows it: which deal, whether its gate says go, where provisioning stands. */
export type RecordSummary = {
  id: string;
  title: string;
  gate: { decision: 'go' | 'not-yet'; blockers: number };
  run: { state: 'running' | 'done' | 'failed'; startedAt: string } | null;
};

/** Another item of the plan, linked by a Blocks link: its issue (null key: not made yet) and its state. */
export type TracedLink = {
  itemId: string;
  title: string;
  due: string | null;
  key: string | null;
  url: string | null;
  state: IssueState | null;
  /** Jira links the two issues: false when the link is missing there (removed by hand, or never made). */
  linked: boolean;
};

/** The promise (or dependency, risk, question) an issue stands for, in the record's words. */
export type TracedItem = {
  itemId: string;
  kind: PlanItemKind;
  title: string;
  detail: string | null;
  /** Where it was promised: the label names the kind, section and timestamp; `url` is the source link. */
  source: { label: string; url: string | null } | null;
  owner: { email: string | null; field: string | null; name: string | null };
  due: string | null;
  group: string | null;
  /** The record no longer plans it: why (an exclusion's reason), or null when it is simply gone. */
  descoped: { reason: string | null } | null;
};

export type IssueContextView =
  | { kind: 'none'; issue: IssueRef; why: string }
  | { kind: 'change'; issue: IssueRef; record: RecordSummary | null; review: ReviewView }
  | {
      kind: 'item';
      issue: IssueRef;
      record: RecordSummary | null;
      item: TracedItem;
      coverage: IssueCoverage;
      /** Why it is at risk, or null when it is on track. */
      risk: string | null;
      blocks: TracedLink[];
      blockedBy: TracedLink[];
      changes: TouchingChange[];
    };

/**
 * Everything the issue context shows, in one resolver call: one Jira request as the user (the
 * issue with its links and the app's properties — permission already checked by the resolver
 * kit) and the app's own storage (the record, the ledger and journal that map items to issue
 * keys, the history of change requests). A change request is reviewed as on the project page.
 */
export async function issueContext(app: App, caller: Caller, issueKey: string): Promise<IssueContextView> {
  const issue = await readContextIssue(caller.jira, ownKey(caller, issueKey), caller.policy);
  const urlOf = (key: string) => `${caller.siteUrl.replace(/\/+$/, '')}/browse/${encodeURIComponent(key)}`;
  const ref: IssueRef = { key: issue.key, url: urlOf(issue.key), summary: issue.summary, state: issue.state };
  const record = await savedRecord(app, caller.projectKey);
  const summary = record && (await summarize(app, caller.projectKey, record));
  if (issue.isChangeRequest)
    return { kind: 'change', issue: ref, record: summary, review: await reviewAs(app, caller, issue.key) };
  if (!issue.mark)
    return { kind: 'none', issue: ref, why: `${issue.key} was not made by Handoff: it stands for no promise.` };

  const plan = record && record.id === issue.mark.recordId ? buildPlan(record, { target: 'jira' }) : null;
  const keys = plan ? await issueKeys(app, caller.projectKey, plan.recordId) : new Map<string, string>();
  const traced = (itemId: string): TracedLink => {
    const item = plan?.items.find((i) => i.itemId === itemId);
    const key = keys.get(itemId) ?? null;
    const link = key === null ? undefined : issue.links.find((l) => l.key === key && l.linkType === 'Blocks');
    return {
      itemId,
      title: item?.summary ?? itemId,
      due: item?.due ?? null,
      key,
      url: key && urlOf(key),
      state: link?.state ?? null,
      linked: link !== undefined,
    };
  };
  const { blocks, blockedBy } = plan ? blockLinks(plan, issue.mark.itemId) : { blocks: [], blockedBy: [] };
  const item = tracedItem(issue, plan, record);
  const waitingOn = blockedBy.map(traced);
  const ledger = plan && (await app.store.ledger(caller.projectKey, plan.recordId).load());
  const history = (await app.store.history(caller.projectKey, Number.MAX_SAFE_INTEGER)).entries;
  return {
    kind: 'item',
    issue: ref,
    record: summary,
    item,
    coverage: issueCoverage(issue.mark, plan, {
      summary: issue.summary,
      due: issue.due,
      assigneeEmail: issue.assignee === null ? null : issue.assignee.email,
    }),
    risk: item.descoped
      ? null
      : riskOf(
          { due: item.due, done: issue.state?.done ?? false },
          waitingOn.flatMap((w) => (w.key && w.state ? [{ key: w.key, due: w.due, done: w.state.done }] : [])),
          app.today(),
        ),
    blocks: blocks.map(traced),
    blockedBy: waitingOn,
    changes: touchingChanges(issue.links, history, ledger?.changes ?? [], urlOf),
  };
}

async function savedRecord(app: App, projectKey: string): Promise<HandoffRecord | null> {
  const stored = await app.store.loadRecord(projectKey);
  const valid = stored && validateRecord(stored.record);
  return valid && valid.ok ? valid.value : null;
}

/** The gate on the record alone (no people or screens lookups: those are the project page's), and the last run. */
async function summarize(app: App, projectKey: string, record: HandoffRecord): Promise<RecordSummary> {
  const gate = evaluateGate(record, { today: app.today() });
  const journal = await app.store.loadJournal(projectKey);
  return {
    id: record.id,
    title: record.title,
    gate: { decision: gate.decision, blockers: gate.blockers.length },
    run: journal && journal.recordId === record.id ? { state: journal.state, startedAt: journal.startedAt } : null,
  };
}

/** Item id → issue key: what the last run made or found (journal) and every create Jira answered (ledger). */
async function issueKeys(app: App, projectKey: string, recordId: string): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  const journal = await app.store.loadJournal(projectKey);
  if (journal?.recordId === recordId && journal.outcome)
    for (const { itemId, key } of [...journal.outcome.created, ...journal.outcome.existing]) keys.set(itemId, key);
  for (const { itemId, key } of (await app.store.ledger(projectKey, recordId).load()).created) keys.set(itemId, key);
  return keys;
}

function tracedItem(issue: ContextIssue, plan: Plan | null, record: HandoffRecord | null): TracedItem {
  const itemId = issue.mark?.itemId ?? '';
  const item = plan?.items.find((i) => i.itemId === itemId);
  const owner = { name: issue.assignee?.name ?? null };
  if (item) return fromPlan(item, owner.name);
  const excluded = plan?.exclusions.find((e) => e.itemId === itemId);
  return {
    itemId,
    kind: kindOf(itemId),
    title: excluded?.title ?? issue.summary,
    detail: null,
    source: null,
    owner: { email: issue.assignee?.email ?? null, field: null, name: owner.name },
    due: issue.due,
    group: null,
    // A mark of another record is not "descoped" from this one: coverage says which record it was.
    descoped: record && plan ? { reason: excluded?.reason ?? null } : null,
  };
}

function fromPlan(item: PlanItem, ownerName: string | null): TracedItem {
  return {
    itemId: item.itemId,
    kind: item.kind,
    title: item.summary,
    detail: item.description.detail,
    source: item.description.source,
    owner: { email: item.assignee, field: item.assigneePath, name: ownerName },
    due: item.due,
    group: item.group,
    descoped: null,
  };
}

/** `<recordId>/<kind>/<id>`: the kind an item id names. */
function kindOf(itemId: string): PlanItemKind {
  const kind = itemId.split('/')[1];
  return kind === 'parent' || kind === 'dependency' || kind === 'question' || kind === 'risk' ? kind : 'promise';
}

/** The issue context's resolver, by name (part of `HandoffDefinitions`). */
export type IssueContextDefinitions = {
  issueContext: (payload: IssueContextPayload) => ResolverResult<IssueContextView>;
};

export function issueContextResolvers(app: App) {
  return {
    issueContext: defineHandler(app, issueContextPayload, ({ issueKey }, caller) =>
      issueContext(app, caller, issueKey),
    ),
  };
}
