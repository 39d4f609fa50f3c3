import { Button } from '../ui/Button';
import { useRef, useState, type ReactNode } from 'react';
import type { SignerView } from '../../../../src/forge/resolvers/signoff';
import type { Problem } from '../../../../src/domain/problem';
import type { ResolverError } from '../../../../src/forge/errors';
import { fieldId } from '../field-path';
import { Lozenge } from '../ui/Lozenge';
import { ErrorMessage } from '../ui/Message';
import { useDates } from '../ui/dates';
import { rescueFocus } from '../ui/focus-rescue';
import { PersonName } from '../people/PersonName';
import { usePeople } from '../people/use-people';

export type Signed = { by: string; at: string; status?: 'ready' | 'blocked'; blockers?: string[] };

type Props = {
  role: 'sales' | 'operations' | 'delivery';
  title: string;
  /** What signing states, in the team's words. */
  statement: string;
  current: Signed | undefined;
  /** Who may give this sign-off, as Jira knows them; null while not known, `unknownSigner` says why. */
  signer: SignerView | null;
  unknownSigner: string;
  blockers: readonly Problem[];
  disabledReason: string | null;
  /** Role-specific inputs (delivery: ready or blocked, and why). */
  children?: ReactNode;
  onSign(): Promise<ResolverError | null>;
};

/**
 * One team's sign-off: who signed and when, what still blocks it, and the form to sign (again)
 * — as the person signed in, offered only to the person the record names for it.
 */
export function SignOffCard({
  role,
  title,
  statement,
  current,
  signer,
  unknownSigner,
  blockers,
  disabledReason,
  children,
  onSign,
}: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ResolverError | null>(null);
  const card = useRef<HTMLElement>(null);
  const dates = useDates();
  // Who signed, by the name Jira knows them by (the e-mail until it answers).
  const people = usePeople(current ? [current.by] : []);
  const id = fieldId(`signoffs.${role}`);
  const sign = async () => {
    setBusy(true);
    setError(await onSign());
    setBusy(false);
    // The button gave up focus while it was disabled: the card's outcome takes it, once drawn.
    requestAnimationFrame(() => rescueFocus(card.current?.querySelector<HTMLElement>('[data-after-sign]')));
  };
  const state = !current ? (
    <Lozenge>Not signed</Lozenge>
  ) : current.status === 'blocked' ? (
    <Lozenge appearance="removed">Blocked</Lozenge>
  ) : (
    <Lozenge appearance="success">{current.status === 'ready' ? 'Ready' : 'Signed'}</Lozenge>
  );

  return (
    <section
      ref={card}
      className={`signoff-card${blockers.length ? ' item-blocked' : ''}`}
      aria-labelledby={`${id}:title`}
    >
      <header className="item-header">
        <h3 id={`${id}:title`} tabIndex={-1} data-after-sign>
          {title}
        </h3>
        {state}
      </header>
      <p>{statement}</p>
      {current && (
        <>
          <p className="subtle">
            Signed by <PersonName email={current.by} people={people} /> on {dates.day(current.at)}
            {current.blockers?.length ? ', blocked by:' : ''}
          </p>
          {/* Each reason as the signer wrote it, a line of its own: sentences keep their own full stops. */}
          {current.blockers?.length ? (
            <ul className="signoff-blockers">
              {current.blockers.map((reason, i) => (
                <li key={i}>{reason}</li>
              ))}
            </ul>
          ) : null}
        </>
      )}
      {blockers.map((b, i) => (
        <p key={i} className="field-blocker">
          Blocks go: {b.message}
        </p>
      ))}
      <form
        className="signoff-form"
        onSubmit={(e) => {
          e.preventDefault();
          void sign();
        }}
      >
        {/* The blocker "Sign-off · …" leads here: the sentence says whether you may sign, and why not. */}
        <p id={id} tabIndex={-1} className={signer?.you ? 'signer signer-you' : 'signer'}>
          {signer === null ? unknownSigner : signer.you ? `You can sign as ${role}.` : signer.refusal}
        </p>
        {children}
        <Button
          type="submit"
          appearance="primary"
          aria-describedby={id}
          disabled={busy || disabledReason !== null || !signer?.you}
        >
          {busy ? 'Signing…' : `Sign off as ${role}`}
        </Button>
        {disabledReason && <p className="field-hint">{disabledReason}</p>}
      </form>
      {error && <ErrorMessage title="The sign-off was not recorded" error={error} />}
    </section>
  );
}
