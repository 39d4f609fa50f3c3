import { z } from 'zod';
import type { FieldRefusal } from '../../domain/gate/gate';
import type { Plan, PlanItem } from '../../domain/plan/plan';
import { TrackerError } from '../../provision/tracker-error';
import type { ProjectsContext } from './asana-project';
import { read } from './asana-schemas';

/** Asana's limit: "A task can have at most 30 dependents and dependencies combined" (spec, addDependencies). */
export const MAX_DEPENDENCY_LINKS = 30;

/** What the project finder knows, but the token kind: the preflight reads the same workspace, team and project. */
type PreflightContext = Omit<ProjectsContext, 'tokenKind'>;

const workspaceKind = z.object({ data: z.object({ name: z.string().optional(), is_organization: z.boolean() }) });
const teamPage = z.object({
  data: z.array(z.object({ gid: z.string(), name: z.string() })),
  next_page: z.object({ offset: z.string() }).nullable().optional(),
});
type Team = z.infer<typeof teamPage>['data'][number];

/**
 * What Asana would refuse before anything is written: in an organization a project needs a team
 * (POST /projects without one is 400 "Missing required `team` field"); dependencies are a paid
 * feature (a free workspace answers 402); a task holds at most 30 dependencies and dependents.
 * Reads only, each at most once per tracker: GET /workspaces/{gid} (one request), the caller's
 * teams there when a team is needed (a request per 100 teams), and — only when the plan links
 * items — one task search, the documented premium-only read that tells a free workspace.
 */
export function createAsanaPreflight(ctx: PreflightContext) {
  let workspace: z.infer<typeof workspaceKind>['data'] | undefined;
  let teams: Team[] | undefined;
  let premium: boolean | undefined;

  async function kindOfWorkspace() {
    workspace ??= read(
      workspaceKind,
      await ctx.caller.call('GET /workspaces/{workspace_gid}', () =>
        ctx.apis.workspaces.getWorkspace(ctx.workspace, { opt_fields: 'name,is_organization' }),
      ),
      'GET /workspaces/{workspace_gid}',
    ).data;
    return workspace;
  }

  /** GET /users/me/teams?organization= — the teams the token's user may put a project in. */
  async function myTeams(): Promise<Team[]> {
    if (teams) return teams;
    const found: Team[] = [];
    let offset: string | undefined;
    do {
      const page = read(
        teamPage,
        await ctx.caller.call('GET /users/{user_gid}/teams', () =>
          ctx.apis.teams.getTeamsForUser('me', ctx.workspace, {
            limit: 100,
            opt_fields: 'name',
            ...(offset ? { offset } : {}),
          }),
        ),
        'GET /users/{user_gid}/teams',
      );
      found.push(...page.data);
      offset = page.next_page?.offset ?? undefined;
    } while (offset);
    teams = found;
    return found;
  }

  /** GET /workspaces/{gid}/tasks/search — 402 on a free workspace, as Asana documents for search. */
  async function isPremium(): Promise<boolean> {
    if (premium !== undefined) return premium;
    try {
      await ctx.caller.call('GET /workspaces/{workspace_gid}/tasks/search', () =>
        ctx.apis.tasks.searchTasksForWorkspace(ctx.workspace, { opt_fields: 'name' }),
      );
      premium = true;
    } catch (error) {
      if (!(error instanceof TrackerError && error.status === 402)) throw error;
      premium = false;
    }
    return premium;
  }

  /** Where the project goes: a team in an organization, none in a plain workspace (unless it exists already). */
  async function placeRefusals(): Promise<FieldRefusal[]> {
    if (ctx.project !== undefined) return [];
    const { name, is_organization: organization } = await kindOfWorkspace();
    const where = `Asana workspace ${name ? `"${name}" (${ctx.workspace})` : ctx.workspace}`;
    if (!organization) {
      if (ctx.team === undefined) return [];
      return [
        projectRefusal(
          `${where} is not an organization and has no teams, so team ${ctx.team} cannot hold the ` +
            `project — unset ASANA_TEAM and drop --team`,
        ),
      ];
    }
    const mine = await myTeams();
    const choices = mine.length
      ? `your teams there: ${mine.map((t) => `${t.name} (${t.gid})`).join(', ')}`
      : 'the user of ASANA_TOKEN is in no team there';
    if (ctx.team === undefined)
      return [
        projectRefusal(
          `${where} is an organization: its projects belong to a team — set ASANA_TEAM or pass --team GID ` +
            `(or --project GID to provision into an existing project); ${choices}`,
        ),
      ];
    if (mine.some((t) => t.gid === ctx.team)) return [];
    return [
      projectRefusal(
        `team ${ctx.team} is not one of your teams in ${where} (no such team, or the user of ASANA_TOKEN ` +
          `is not a member) — set ASANA_TEAM or --team to one of them; ${choices}`,
      ),
    ];
  }

  /** Dependencies on a free workspace, and tasks past Asana's 30 links, at the record field that asks for them. */
  async function linkRefusals(plan: Plan): Promise<FieldRefusal[]> {
    const refusals = overLinked(plan);
    const linking = plan.items.find((i) => i.blocks.length > 0);
    if (linking && !(await isPremium()))
      refusals.unshift({
        scope: 'items',
        reason: 'not-settable',
        field: null,
        path: blocksPath(linking),
        message:
          `dependencies need a paid Asana workspace (Starter or above): workspace ${ctx.workspace} answers ` +
          `402 Payment Required to its premium features — upgrade it, provision into a paid workspace ` +
          `(ASANA_WORKSPACE or --workspace), or leave out what this blocks`,
      });
    return refusals;
  }

  return async (plan: Plan): Promise<FieldRefusal[]> => [...(await placeRefusals()), ...(await linkRefusals(plan))];
}

function projectRefusal(message: string): FieldRefusal {
  return { scope: 'parent', reason: 'unavailable', field: null, message };
}

/** Each plan item whose task would have more than 30 dependencies plus dependents; no request needed. */
function overLinked(plan: Plan): FieldRefusal[] {
  const blockedBy = new Map<string, number>();
  for (const item of plan.items)
    for (const blocked of item.blocks) blockedBy.set(blocked, (blockedBy.get(blocked) ?? 0) + 1);
  return plan.items.flatMap((item): FieldRefusal[] => {
    const dependencies = blockedBy.get(item.itemId) ?? 0;
    const links = item.blocks.length + dependencies;
    if (links <= MAX_DEPENDENCY_LINKS) return [];
    return [
      {
        scope: item.kind === 'parent' ? 'parent' : 'items',
        reason: 'not-settable',
        field: null,
        path: item.blocks.length > 0 ? blocksPath(item) : item.recordPath,
        message:
          `its Asana task would have ${links} dependencies and dependents (it blocks ${item.blocks.length}, ` +
          `${dependencies} block it); Asana allows ${MAX_DEPENDENCY_LINKS} a task — split it, or block ` +
          `fewer items with it`,
      },
    ];
  });
}

/** Where a record says what an item blocks: a dependency's `blocks` list. */
function blocksPath(item: PlanItem): string {
  return `${item.recordPath}.blocks`;
}
