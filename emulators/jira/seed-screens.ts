import { DEFAULT_SCREENS } from './screens';
import { nextId, type SiteState } from './site-state';

/**
 * A project set up as many company-managed Jira projects are, so that the hard cases have a
 * home: its Task screens have no Due date, its Epic requires Epic Name (the Jira Software
 * field `customfield_10011`), and its "Done" transition has a screen that requires a Resolution.
 */
export const SCREENS_PROJECT_KEY = 'OPS';

/** The field Jira Software adds for an Epic's short name; required on Epics of older company-managed projects. */
export const EPIC_NAME_FIELD = {
  id: 'customfield_10011',
  name: 'Epic Name',
  custom: 'com.pyxis.greenhopper.jira:gh-epic-label',
};

/** Adds OPS, with the same lead, people and roles as the project `likeKey` (the demo project). */
export function addScreensProject(state: SiteState, likeKey: string): void {
  const like = state.projects.find((p) => p.key === likeKey);
  if (!like) throw new Error(`the seed has no project ${likeKey}`);
  const typeId = (name: string) => {
    const type = state.issueTypes.find((t) => t.name === name);
    if (!type) throw new Error(`the seed has no ${name} issue type`);
    return type.id;
  };
  const done = state.statuses.find((s) => s.name === 'Done');
  if (!done) throw new Error('the seed has no Done status');
  state.customFields = [...(state.customFields ?? []), EPIC_NAME_FIELD];
  const noDueDate = DEFAULT_SCREENS.create.filter((id) => id !== 'duedate');
  state.projects.push({
    id: nextId(state),
    key: SCREENS_PROJECT_KEY,
    name: 'Operations',
    leadAccountId: like.leadAccountId,
    issueTypeIds: ['Epic', 'Task', 'Sub-task'].map(typeId),
    nextIssueNumber: 1,
    roles: { ...like.roles },
    screens: {
      [typeId('Epic')]: {
        create: [...DEFAULT_SCREENS.create, EPIC_NAME_FIELD.id],
        edit: [...DEFAULT_SCREENS.edit, EPIC_NAME_FIELD.id],
        required: ['summary', EPIC_NAME_FIELD.id],
      },
      [typeId('Task')]: { create: noDueDate, edit: noDueDate, required: ['summary'] },
    },
    transitionScreens: { [done.id]: { fields: ['resolution'], required: ['resolution'] } },
  });
}
