import { useId, useState } from 'react';
import type { ResolverError } from '../../../../src/forge/errors';
import type { IntakeMappingView } from '../../../../src/forge/intake/intake-resolvers';
import type { CrmName } from '../../../../src/domain/intake/crm-deal';
import * as api from '../api';
import { CrmMappingFields } from '../inbox/CrmMappingFields';
import { Button } from '../ui/Button';
import { ErrorMessage, Message } from '../ui/Message';
import { useResolver } from '../use-resolver';
import type { SettingsSectionProps } from './section';

const CRMS: readonly CrmName[] = ['hubspot', 'salesforce'];
const FROM = {
  project: null,
  installation: 'These are the installation-wide mapping of an earlier version; save to make them this project’s.',
  defaults: 'These are the CRMs’ default names; save to make them this project’s.',
} as const;

/**
 * The CRM intake mapping of this project (issue 20): which won deals come here and how their
 * fields read. It has its own resolvers (a save is checked against every other project's claims),
 * so it reads and saves apart from the page's other sections; only a project admin may save.
 */
export function IntakeMappingSection(_: SettingsSectionProps) {
  const loaded = useResolver<IntakeMappingView>(api.intakeMapping, 'intake-mapping');
  const [edited, setEdited] = useState<IntakeMappingView | null>(null);
  const [failure, setFailure] = useState<ResolverError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const current = edited ?? loaded.value;
  if (loaded.error) return <ErrorMessage title="The intake mapping could not be read" error={loaded.error} />;
  if (!current) return <p aria-busy="true">Reading the intake mapping…</p>;
  const readOnly = !current.mayEdit;
  const errors = Object.fromEntries((failure?.problems ?? []).map((p) => [p.path, p.message]));

  async function submit() {
    if (!current) return;
    setBusy(true);
    setSaved(false);
    setFailure(null);
    const answer = await api.saveIntakeMapping({ mapping: current.mapping });
    setBusy(false);
    if (!answer.ok) return setFailure(answer.error);
    setEdited(answer.value);
    setSaved(true);
  }

  return (
    <section className="settings-section intake-mapping" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="settings-heading">
        CRM intake
      </h2>
      <p className="subtle">
        Won deals from HubSpot and Salesforce become drafts in this project&apos;s inbox when they reach a stage named
        here. A stage belongs to one project only.
      </p>
      {readOnly && (
        <Message kind="information" title="Read only">
          Only a project administrator can change the intake mapping.
        </Message>
      )}
      {FROM[current.from] && <p className="subtle">{FROM[current.from]}</p>}
      <div role="status">{saved && <Message kind="success" title="The intake mapping saved." />}</div>
      {failure && <ErrorMessage title="The intake mapping was not saved" error={failure} />}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {CRMS.map((crm) => (
          <CrmMappingFields
            key={crm}
            crm={crm}
            mapping={current.mapping[crm]}
            readOnly={readOnly}
            errors={errors}
            drift={current.drift[crm]}
            onChange={(next) => setEdited({ ...current, mapping: { ...current.mapping, [crm]: next } })}
          />
        ))}
        {!readOnly && (
          <Button type="submit" appearance="primary" disabled={busy}>
            Save the intake mapping
          </Button>
        )}
      </form>
    </section>
  );
}
