// @ts-check
/**
 * The local stand-in for the Jira host frame. In Jira, `@forge/bridge` hands every call to
 * `globalThis.__bridge.callBridge(name, args)`, which the host page answers over postMessage.
 * The dev server (`npm start`) puts this module in front of the unchanged panel bundle and
 * answers the calls the panel makes here: `invoke` runs the real resolver definitions through
 * `POST /api/invoke`, `getContext` gives project DEL's page context, `enableTheming` follows the
 * operating system's light/dark setting, `navigate` opens links. Anything else is refused
 * loudly, so a new bridge call in the panel cannot silently do nothing.
 */

/** @param {string} path @param {RequestInit} [init] */
async function request(path, init) {
  const response = await fetch(path, init);
  if (!response.ok)
    throw new Error(`[local bridge] ${init?.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

const dark = window.matchMedia('(prefers-color-scheme: dark)');
function applyColorMode() {
  document.documentElement.setAttribute('data-color-mode', dark.matches ? 'dark' : 'light');
}

/** @type {Record<string, (args: any) => unknown>} */
const handlers = {
  invoke: ({ functionKey, payload }) =>
    request('/api/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ functionKey, payload }),
    }),
  getContext: () => request('/__local/context'),
  enableTheming: () => {
    applyColorMode();
    dark.addEventListener('change', applyColorMode);
  },
  navigate: ({ url, type }) => {
    if (type === 'new-tab') window.open(url, '_blank', 'noopener');
    else window.location.assign(url);
  },
};

Object.defineProperty(globalThis, '__bridge', {
  value: {
    /** @param {string} name @param {unknown} args */
    callBridge: async (name, args) => {
      const handler = handlers[name];
      if (!handler) throw new Error(`[local bridge] "${name}" is not available outside Jira`);
      return handler(args);
    },
  },
});
