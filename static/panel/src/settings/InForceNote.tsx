import type { InForce } from '../../../../src/domain/record/project-defaults';

/** Which value counts for the project's record now, and where it comes from. */
export function InForceNote({ what, force }: { what: string; force: InForce }) {
  if (force.value === null)
    return <p className="field-hint">No {what} is in force: neither the record nor these settings name one.</p>;
  return (
    <p className="field-hint">
      In force: {force.value}
      {force.from === 'record' ? ' — the record names it, and the record wins.' : ' — from these settings.'}
    </p>
  );
}
