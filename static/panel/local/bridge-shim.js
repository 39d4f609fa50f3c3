// @ts-check
/**
 * The local stand-in for the Jira host frame. In Jira, `@forge/bridge` hands every call to
 * `globalThis.__bridge.callBridge(name, args)`, which the host page answers over postMessage.
 * The dev server (`npm start`) puts this module in front of the unchanged panel bundle and
 * answers the calls the panel makes here: `invoke` runs the real resolver definitions through
 * `POST /api/invoke`, `getContext` gives project DEL's page context, `enableTheming` follows the
 * operating system's light/dark setting, `navigate` opens links. Anything else is refused
 * loudly, so a new bridge call in the panel cannot silently do nothing.
 *
 * It also draws the one piece of local chrome, "Viewing as": which person of the local Jira
 * site the resolvers run as (in Jira, whoever is logged in), so one developer can propose a
 * change as the admin and approve it as the approval owner, or sign off as each role's person.
 * It lives here, outside the panel bundle and the Forge app, so nothing of it is ever deployed.
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

/**
 * A resolver that needs the person's Asana account leaves with Forge's consent request; in Jira the
 * platform then shows its consent prompt. Here: the local Asana's consent page in a window of its
 * own, and once it reports back connected, the call is made again.
 * @param {{ functionKey: string, payload: unknown }} call
 */
async function invoke(call) {
  const send = () =>
    fetch('/api/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(call),
    });
  const response = await send();
  if (!response.ok) throw new Error(`[local bridge] POST /api/invoke: ${response.status} ${await response.text()}`);
  const answer = await response.json();
  // A resolver's answer is { ok, ... }; the platform's consent request is the one answer with this key.
  if (answer?.needsAuthentication === 'asana') {
    if (!(await consentToAsana())) throw new Error('Asana was not connected: the consent window closed without it');
    return invoke(call);
  }
  return answer;
}

/** @returns {Promise<boolean>} whether the person allowed Handoff in the local Asana's consent window */
function consentToAsana() {
  const consent = window.open('/__local/asana/connect', 'asana-consent', 'width=560,height=640');
  if (!consent) return Promise.resolve(false);
  return new Promise((resolve) => {
    /** @param {MessageEvent} event */
    const told = (event) => {
      if (event.origin !== window.location.origin || event.source !== consent) return;
      done(event.data?.asanaConnected === true);
    };
    const watch = setInterval(() => consent.closed && done(false), 500);
    /** @param {boolean} connected */
    function done(connected) {
      clearInterval(watch);
      window.removeEventListener('message', told);
      resolve(connected);
    }
    window.addEventListener('message', told);
  });
}

/** @type {Record<string, (args: any) => unknown>} */
const handlers = {
  invoke: ({ functionKey, payload }) => invoke({ functionKey, payload }),
  // The frame's address says which module it draws (`?module=issue-context&issue=DEL-14`), as Jira's context would.
  getContext: () => request(`/__local/context${window.location.search}`),
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

/** Which person of the local site the page is viewed as: choosing another reloads the page as them. */
async function showViewingAs() {
  /** @type {{ viewingAs: string, people: Array<{ accountId: string, displayName: string, email: string }> }} */
  const { viewingAs, people } = await request('/__local/people');
  const bar = document.createElement('div');
  bar.className = 'local-viewing-as';
  bar.setAttribute('role', 'region');
  bar.setAttribute('aria-label', 'Local development');
  bar.style.cssText =
    'display:flex;flex-wrap:wrap;gap:8px;align-items:center;padding:6px 16px;font:14px/20px system-ui,sans-serif;' +
    'background:var(--ds-background-accent-yellow-subtlest,#fff7d6);color:var(--ds-text,#172b4d);' +
    'border-bottom:1px solid var(--ds-border,#dcdfe4)';
  const label = document.createElement('label');
  label.htmlFor = 'local-viewing-as';
  label.textContent = 'Viewing as';
  // Inline, whatever the panel's own styles say about labels and selects in its forms.
  label.style.cssText = 'display:inline;margin:0;font-weight:600';
  const select = document.createElement('select');
  select.id = 'local-viewing-as';
  select.style.cssText =
    'width:auto;max-width:100%;margin:0;font:inherit;padding:2px 4px;border-radius:3px;color:var(--ds-text,#172b4d);' +
    'background:var(--ds-background-input,#fff);border:1px solid var(--ds-border-input,#8590a2)';
  for (const person of people) {
    const option = document.createElement('option');
    option.value = person.accountId;
    option.textContent = `${person.displayName} · ${person.email}`;
    option.selected = person.accountId === viewingAs;
    select.append(option);
  }
  select.addEventListener('change', async () => {
    await request('/__local/viewing-as', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accountId: select.value }),
    });
    window.location.reload();
  });
  const note = document.createElement('span');
  note.textContent = 'Local only: in Jira, the panel acts as whoever is logged in.';
  note.style.cssText = 'color:var(--ds-text-subtle,#44546f)';
  // In Jira the settings page is in the project's settings sidebar; locally, a link here, both ways.
  const onSettings = new URLSearchParams(window.location.search).get('module') === 'settings';
  const other = document.createElement('a');
  other.href = onSettings ? '/' : '/?module=settings';
  other.textContent = onSettings ? 'Handoff page' : 'Project settings';
  other.style.cssText = 'margin-left:auto;color:var(--ds-link,#0c66e4)';
  // Jira Automation and Rovo cannot run here: their local stand-ins call the app's action functions.
  /** @type {Array<[string, string]>} */
  const places = [
    ['/__local/automation', 'Automation rule'],
    ['/__local/rovo', 'Rovo agent'],
  ];
  const standIns = places.map(([href, text]) => {
    const link = document.createElement('a');
    link.href = href;
    link.textContent = text;
    link.style.cssText = 'color:var(--ds-link,#0c66e4)';
    return link;
  });
  bar.append(label, select, note, ...(window.self === window.top ? [other, ...standIns] : []));
  document.body.prepend(bar);
}

void showViewingAs();
