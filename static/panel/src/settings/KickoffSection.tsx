import { useId, useState } from 'react';
import { Button } from '../ui/Button';
import { SettingField } from './SettingField';
import type { SettingsSectionProps } from './section';

/** Kickoff: the issue whose move to a status provisions, and whether the daily check provisions on the kickoff date. */
export function KickoffSection({ view, save }: SettingsSectionProps) {
  const [issue, setIssue] = useState(view.settings.kickoffIssue ?? '');
  const [status, setStatus] = useState(view.settings.kickoffStatus ?? '');
  const [daily, setDaily] = useState(view.settings.dailyKickoffCheck);
  const [busy, setBusy] = useState(false);
  const ids = { title: useId(), daily: useId() };
  const readOnly = !view.canChange;

  return (
    <section className="settings-section" aria-labelledby={`${ids.title}-title`}>
      <h2 id={`${ids.title}-title`} className="settings-heading">
        Kickoff
      </h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setBusy(true);
          void save(
            { kickoffIssue: issue.trim() || null, kickoffStatus: status.trim() || null, dailyKickoffCheck: daily },
            'Kickoff settings',
          ).finally(() => setBusy(false));
        }}
      >
        <div className="field-grid">
          <SettingField name="kickoffIssue" view={view} value={issue} onChange={setIssue} />
          <SettingField name="kickoffStatus" view={view} value={status} onChange={setStatus} />
        </div>
        <div className="field settings-check">
          <label htmlFor={ids.daily}>
            <input
              id={ids.daily}
              type="checkbox"
              checked={daily}
              disabled={readOnly}
              onChange={(e) => setDaily(e.target.checked)}
            />{' '}
            Check daily whether the kickoff date has come
          </label>
          <p className="field-hint">
            Once a day, records that ask to be provisioned on their kickoff date are provisioned when it comes, and
            kickoff issues already in their status are kicked off. Off: only the kickoff issue&apos;s move or a person
            provisions.
          </p>
        </div>
        {!readOnly && (
          <Button type="submit" appearance="primary" disabled={busy}>
            Save kickoff settings
          </Button>
        )}
      </form>
    </section>
  );
}
