import { setTimeout as sleep } from 'node:timers/promises';

/**
 * How a template app or a script talks to a tracker: one request at a time, waiting out a
 * 429's Retry-After (without that it would simply fail). Counts every request it sends.
 */
export function naiveClient(base: string, authorization: string) {
  let calls = 0;
  async function send(method: string, path: string, body: unknown): Promise<unknown> {
    for (;;) {
      calls += 1;
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (response.status === 429) {
        await sleep(Number(response.headers.get('retry-after') ?? '1') * 1000);
        continue;
      }
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 200)}`);
      return text ? JSON.parse(text) : undefined;
    }
  }
  return { send, calls: () => calls };
}
