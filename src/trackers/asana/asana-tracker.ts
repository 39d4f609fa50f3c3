import { z } from 'zod';
import type { CreateOutcome, CreateRequest, ExistingItem } from '../../provision/tracker';
import type { Tracker } from '../../provision/change-tracker';
import { TrackerError } from '../../provision/tracker-error';
import type { WaitNotice } from '../../provision/wait-notice';
import { createAsanaApis, createAsanaCaller } from './asana-client';
import type { AsanaSend } from './asana-send';
import { ASANA_IN_FLIGHT } from './asana-in-flight';
import { asanaOAuthApp } from './asana-oauth';
import { createAsanaProjects } from './asana-project';
import { createAsanaPreflight } from './asana-preflight';
import { asanaChanges } from './asana-changes';
import { asanaItemWrites } from './asana-item-writes';
import { dependencyBatch } from './asana-dependencies';
import { createAsanaPlaces } from './asana-places';
import { asanaClaims } from './asana-claims';
import { findItems } from './asana-search';
import { externalOf } from './asana-external';
import { notesFor } from './asana-notes';
import { batchResults, read, throwIfAmbiguous } from './asana-schemas';

/** Where people open Asana: a task is at <appUrl>/0/0/<gid>. */
export const ASANA_APP_URL = 'https://app.asana.com';

/** Asana's REST API, where a connection names no other. */
export const ASANA_API = 'https://app.asana.com/api/1.0';

const options = z
  .object({
    /** A personal access token, or an OAuth access token (which expires within the hour: prefer `oauth`). */
    token: z.string().min(1, 'an Asana token (ASANA_TOKEN)').optional(),
    /** An OAuth app and a refresh token: the tracker mints its own access tokens, hour after hour. */
    oauth: asanaOAuthApp.optional(),
    workspace: z.string().regex(/^\d+$/, 'a workspace gid (ASANA_WORKSPACE)'),
    /** Provision into this existing project instead of creating one. */
    project: z.string().regex(/^\d+$/, 'a project gid').optional(),
    /** The team a new project is shared with: an organization's projects need one (ASANA_TEAM). */
    team: z.string().regex(/^\d+$/, 'a team gid (ASANA_TEAM)').optional(),
    /** OAuth tokens see `external` data; personal access tokens do not, so the marker in notes is used. */
    tokenKind: z.enum(['oauth', 'pat']),
    /** A URL; or, with `send`, the API's path on the remote `send` reaches (`/api/1.0`; empty at its root). */
    basePath: z.union([z.url(), z.string().regex(/^(\/[\w/.-]*)?$/)]).default(ASANA_API),
    /** Requests go through the caller's `send` (below), which authenticates them. */
    sends: z.boolean().default(false),
    /** Where a person opens a task: https://app.asana.com/0/0/<gid>. */
    appUrl: z.url().default(ASANA_APP_URL),
    /** Per request, answer included (default REQUEST_TIMEOUT_MS). */
    timeoutMs: z.number().int().positive().optional(),
    /**
     * Who the work is by, when the token is an app's grant rather than the person's: Asana has no
     * app accounts, so the grant's holder is only whose account it writes through ("Applied by
     * Handoff (app) through Maria Lopez's Asana grant", not "by Maria Lopez", who did nothing).
     */
    signsAs: z.string().min(1).optional(),
  })
  .refine((o) => o.token !== undefined || o.oauth !== undefined || o.sends, {
    message: 'an Asana token (ASANA_TOKEN) or an OAuth app with its refresh token (ASANA_REFRESH_TOKEN)',
    path: ['token'],
  })
  .refine((o) => o.oauth === undefined || o.tokenKind === 'oauth', {
    message: 'an OAuth app gives OAuth tokens: tokenKind oauth',
    path: ['tokenKind'],
  });
/**
 * `onWait`: told when a request is still unanswered after a while (the retry policy's, not checked by zod).
 * `send`: every request goes through it, authenticated by it (asana-send.ts): Forge's external auth.
 */
export type AsanaTrackerOptions = Omit<z.input<typeof options>, 'sends'> & {
  onWait?: (notice: WaitNotice) => void;
  send?: AsanaSend;
};

/** The Batch API takes at most 10 actions a call. */
const BATCH_LIMIT = 10;

/**
 * Asana as a Tracker, over the official SDK. The handoff is a project; its items are tasks in
 * a section per group (milestone, Dependencies, Questions & risks); blockers are task
 * dependencies. Tasks are created through the Batch API, ten a call.
 */
export function createAsanaTracker(input: AsanaTrackerOptions): Tracker {
  const opts = options.parse({ ...input, sends: input.send !== undefined });
  const apis = createAsanaApis({
    basePath: opts.basePath,
    token: opts.token,
    oauth: opts.oauth,
    send: input.send,
    timeoutMs: opts.timeoutMs,
  });
  const caller = createAsanaCaller({ timeoutMs: opts.timeoutMs, onWait: input.onWait });
  /** People are looked up once per tracker, like the Jira adapter does. */
  const people = new Map<string, string>();
  const projects = createAsanaProjects({
    apis,
    caller,
    workspace: opts.workspace,
    team: opts.team,
    project: opts.project,
    tokenKind: opts.tokenKind,
  });
  const places = createAsanaPlaces({ apis, caller, projects, tokenKind: opts.tokenKind });
  const recordCtx = { apis, caller, projects, places, tokenKind: opts.tokenKind };
  const itemUrl = (key: string) => `${opts.appUrl.replace(/\/+$/, '')}/0/0/${encodeURIComponent(key)}`;

  return {
    name: 'asana',
    maxBatch: BATCH_LIMIT,
    linkBatch: BATCH_LIMIT,
    // Asana's 15 writes in flight hold one batch of ten link actions (the caller keeps every request under them).
    linkConcurrency: Math.max(1, Math.floor(ASANA_IN_FLIGHT.writes / BATCH_LIMIT)),
    // fetchItems lists the whole record whatever it is asked: any number of ids is one listing.
    fetchBatch: Number.MAX_SAFE_INTEGER,
    requests: () => caller.requests() + apis.tokenRequests(),
    itemUrl,
    claims: asanaClaims({ apis, caller, projects }),

    /**
     * Asana has no create screens and no required task fields (a custom field is only ever
     * optional on a task); what it can refuse is where the project goes (a team, in an
     * organization) and the plan's dependencies (paid tiers, 30 a task): asana-preflight.ts.
     */
    preflight: createAsanaPreflight({
      apis,
      caller,
      workspace: opts.workspace,
      team: opts.team,
      project: opts.project,
    }),

    /**
     * GET /users/{email} (Asana takes an e-mail where a user gid goes) — a member of the workspace? One request.
     */
    async findPerson(email) {
      const known = people.get(email.toLowerCase());
      if (known) return known;
      try {
        const user = await caller.call('GET /users/{user_gid}', () =>
          apis.users.getUser(email, { opt_fields: 'workspaces' }),
        );
        const { data } = read(
          z.object({
            data: z.object({ gid: z.string(), workspaces: z.array(z.object({ gid: z.string() })).default([]) }),
          }),
          user,
          'GET /users',
        );
        if (!data.workspaces.some((w) => w.gid === opts.workspace)) return null;
        // Only a member is remembered: someone added a minute later must be found then.
        people.set(email.toLowerCase(), data.gid);
        return data.gid;
      } catch (error) {
        // Asana answers 403 for someone the token shares no workspace with — one removed from
        // it, who has left: not a member, like one whose workspaces do not include this one.
        if (error instanceof TrackerError && (error.status === 404 || error.status === 400 || error.status === 403))
          return null;
        throw error;
      }
    },

    /**
     * The record's project (found once), then its tasks a page of 100 at a time. Listing a
     * project's tasks is a read of the project, not a search index: it never lags a write.
     */
    searchItems: (recordId, cursor) => findItems(recordCtx, recordId, cursor),

    /** The record's tasks, listed as `searchItems` does (it never lags), kept to `ids`. A request per page. */
    async fetchItems(recordId, ids) {
      const wanted = new Set(ids);
      const items: ExistingItem[] = [];
      let cursor: string | undefined;
      do {
        const page = await findItems(recordCtx, recordId, cursor);
        items.push(...page.items.filter((item) => wanted.has(item.id)));
        cursor = page.cursor;
      } while (cursor);
      return items;
    },

    /** The parent makes (or adopts) the project; other items are POST /tasks actions of one POST /batch. */
    async createItems(requests) {
      const [first] = requests;
      if (first?.item.kind === 'parent') return [await projects.create(first)];
      const project = await projects.of(first?.property.recordId ?? '');
      const sections = await projects.sections(project);
      const actions = requests.map((r) => ({
        method: 'post',
        relative_path: '/tasks',
        data: taskData(r, project, sections.get(r.item.group), opts.tokenKind),
      }));
      const response = await caller.call(
        'POST /batch',
        () => apis.batch.createBatchRequest({ data: { actions } }),
        actions,
      );
      const results = read(batchResults, response, 'POST /batch').data;
      throwIfAmbiguous(results, 'POST /batch');
      return results.map((result, i): CreateOutcome => {
        const itemId = requests[i]?.item.itemId ?? '';
        const gid = result.body?.data?.gid;
        if (result.status_code < 300 && gid) return { itemId, ok: true, id: gid, key: gid };
        return {
          itemId,
          ok: false,
          error:
            `[asana] ${result.status_code}: ` +
            `${result.body?.errors?.map((e) => e.message).join('; ') ?? 'no details'}`,
        };
      });
    },

    /** Dependencies for up to ten tasks in one POST /batch (asana-dependencies.ts). */
    createLinks: (links) => dependencyBatch({ apis, caller }, links, 'addDependencies'),

    ...asanaItemWrites({ apis, caller, places, itemUrl, batchLimit: BATCH_LIMIT, signsAs: opts.signsAs }),
    ...asanaChanges({ apis, caller, projects, places, tokenKind: opts.tokenKind }),
  };
}

function taskData(r: CreateRequest, project: string, section: string | undefined, tokenKind: 'oauth' | 'pat') {
  return {
    name: r.item.summary,
    notes: notesFor(r.item.description, r.property),
    projects: [project],
    ...(section ? { memberships: [{ project, section }] } : {}),
    ...(r.assigneeAccount ? { assignee: r.assigneeAccount } : {}),
    ...(r.item.due ? { due_on: r.item.due } : {}),
    ...(tokenKind === 'oauth' ? { external: externalOf(r.property) } : {}),
  };
}
