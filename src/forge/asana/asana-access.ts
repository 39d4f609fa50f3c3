import type { AsanaSend } from '../../trackers/asana/asana-send';
import type { AsanaTrackerOptions } from '../../trackers/asana/asana-tracker';

/** How the Asana adapter reaches Asana for one actor: everything of its options but where to provision. */
export type AsanaConnection = Pick<
  AsanaTrackerOptions,
  'basePath' | 'appUrl' | 'send' | 'oauth' | 'token' | 'tokenKind'
>;

/**
 * Asana as the person using the page: Forge external authentication (the manifest's `asana`
 * provider). Their token never reaches the app; Forge's fetch adds it (`connection.send`).
 */
export type AsanaUser = {
  connection: AsanaConnection & { send: AsanaSend; basePath: string };
  /** Whether they have connected their Asana account to the app. */
  connected(): Promise<boolean>;
  /** Who they are in Asana, once connected. */
  account(): Promise<{ id: string; name: string } | null>;
  /**
   * Asks them to connect. On Forge it throws the platform's NeedsAuthenticationError, which must
   * leave the resolver uncaught: the platform turns it into its consent prompt (errors.ts).
   */
  connect(): Promise<void>;
};

/** Forge's error that asks the platform for the user's consent: passed through, never answered as a failure. */
export function needsConsent(error: unknown): boolean {
  return error instanceof Error && error.name === 'NEEDS_AUTHENTICATION_ERR';
}
