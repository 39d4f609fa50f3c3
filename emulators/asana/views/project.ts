import { Ref, type View } from '../representation';
import { webUrl } from '../routes/web';

/**
 * ProjectResponse, with no status yet, shared with the whole workspace; in an organization it
 * shows its team (a plain workspace's project has none, so no `team`).
 */
export const projectView: View = {
  resourceType: 'project',
  compact: ['gid', 'resource_type', 'name'],
  optIn: ['html_notes'],
  fields(v, gid) {
    const p = v.state.projects.find((project) => project.gid === gid);
    if (!p) return undefined;
    return {
      gid,
      resource_type: 'project',
      name: p.name,
      archived: p.archived,
      color: p.color,
      created_at: p.createdAt,
      current_status: null,
      current_status_update: null,
      custom_field_settings: [],
      default_view: p.defaultView,
      due_date: p.dueOn,
      due_on: p.dueOn,
      html_notes: p.htmlNotes,
      members: p.memberGids.map((u) => new Ref('user', u)),
      modified_at: p.modifiedAt,
      notes: p.notes,
      public: true,
      privacy_setting: 'public_to_workspace',
      start_on: p.startOn,
      default_access_level: 'editor',
      minimum_access_level_for_customization: 'admin',
      minimum_access_level_for_sharing: 'admin',
      custom_fields: [],
      completed: false,
      completed_at: null,
      completed_by: null,
      followers: p.followerGids.map((u) => new Ref('user', u)),
      owner: p.ownerGid === null ? null : new Ref('user', p.ownerGid),
      permalink_url: webUrl(v, p.gid),
      project_brief: null,
      created_from_template: null,
      workspace: new Ref('workspace', p.workspaceGid),
      ...(p.teamGid === null ? {} : { team: new Ref('team', p.teamGid) }),
    };
  },
};
