import type { ReactNode } from 'react';
import type { ResolverError } from '../../../../src/forge/errors';
import { ProblemList } from './ProblemList';

export type MessageKind = 'information' | 'warning' | 'error' | 'success';

/**
 * A section message: a coloured band with a title, what happened
 * and what to do. Errors are announced to screen readers.
 */
export function Message({
  kind,
  title,
  children,
  actions,
}: {
  kind: MessageKind;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className={`message message-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <h3 className="message-title">{title}</h3>
      {children && <div className="message-body">{children}</div>}
      {actions && <div className="message-actions">{actions}</div>}
    </section>
  );
}

/** A resolver's `{ ok: false }` as the lead reads it: the sentence, and each problem with a way to its field. */
export function ErrorMessage({
  title,
  error,
  onGoTo,
}: {
  title: string;
  error: ResolverError;
  onGoTo?: (path: string) => void;
}) {
  return (
    <Message kind="error" title={title}>
      <p>{error.message}</p>
      {error.problems && error.problems.length > 0 && <ProblemList problems={error.problems} onGoTo={onGoTo} />}
    </Message>
  );
}
