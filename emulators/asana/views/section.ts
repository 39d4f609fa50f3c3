import { Ref, type View } from '../representation';

/** SectionResponse. */
export const sectionView: View = {
  resourceType: 'section',
  compact: ['gid', 'resource_type', 'name'],
  optIn: [],
  fields(v, gid) {
    const section = v.state.sections.find((s) => s.gid === gid);
    if (!section) return undefined;
    const project = new Ref('project', section.projectGid);
    return {
      gid,
      resource_type: 'section',
      name: section.name,
      created_at: section.createdAt,
      project,
      projects: [project],
    };
  },
};
