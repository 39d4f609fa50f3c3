import { Button } from '../ui/Button';
import { useRef, useState, type ReactNode } from 'react';
import type { Problem } from '../../../../src/domain/problem';
import type { ResolverError } from '../../../../src/forge/errors';
import { fieldId } from '../field-path';
import { Lozenge } from '../ui/Lozenge';
import { ErrorMessage } from '../ui/Message';
import { useDates } from '../ui/dates';
import { rescueFocus } from '../ui/focus-rescue';

export type Signed = { by: string; at: string; status?: 'ready' | 'blocked'; blockers?: string[] };

type Props = {
  role: 'sales' | 'operations' | 'delivery';
  title: string;
  /** What signing states, in the team's words. */
  statement: string;
  current: Signed | undefined;
  suggestedBy: string;
  blockers: readonly Problem[];
  disabledReason: string | null;
  /** Role-specific inputs (delivery: ready or blocked, and why). */
  children?: ReactNode;
  onSign(by: string): Promise<ResolverError | null>;
};

/** One team's sign-off: who signed and when, what still blocks it, and the form to sign (again). */
export function SignOffCard({
  role,
  title,
  statement,
  current,
  suggestedBy,
  blockers,
  disabledReason,
  children,
  onSign,
}: Props) {
  const [by, setBy] = useState(current?.by ?? suggestedBy);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ResolverError | null>(null);
  const card = useRef<HTMLElement>(null);
  const dates = useDates();
  const id = fieldId(`signoffs.${role}`);
  const sign = async () => {
    setBusy(true);
    setError(await onSign(by.trim()));
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
        <p className="subtle">
          Signed by {current.by} on {dates.day(current.at)}
          {current.blockers?.length ? `, blocked by: ${current.blockers.join('; ')}` : ''}
        </p>
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
        <div className="field">
          <label htmlFor={id}>Signed by (e-mail)</label>
          <input id={id} type="text" inputMode="email" value={by} onChange={(e) => setBy(e.target.value)} />
        </div>
        {children}
        <Button type="submit" appearance="primary" disabled={busy || disabledReason !== null || by.trim() === ''}>
          {busy ? 'Signing…' : `Sign off as ${role}`}
        </Button>
        {disabledReason && <p className="field-hint">{disabledReason}</p>}
      </form>
      {error && <ErrorMessage title="The sign-off was not recorded" error={error} />}
    </section>
  );
}
