import { useId, useState } from 'react';
import { Button } from '../ui/Button';
import { SettingField } from './SettingField';
import type { SettingsSectionProps } from './section';

/** Change control: who approves change requests where the record names no approval owner. */
export function ApprovalSection({ view, save }: SettingsSectionProps) {
  const [owner, setOwner] = useState(view.settings.approvalOwner ?? '');
  const [busy, setBusy] = useState(false);
  const id = useId();
  const readOnly = !view.canChange;

  return (
    <section className="settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="settings-heading">
        Change control
      </h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setBusy(true);
          void save({ approvalOwner: owner.trim() || null }, 'The default approval owner').finally(() =>
            setBusy(false),
          );
        }}
      >
        <SettingField name="approvalOwner" view={view} value={owner} onChange={setOwner} />
        {!readOnly && (
          <Button type="submit" appearance="primary" disabled={busy}>
            Save the approval owner
          </Button>
        )}
      </form>
    </section>
  );
}
