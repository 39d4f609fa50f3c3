import { useId } from 'react';
import { AsanaAccount, BackgroundGrant } from '../target/AsanaConnection';
import { TargetCard } from '../target/TargetCard';
import { useTarget } from '../target/use-target';
import { ErrorMessage } from '../ui/Message';
import type { SettingsSectionProps } from './section';

/**
 * The Asana connection: whether the person reading is connected to Asana, where the project's
 * records are provisioned (the Handoff page's card: one place for the choice and its rules),
 * and whether work nobody is present for can act in Asana. The target is stored apart from the
 * other settings (`setProvisionTarget`), so this section saves through its own resolver, not `save`.
 */
export function AsanaSection({ projectKey }: SettingsSectionProps) {
  const target = useTarget(null);
  const id = useId();
  return (
    <section className="settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="settings-heading">
        Asana connection
      </h2>
      {target.loadError ? (
        <ErrorMessage title="The Asana connection could not be read" error={target.loadError} />
      ) : (
        target.view && (
          <div className="settings-asana">
            <AsanaAccount target={target} />
            <BackgroundGrant granted={target.view.asana.background} always />
          </div>
        )
      )}
      <TargetCard target={target} projectKey={projectKey} connectionShown />
    </section>
  );
}
