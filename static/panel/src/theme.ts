import { setGlobalTheme } from '@atlaskit/tokens/set-global-theme';
import { view } from '@forge/bridge';

/**
 * Light or dark as Jira shows it. `view.theme.enable()` makes the host set `data-color-mode`
 * on this page's <html> and keep it in step with the user's Jira theme (under `npm start`,
 * with the operating system's). The panel loads the design tokens of that mode, and of
 * every later one, itself: its look never depends on the host injecting them.
 */
export async function enableTheme(): Promise<void> {
  const html = document.documentElement;
  let applied: string | null = null;
  const follow = async () => {
    const mode = html.getAttribute('data-color-mode') === 'dark' ? 'dark' : 'light';
    if (mode === applied) return;
    applied = mode;
    await setGlobalTheme({
      colorMode: mode,
      light: 'light',
      dark: 'dark',
      spacing: 'spacing',
      typography: 'typography',
    });
  };
  try {
    await view.theme.enable();
  } catch {
    // Theming is a nicety: without the host's mode the panel stays light.
  }
  await follow();
  new MutationObserver(() => void follow()).observe(html, { attributes: true, attributeFilter: ['data-color-mode'] });
}
