import type { ReactNode } from 'react';

export type Appearance = 'success' | 'removed' | 'moved' | 'inprogress' | 'default' | 'new';

/** A status label in Atlassian's lozenge style (tokens only; Atlaskit's lozenge pulls in far more than it draws). */
export function Lozenge({
  appearance = 'default',
  bold = false,
  children,
}: {
  appearance?: Appearance;
  bold?: boolean;
  children: ReactNode;
}) {
  return <span className={`lozenge lozenge-${appearance}${bold ? ' lozenge-bold' : ''}`}>{children}</span>;
}
