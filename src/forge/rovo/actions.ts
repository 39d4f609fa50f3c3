import { z } from 'zod';
import { formatIsoDay } from '../../domain/dates/calendar';
import { resolveDate, resolveTimeline } from '../../domain/dates/timeline';
import type { Problem } from '../../domain/problem';
import type { HandoffRecord } from '../../domain/record/record';
import { asInvoker, invokerOf } from '../automation/action-caller';
import type { PageUrl } from '../automation/actions';
import { queueProvisioning } from '../automation/queue-provisioning';
import { fieldOf, readinessOf } from '../automation/readiness';
import { appOf, type App, type ForgeDeps } from '../deps';
import { toFailure } from '../errors';
import { issueStatuses } from '../resolvers/issue-statuses';
import { parseOrRefuse } from '../resolvers/payloads';
import { loadValidRecord } from '../resolvers/records';
import { actorOf, type Caller } from '../resolvers/resolver-kit';
import { HISTORY_SHOWN } from '../resolvers/resolvers';
import { changeLog } from './change-log';
import { trackerFor } from '../tracker-for';
import { itemFacts } from './promise-facts';
import { bestMatches } from './topic';
import { whichProject } from './which-project';

/** Which handoff an answer is about, and where to read it whole. */
type Handoff = { project: string; recordId: string; title: string; page: string };

const topicInput = z.object({ topic: z.string().trim().min(1).max(200) });
const sinceInput = z.object({
  since: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD, or left out for since kickoff')
      .optional(),
  ),
});
const confirmInput = z.object({ confirmRecordId: z.string().trim().optional().catch(undefined) });

/**
 * The Rovo agent's actions (manifest `action` modules its `rovo:agent` lists). Each is invoked
 * as `(payload, context)` — the inputs the agent chose plus Rovo's `context`, and the chatting
 * person as `context.principal` — reads as that person (they must be able to browse the
 * project), and answers facts with where each comes from, never prose: the prompt
 * (prompts/handoff-agent.md) tells the agent to answer only from them and to cite them.
 */
export function createRovoActions(deps: ForgeDeps, pageUrl: PageUrl) {
  const app = appOf(deps);
  const handoffOf = (caller: Caller, record: Pick<HandoffRecord, 'id' | 'title'>): Handoff => ({
    project: caller.projectKey,
    recordId: record.id,
    title: record.title,
    page: pageUrl(caller.siteUrl, caller.projectKey),
  });

  return {
    /** "What did sales promise about SSO?", "Who owns the data import, and when is it due?" */
    promises: answering(app, async (payload, caller) => {
      const { topic } = parseOrRefuse(topicInput, payload, 'question');
      const record = await loadValidRecord(app.store, caller.projectKey);
      const statuses = await issueStatuses(app, caller);
      const log = await changeLog(app, caller, record.id);
      // Each item's link opens it where the record went: the Jira issue, or the Asana task.
      const { tracker, target } = await trackerFor(app, actorOf(caller));
      const facts = itemFacts(record, statuses.items, log.changes, { target, itemUrl: (key) => tracker.itemUrl(key) });
      const matches = bestMatches(topic, facts, (f) => ({
        id: f.id,
        text: [f.title, f.detail, f.source?.section, f.source?.note, f.excludedBecause, f.descoped?.reason].join(' '),
      }));
      return {
        handoff: handoffOf(caller, record),
        topic,
        matches,
        ...(matches.length === 0 ? { nothingFound: `Nothing in ${record.title} mentions “${topic}”.` } : {}),
        ...(log.complete
          ? {}
          : { note: 'Only the newest change requests were read; older descopings are not listed.' }),
      };
    }),

    /** "Is the Acme handoff ready, and what blocks it?" */
    readiness: answering(app, async (_, caller) => {
      const { recordId, title, decision, blockers, warnings, items } = await readinessOf(app, caller);
      return {
        handoff: handoffOf(caller, { id: recordId, title }),
        decision,
        blockers: blockers.map(cited),
        warnings: warnings.map(cited),
        issuesToCreate: items,
      };
    }),

    /** "What changed since kickoff?" — change requests and the page's history from a day on (default: kickoff). */
    changes: answering(app, async (payload, caller) => {
      const record = await loadValidRecord(app.store, caller.projectKey);
      const since = sinceDay(parseOrRefuse(sinceInput, payload, 'question').since, record);
      const log = await changeLog(app, caller, record.id);
      const history = await app.store.history(caller.projectKey, HISTORY_SHOWN);
      const changes = log.changes
        .filter((c) => since === null || c.events.some((e) => e.at >= since))
        .map(({ key, url, summary, status, approvalOwner, events, change }) => ({
          key,
          url,
          summary,
          status,
          approvalOwner,
          events,
          ...(change
            ? {
                added: change.added.map((a) => ({ item: a.itemId, title: a.summary, due: a.due })),
                descoped: change.removed.map((r) => ({ item: r.itemId, title: r.summary, reason: r.why })),
                changed: change.changed,
                exclusions: change.exclusions,
                milestones: change.milestones,
                owners: change.owners,
                scope: change.scope,
              }
            : { unreadable: 'Its stored change no longer matches its seal, so its content is not shown.' }),
        }));
      return {
        handoff: handoffOf(caller, record),
        since: since ?? 'the start',
        changes,
        // Without `by`: an account id, which the agent could not name to anyone.
        history: history.entries.filter((e) => since === null || e.at >= since).map(({ by: _, ...entry }) => entry),
        ...(log.complete ? {} : { note: 'Only the newest change requests were read.' }),
      };
    }),

    /**
     * "Provision it": only with `confirmRecordId` equal to the record's id, which the agent has
     * only after naming the handoff to the person and hearing yes. Otherwise nothing starts and
     * the answer says what to ask. Always queued, as from a rule.
     */
    provision: answering(app, async (payload, caller) => {
      const record = await loadValidRecord(app.store, caller.projectKey);
      const handoff = handoffOf(caller, record);
      if (confirmInput.parse(payload).confirmRecordId !== record.id)
        return {
          handoff,
          started: false,
          needsConfirmation:
            `Nothing was started. Ask the person to confirm provisioning “${record.title}” (${record.id}) ` +
            `in ${caller.projectKey}; once they say yes, call this again with confirmRecordId "${record.id}".`,
        };
      const run = await queueProvisioning(app, caller, 'rovo');
      if (run.kind === 'queued') return { handoff, started: true, runId: run.runId, follow: handoff.page };
      if (run.kind === 'busy') return { handoff, started: false, busy: run.why };
      return {
        handoff,
        started: false,
        notYet: 'The gate says not yet, so nothing was created.',
        blockers: run.blockers.map(cited),
      };
    }),
  };
}

/** A blocker or warning as the agent cites it: the record's field, and what it says to do. */
const cited = (p: Problem) => ({ field: fieldOf(p), says: p.message });

/** `since` as a day, or the record's kickoff when none is given; null when neither says one. */
function sinceDay(since: string | undefined, record: HandoffRecord): string | null {
  if (since) return since;
  const kickoff = resolveDate('kickoff', resolveTimeline(record).timeline);
  return kickoff === null ? null : formatIsoDay(kickoff);
}

/**
 * An action's function: the project asked about, then `body` as the chatting person. A project
 * without a record, and every failure, is an answer the agent relays — the sentence the page
 * would show, never a stack.
 */
function answering<T>(app: App, body: (payload: unknown, caller: Caller) => Promise<T>) {
  return async (payload: unknown, context: unknown): Promise<T | { noRecord: string } | { error: string }> => {
    try {
      const accountId = invokerOf(context, 'Handoff answers only a person, and Rovo named none.');
      const projectKey = await whichProject(app, payload, accountId);
      const found = await asInvoker(app, accountId, projectKey, (caller) => body(payload, caller));
      if (found.kind === 'found') return found.value;
      return { noRecord: `No handoff record is saved for project ${found.projectKey} yet.` };
    } catch (error) {
      return { error: toFailure(error, app.secrets, app.log).error.message };
    }
  };
}
