import { Hono } from 'hono';
import { badRequest } from '../asana-error';
import type { AsanaEnv } from '../context';
import { findProject, findSection, findTask } from '../lookups';
import { placeInSection } from '../task-placement';
import { created, empty, list, single } from '../responses';
import { dataOf, optionalString, pathParam, viewerOf } from '../request';
import { asanaTime, nextGid } from '../state';

export const sectionRoutes = new Hono<AsanaEnv>();

/** GET /projects/{project_gid}/sections — in order. */
sectionRoutes.get('/projects/:project_gid/sections', (c) => {
  const project = findProject(viewerOf(c), pathParam(c, 'project_gid'));
  return list(
    c,
    'section',
    c.var.state.sections.filter((s) => s.projectGid === project.gid).map((s) => s.gid),
  );
});

/**
 * POST /projects/{project_gid}/sections — `{ data: { name, insert_before?, insert_after? } }`:
 * at the end, or before or after another section of the project; 201.
 */
sectionRoutes.post('/projects/:project_gid/sections', (c) => {
  const v = viewerOf(c);
  const project = findProject(v, pathParam(c, 'project_gid'));
  const data = dataOf(c);
  const name = optionalString(data, 'name');
  if (name === undefined) throw badRequest('name: Missing input');
  const before = optionalString(data, 'insert_before');
  const after = optionalString(data, 'insert_after');
  if (before !== undefined && after !== undefined)
    throw badRequest('You may only provide one of insert_before or insert_after');
  const anchor = before ?? after;
  const section = {
    gid: nextGid(v.state),
    projectGid: project.gid,
    name,
    createdAt: asanaTime(new Date(c.var.clock.now())),
  };
  let at = v.state.sections.length;
  if (anchor !== undefined) {
    const other = findSection(v, anchor, before === undefined ? 'insert_after' : 'insert_before').section;
    if (other.projectGid !== project.gid)
      throw badRequest(`${before === undefined ? 'insert_after' : 'insert_before'}: Section is not in the project`);
    at = v.state.sections.indexOf(other) + (before === undefined ? 1 : 0);
  }
  v.state.sections.splice(at, 0, section);
  return created(c, 'section', section.gid, `/sections/${section.gid}`);
});

/** GET /sections/{section_gid} — one section. */
sectionRoutes.get('/sections/:section_gid', (c) =>
  single(c, 'section', findSection(viewerOf(c), pathParam(c, 'section_gid')).section.gid),
);

/**
 * POST /sections/{section_gid}/addTask — `{ data: { task } }`: moves the task into the
 * section (adding it to the project if it was not in it); `{ data: {} }`.
 */
sectionRoutes.post('/sections/:section_gid/addTask', (c) => {
  const v = viewerOf(c);
  const { section, project } = findSection(v, pathParam(c, 'section_gid'));
  const ref = optionalString(dataOf(c), 'task');
  if (ref === undefined) throw badRequest('task: Missing input');
  placeInSection(findTask(v, ref), project, section, new Date(c.var.clock.now()));
  return empty(c);
});
