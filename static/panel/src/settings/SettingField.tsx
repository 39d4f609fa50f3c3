import { useId } from 'react';
import type { SettingsView } from '../../../../src/forge/resolvers/settings';
import { InForceNote } from './InForceNote';

/** The page's text settings: how each is labelled, and what the note on what is in force calls it. */
const FIELDS = {
  kickoffIssue: { label: 'Kickoff issue', what: 'kickoff issue', type: 'text', placeholder: 'e.g. DEL-1' },
  kickoffStatus: { label: 'Kickoff status', what: 'kickoff status', type: 'text', placeholder: 'e.g. Kickoff' },
  approvalOwner: { label: 'Default approval owner (e-mail)', what: 'approval owner', type: 'email', placeholder: '' },
} as const;

type Props = { name: keyof typeof FIELDS; view: SettingsView; value: string; onChange(value: string): void };

/**
 * One text setting: its field (read-only for someone who may not change settings), and under it
 * which value is in force for the project's record and where it comes from.
 */
export function SettingField({ name, view, value, onChange }: Props) {
  const id = useId();
  const { label, what, type, placeholder } = FIELDS[name];
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        disabled={!view.canChange}
        placeholder={placeholder || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      <InForceNote what={what} force={view.inForce[name]} />
    </div>
  );
}
