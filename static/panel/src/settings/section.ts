import type { SettingsPayload, SettingsView } from '../../../../src/forge/resolvers/settings';

/**
 * What each section of the settings page gets: the settings and what is in force, and `save`,
 * which stores the section's fields with the rest unchanged (`what` names them in the
 * confirmation) and answers whether it worked. `view.canChange` false: the section is read-only.
 */
export type SettingsSectionProps = {
  view: SettingsView;
  /** The project the page is the settings of. */
  projectKey: string;
  save(changes: Partial<SettingsPayload>, what: string): Promise<boolean>;
};
