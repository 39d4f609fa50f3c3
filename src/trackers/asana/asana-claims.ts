import { z } from 'zod';
import { runClaim, type RunClaim, type RunClaims } from '../../provision/run-claims';
import type { AsanaApis, createAsanaCaller } from './asana-client';
import type { createAsanaProjects } from './asana-project';
import { read } from './asana-schemas';

type ClaimsContext = {
  apis: AsanaApis;
  caller: ReturnType<typeof createAsanaCaller>;
  projects: Pick<ReturnType<typeof createAsanaProjects>, 'find'>;
};

const PREFIX = 'handoff-claim: ';
const projectNotes = z.object({ data: z.object({ notes: z.string().default('') }) });

/** The notes without the claim line, and the claim that line holds (null when none, or edited into nonsense). */
function split(notes: string): { rest: string[]; claim: RunClaim | null } {
  const lines = notes.split('\n');
  const line = lines.find((l) => l.startsWith(PREFIX));
  const parsed = line ? runClaim.safeParse(safeJson(line.slice(PREFIX.length))) : null;
  return { rest: lines.filter((l) => !l.startsWith(PREFIX)), claim: parsed?.success ? parsed.data : null };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Run claims as one line of the record's project notes, `handoff-claim: {…}`: Asana keeps no
 * key-value store a personal access token can reach (`external` data is OAuth-only) and no
 * workspace-level one at all, so until the project exists there is nowhere to claim. A first
 * run takes its claim right after the project is made (or adopted), before any task goes in
 * it; the project itself is made once per record by asana-project.ts. The line is visible to
 * people who read the project's notes, which says who is running.
 */
export function asanaClaims(ctx: ClaimsContext): RunClaims {
  /** The rest of each project's notes as last read, so a write is one request. */
  const others = new Map<string, string[]>();

  /** GET /projects/{gid} — one request. */
  async function claimIn(project: string): Promise<RunClaim | null> {
    const got = await ctx.caller.call('GET /projects/{project_gid}', () =>
      ctx.apis.projects.getProject(project, { opt_fields: 'notes' }),
    );
    const { rest, claim } = split(read(projectNotes, got, 'GET /projects/{project_gid}').data.notes);
    others.set(project, rest);
    return claim;
  }

  /** PUT /projects/{gid} — one request (two if the notes were never read). */
  async function put(project: string, claim: RunClaim | null): Promise<void> {
    if (!others.has(project)) await claimIn(project);
    const rest = others.get(project) ?? [];
    const notes = [...rest, ...(claim ? [`${PREFIX}${JSON.stringify(claim)}`] : [])].join('\n');
    await ctx.caller.call('PUT /projects/{project_gid}', () =>
      ctx.apis.projects.updateProject({ data: { notes } }, project, { opt_fields: 'name' }),
    );
  }

  return {
    /** The project (found once: GET /tasks/external or typeahead), then GET /projects/{gid} — one request after. */
    async read(recordId) {
      const project = await ctx.projects.find(recordId);
      if (!project) return { kind: 'nowhere' };
      return { kind: 'slot', claim: await claimIn(project) };
    },

    /** PUT /projects/{gid} with the notes as last read and our line — one request. */
    async write(recordId, claim) {
      const project = await ctx.projects.find(recordId);
      if (project) await put(project, claim);
    },

    /** The same PUT without the line. */
    async clear(recordId) {
      const project = await ctx.projects.find(recordId);
      if (project) await put(project, null);
    },
  };
}
