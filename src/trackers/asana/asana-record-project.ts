import { z } from 'zod';
import { propertyInExternal } from './asana-external';
import { propertyInNotes, recordInNotes } from './asana-notes';
import { envelope } from './asana-schemas';

/** A project as listed or as a task's membership: its name, and its notes when asked for. */
export const projectSeen = z.object({ gid: z.string(), name: z.string(), notes: z.string().optional() });
export type ProjectSeen = z.output<typeof projectSeen>;

/** The name Handoff gives the record's project ends with `[record-id]`. */
export const namedFor = (project: ProjectSeen, recordId: string) => project.name.endsWith(`[${recordId}]`);

/**
 * The record's project is the one whose notes end with its `handoff-record:` marker (the last
 * one, so quoted text cannot pose as it), renamed or not; a project whose notes carry no marker
 * at all is known by its name.
 */
export function isRecordProject(project: ProjectSeen, recordId: string): boolean {
  const marked = recordInNotes(project.notes);
  return marked === null ? namedFor(project, recordId) : marked === recordId;
}

/**
 * GET /tasks/{task_gid} with the task's projects and what tells the record's one apart. People
 * multi-home tasks (and deprovisioning a user adds a project of their own), so a task's
 * `projects[0]` may be a foreign project: the record's project is chosen by the record id.
 */
export const taskInProjects = envelope(
  z.object({
    notes: z.string().optional(),
    external: z.object({ data: z.string().nullable().optional() }).nullable().optional(),
    projects: z.array(projectSeen),
  }),
);
/** A task's projects come with names only (`projects.notes` is not an opt field of GET /tasks). */
export const taskInProjectsFields = (tokenKind: 'oauth' | 'pat') =>
  `notes,projects.name${tokenKind === 'oauth' ? ',external' : ''}`;

/**
 * The record's project among a task's, by its `[record-id]` name: for `recordId` when the caller
 * knows it, else for the record the task's own property names (external data, else its notes
 * marker). A task in one project only is in that one (its project may have been renamed); null
 * when none is the record's.
 */
export function recordProjectOf(task: z.output<typeof taskInProjects>['data'], recordId?: string): string | null {
  const record =
    recordId ?? propertyInExternal(task.external?.data)?.recordId ?? propertyInNotes(task.notes)?.recordId ?? null;
  const named = record === null ? undefined : task.projects.find((p) => isRecordProject(p, record));
  return (named ?? (task.projects.length === 1 ? task.projects[0] : undefined))?.gid ?? null;
}
