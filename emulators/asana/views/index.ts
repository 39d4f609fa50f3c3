import type { Kind, View } from '../representation';
import { projectView } from './project';
import { sectionView } from './section';
import { storyView } from './story';
import { taskView } from './task';
import { teamView } from './team';
import { userView } from './user';
import { webhookView } from './webhook';
import { workspaceView } from './workspace';

/** How each kind of object is represented, for the renderer to follow references. */
export const VIEWS: Record<Kind, View> = {
  user: userView,
  workspace: workspaceView,
  team: teamView,
  project: projectView,
  section: sectionView,
  task: taskView,
  story: storyView,
  webhook: webhookView,
};
