import type { Kind, View } from '../representation.ts';
import { projectView } from './project.ts';
import { sectionView } from './section.ts';
import { storyView } from './story.ts';
import { taskView } from './task.ts';
import { userView } from './user.ts';
import { workspaceView } from './workspace.ts';

/** How each kind of object is represented, for the renderer to follow references. */
export const VIEWS: Record<Kind, View> = {
  user: userView,
  workspace: workspaceView,
  project: projectView,
  section: sectionView,
  task: taskView,
  story: storyView,
};
