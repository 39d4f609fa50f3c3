import type { ButtonHTMLAttributes } from 'react';

type Appearance = 'default' | 'primary' | 'subtle' | 'danger';

/**
 * A native button drawn as Atlaskit's button (tokens only). Not @atlaskit/button itself: it pulls
 * @atlaskit/analytics-next, which declares react ^18.2.0 while the context package it pins
 * declares ^16.8.0, so no React satisfies both and `npm ci` cannot install it cleanly (README,
 * "Installing").
 */
export function Button({
  appearance = 'default',
  type = 'button',
  children,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { appearance?: Appearance }) {
  return (
    <button {...rest} type={type} className={`button button-${appearance}`}>
      <span className="button-label">{children}</span>
    </button>
  );
}
