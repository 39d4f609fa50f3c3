import { useCallback, useState } from 'react';
import type { ResolverError } from '../../../../src/forge/errors';
import type { SettingsPayload, SettingsView } from '../../../../src/forge/resolvers/settings';
import * as api from '../api';
import type { PageContext } from '../page-context';
import { ErrorMessage, Message } from '../ui/Message';
import { useResolver } from '../use-resolver';
import { ApprovalSection } from './ApprovalSection';
import { AsanaSection } from './AsanaSection';
import { IntakeMappingSection } from './IntakeMappingSection';
import { KickoffSection } from './KickoffSection';
import type { SettingsSectionProps } from './section';

/**
 * Every section of the project settings page, in order. A section is one component that reads
 * the settings and saves its own fields (`SettingsSectionProps`); the CRM intake mapping is added
 * here, beside these.
 */
const SECTIONS: ReadonlyArray<(props: SettingsSectionProps) => React.JSX.Element> = [
  KickoffSection,
  ApprovalSection,
  AsanaSection,
  IntakeMappingSection,
];

/** The project settings page (`jira:projectSettingsPage`): what the app does for every record of the project. */
export function SettingsPage({ context }: { context: PageContext }) {
  const read = useCallback(() => api.loadSettings(), []);
  const loaded = useResolver<SettingsView>(read, context.projectKey);
  // What the last save answered, else what was read: a save answers with the settings as stored.
  const [savedView, setView] = useState<SettingsView | null>(null);
  const view = savedView ?? loaded.value;
  const [failure, setFailure] = useState<ResolverError | null>(null);
  const [savedNote, setSavedNote] = useState<string | null>(null);

  const save = useCallback(
    async (changes: Partial<SettingsPayload>, what: string) => {
      if (!view) return false;
      setFailure(null);
      setSavedNote(null);
      const result = await api.saveSettings({ ...view.settings, ...changes });
      if (!result.ok) {
        setFailure(result.error);
        return false;
      }
      setView(result.value);
      setSavedNote(`${what} saved.`);
      return true;
    },
    [view],
  );

  if (loaded.error)
    return <ErrorMessage title="The project's Handoff settings could not be read" error={loaded.error} />;
  if (!view)
    return (
      <p aria-busy="true" className="page-loading">
        Reading the project&apos;s Handoff settings…
      </p>
    );
  return (
    <main className="settings-page" aria-label={`Handoff settings of ${context.projectKey}`}>
      <h1 className="settings-title">Handoff settings of {context.projectKey}</h1>
      <p className="subtle">
        What Handoff does for every record of {context.projectKey}. Where a record names its own kickoff issue or
        approval owner, the record&apos;s wins: it is what that deal agreed.
      </p>
      {view.readOnlyWhy && (
        <Message kind="information" title="Read only">
          {view.readOnlyWhy}
        </Message>
      )}
      <div role="status">{savedNote && <Message kind="success" title={savedNote} />}</div>
      {failure && <ErrorMessage title="The settings were not saved" error={failure} />}
      {SECTIONS.map((Section) => (
        <Section key={Section.name} view={view} save={save} projectKey={context.projectKey} />
      ))}
    </main>
  );
}
