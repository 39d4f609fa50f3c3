import { z } from 'zod';
import { jiraProjectKey } from '../../domain/record/jira-keys';
import { asanaWorkspacesOf, type AsanaWorkspace } from '../../trackers/asana/asana-workspaces';
import { ASANA_APP_URL } from '../../trackers/asana/asana-tracker';
import type { App } from '../deps';
import { HandoffError, type ResolverResult } from '../errors';
import { recordHistory } from '../queue/changes';
import { targetName, type ProvisionTarget } from '../storage/target';
import { emptyPayload, type EmptyPayload } from './payloads';
import { administers, onlyAdminsChange } from './project-admin';
import { defineHandler, type Caller } from './resolver-kit';

const gid = z.string().regex(/^\d+$/, 'an Asana gid (digits)');
export const targetPayload = z.strictObject({
  projectKey: jiraProjectKey.optional(),
  target: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('jira') }),
    z.strictObject({ kind: z.literal('asana'), workspace: gid, team: gid.nullable() }),
  ]),
});
export type TargetPayload = z.input<typeof targetPayload>;
export type { AsanaWorkspace };

/**
 * Where the record goes, and whether the person using the page can act in Asana: connected (Forge
 * external auth) as whom; whether background work there has the app's grant. `fixed` says why the
 * target can no longer change (a run has started: its issues or tasks are where they are).
 * `canChange`: the caller administers the project — where its records go is a project-wide
 * choice, so only project admins make it, as with the project's other Handoff settings.
 */
export type TargetView = {
  target: ProvisionTarget;
  name: string;
  /** Where an item of the target is opened: this, then its key (null: Jira's `<site>/browse/<key>`). */
  itemLinkPrefix: string | null;
  fixed: string | null;
  canChange: boolean;
  /** Why the caller cannot change the target (not a project admin); null when they can. */
  readOnlyWhy: string | null;
  asana: { connected: boolean; account: { id: string; name: string } | null; background: boolean };
};

export type TargetDefinitions = {
  provisionTarget: (payload: EmptyPayload) => ResolverResult<TargetView>;
  setProvisionTarget: (payload: TargetPayload) => ResolverResult<TargetView>;
  asanaWorkspaces: (payload: EmptyPayload) => ResolverResult<AsanaWorkspace[]>;
  connectAsana: (payload: EmptyPayload) => ResolverResult<TargetView>;
};

const TARGET = 'where its handoff records are provisioned';

/** Choosing the target (this Jira project or an Asana team), and connecting the caller's Asana account. */
export function targetResolvers(app: App) {
  const view = async (caller: Caller): Promise<TargetView> => {
    const target = await app.targets.load(caller.projectKey);
    const user = app.asanaAsUser(caller.accountId);
    const connected = await user.connected();
    const asanaWeb = (user.connection.appUrl ?? ASANA_APP_URL).replace(/\/+$/, '');
    const canChange = await administers(caller.jira, caller.projectKey, caller.policy);
    return {
      target,
      name: targetName(target, caller.projectKey),
      itemLinkPrefix: target.kind === 'asana' ? `${asanaWeb}/0/0/` : null,
      fixed: await fixedWhy(app, caller.projectKey, target),
      canChange,
      readOnlyWhy: canChange ? null : onlyAdminsChange(caller.projectKey, TARGET),
      asana: { connected, account: connected ? await user.account() : null, background: app.asanaAsApp() !== null },
    };
  };
  /** The caller's Asana, connected: what they choose from is what Asana shows them, not what the page sent. */
  const workspacesOf = async (caller: Caller) => {
    const user = app.asanaAsUser(caller.accountId);
    if (!(await user.connected()))
      throw new HandoffError('NOT_CONNECTED', 'Connect your Asana account first: then its workspaces and teams show.');
    return asanaWorkspacesOf(user.connection);
  };

  return {
    provisionTarget: defineHandler(app, emptyPayload, (_, caller) => view(caller)),

    setProvisionTarget: defineHandler(app, targetPayload, async ({ target }, caller) => {
      if (!(await administers(caller.jira, caller.projectKey, caller.policy)))
        throw new HandoffError('FORBIDDEN', onlyAdminsChange(caller.projectKey, TARGET));
      const current = await app.targets.load(caller.projectKey);
      const fixed = await fixedWhy(app, caller.projectKey, current);
      if (fixed) throw new HandoffError('CONFLICT', fixed);
      const chosen = target.kind === 'jira' ? target : await inAsana(await workspacesOf(caller), target);
      await app.targets.save(caller.projectKey, chosen);
      await recordHistory(
        app,
        caller.projectKey,
        caller.accountId,
        'saved',
        `Provisions in ${targetName(chosen, caller.projectKey)}`,
      );
      return view(caller);
    }),

    asanaWorkspaces: defineHandler(app, emptyPayload, (_, caller) => workspacesOf(caller)),

    // On Forge, connect() throws the platform's consent request, which leaves the resolver for the consent prompt.
    connectAsana: defineHandler(app, emptyPayload, async (_, caller) => {
      const user = app.asanaAsUser(caller.accountId);
      if (!(await user.connected())) await user.connect();
      return view(caller);
    }),
  };
}

/** The chosen workspace and team as the caller's Asana names them; one they cannot see is refused. */
async function inAsana(
  workspaces: AsanaWorkspace[],
  chosen: { workspace: string; team: string | null },
): Promise<ProvisionTarget> {
  const workspace = workspaces.find((w) => w.gid === chosen.workspace);
  if (!workspace)
    throw new HandoffError('NOT_FOUND', 'That Asana workspace is not one of yours; choose one from the list.', [
      { path: 'target.workspace', message: 'not a workspace of your Asana account' },
    ]);
  if (workspace.isOrganization && chosen.team === null)
    throw new HandoffError('BAD_REQUEST', `${workspace.name} is an organization: its projects belong to a team.`, [
      { path: 'target.team', message: 'choose a team' },
    ]);
  const team = chosen.team === null ? null : workspace.teams.find((t) => t.gid === chosen.team);
  if (team === undefined)
    throw new HandoffError(
      'NOT_FOUND',
      `That team is not one of yours in ${workspace.name}; choose one from the list.`,
      [{ path: 'target.team', message: 'not a team you are a member of' }],
    );
  return {
    kind: 'asana',
    workspace: workspace.gid,
    workspaceName: workspace.name,
    team: team?.gid ?? null,
    teamName: team?.name ?? null,
  };
}

/** Why the target cannot change any more: a run has started, so the record's items are in this one. */
async function fixedWhy(app: App, projectKey: string, target: ProvisionTarget): Promise<string | null> {
  const journal = await app.store.loadJournal(projectKey);
  return journal
    ? `The record was provisioned in ${targetName(target, projectKey)}; its items stay there, so the target is fixed.`
    : null;
}
