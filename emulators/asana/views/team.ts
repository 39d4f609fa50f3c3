import { Ref, type View } from '../representation';
import { webUrl } from '../routes/web';

/** TeamResponse: a public team of its organization, with no description. */
export const teamView: View = {
  resourceType: 'team',
  compact: ['gid', 'resource_type', 'name'],
  optIn: ['description', 'html_description'],
  fields(v, gid) {
    const team = v.state.teams.find((t) => t.gid === gid);
    if (!team) return undefined;
    return {
      gid,
      resource_type: 'team',
      name: team.name,
      description: '',
      html_description: '<body></body>',
      organization: new Ref('workspace', team.workspaceGid),
      permalink_url: webUrl(v, team.gid),
      visibility: 'public',
    };
  },
};
