import type { ButtonHTMLAttributes } from 'react';

type Appearance = 'default' | 'primary' | 'subtle' | 'danger';

/**
 * A native button drawn as Atlaskit's button (tokens only). Not @atlaskit/button itself: every
 * release of it pulls @atlaskit/analytics-next, whose own dependency declares react ^16.8.0
 * while it declares ^18.2.0, so no React satisfies both and `npm ci` could never install it
 * cleanly (README, "Installing").
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
