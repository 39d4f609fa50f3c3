import { Ref, type View } from '../representation';

/** UserResponse. `workspaces` lists only those the viewer is in too, as Asana does. */
export const userView: View = {
  resourceType: 'user',
  compact: ['gid', 'resource_type', 'name'],
  optIn: [],
  fields(v, gid) {
    const user = v.state.users.find((u) => u.gid === gid);
    if (!user) return undefined;
    return {
      gid,
      resource_type: 'user',
      name: user.name,
      email: user.email,
      photo: null,
      workspaces: () =>
        v.state.workspaces
          .filter((w) => w.memberGids.includes(gid) && w.memberGids.includes(v.actor.gid))
          .map((w) => new Ref('workspace', w.gid)),
    };
  },
};
