// @ts-check
/**
 * The local Automation and Rovo stand-in pages' one script (src/dev-server/local-stand-in-page.ts):
 * a button with `data-post` posts JSON to its page's own route (which refuses anything else) and
 * the answer is drawn with textContent only, so nothing in it is ever read as markup.
 */

/**
 * @typedef {{ label: string, url: string | null }} Citation
 * @typedef {{ prompt: string, recordId: string }} Confirm
 * @typedef {Array<[string, string]>} Values
 * @typedef {{ heading: string, values: Values, citations: Citation[], answer: unknown, confirm?: Confirm }} Result
 */

const result = /** @type {HTMLElement} */ (document.getElementById('result'));

/** @param {string} tag @param {string} [text] */
function element(tag, text) {
  const made = document.createElement(tag);
  if (text !== undefined) made.textContent = text;
  return made;
}

/** @param {string} path @param {Record<string, unknown>} body */
async function post(path, body) {
  result.hidden = false;
  result.replaceChildren(element('p', 'Running…'));
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok) {
    result.replaceChildren(element('p', `Refused (${response.status}): ${answer.message}`));
    return;
  }
  show(/** @type {Result} */ (answer), path, body);
}

/** @param {Result} answer @param {string} path @param {Record<string, unknown>} body */
function show(answer, path, body) {
  const values = element('dl');
  for (const [name, value] of answer.values) values.append(element('dt', name), element('dd', value));
  const cited = element('ul');
  for (const { label, url } of answer.citations) {
    const item = element('li');
    if (url && /^https?:\/\//.test(url)) {
      const link = /** @type {HTMLAnchorElement} */ (element('a', label));
      link.href = url;
      link.rel = 'noopener';
      item.append(link, ` — ${url}`);
    } else item.textContent = label;
    cited.append(item);
  }
  const parts = [element('h2', answer.heading), values];
  if (answer.confirm) {
    const yes = element('button', 'Yes, provision it');
    yes.addEventListener('click', () => void post(path, { ...body, confirmRecordId: answer.confirm?.recordId }));
    parts.push(element('p', answer.confirm.prompt), yes);
  }
  parts.push(element('h3', answer.citations.length ? 'Cited' : 'Cites nothing'), cited);
  const whole = element('details');
  whole.append(element('summary', 'The whole answer'), element('pre', JSON.stringify(answer.answer, null, 2)));
  parts.push(whole);
  result.replaceChildren(...parts);
  result.focus();
}

for (const button of document.querySelectorAll('button[data-post]')) {
  const { post: path = '', question } = /** @type {HTMLElement} */ (button).dataset;
  button.addEventListener('click', () => void post(path, question === undefined ? {} : { question: Number(question) }));
}
