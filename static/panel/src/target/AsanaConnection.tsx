import { Button } from '../ui/Button';
import { Message } from '../ui/Message';
import type { TargetModel } from './use-target';

/**
 * The caller's own Asana account: connected as whom, or "Connect Asana". What they do in Asana
 * through Handoff is done as them (Forge external auth), so each person connects their own.
 */
export function AsanaAccount({ target }: { target: TargetModel }) {
  const asana = target.view?.asana;
  if (!asana) return null;
  if (asana.connected)
    return (
      <p className="subtle" data-testid="asana-account">
        Connected to Asana as {asana.account?.name ?? 'you'}.
      </p>
    );
  return (
    <Message
      kind="information"
      title="Connect your Asana account"
      actions={
        <Button appearance="primary" disabled={target.busy} onClick={() => void target.connect()}>
          Connect Asana
        </Button>
      }
    >
      <p>Handoff works in Asana as you, so Asana shows who did what and your own access applies.</p>
    </Message>
  );
}

const GRANT_VARIABLES = 'ASANA_CLIENT_ID, ASANA_CLIENT_SECRET, ASANA_REFRESH_TOKEN';

/**
 * Whether work nobody is present for can act in Asana: the app's grant, which an admin sets as
 * encrypted variables (forge variables set --encrypt). `always`: say it either way (the settings
 * page); otherwise only warn when it is missing.
 */
export function BackgroundGrant({ granted, always = false }: { granted: boolean; always?: boolean }) {
  if (granted)
    return always ? (
      <p className="field-hint" data-testid="asana-background">
        Background work can act in Asana: the app&apos;s Asana grant is set, so kickoff automation and plans too large
        for one call provision there too.
      </p>
    ) : null;
  return (
    <Message kind="warning" title="Background work has no Asana grant yet">
      <p data-testid="asana-background">
        Kickoff automation and queued slices cannot reach Asana. Small plans run at once, as you; plans too large for
        one call, and kickoff automation, run as the app: an admin sets its Asana grant ({GRANT_VARIABLES}) for them.
      </p>
    </Message>
  );
}
