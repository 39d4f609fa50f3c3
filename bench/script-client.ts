import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';

/**
 * How a script talks to a tracker: at most `inFlight` requests at once (1: one after another),
 * a 429 waited out for its Retry-After and sent again (without that it would simply fail).
 * Counts every request it sends, refused ones included.
 */
export function scriptClient(base: string, authorization: string, inFlight: number) {
  let calls = 0;
  let running = 0;
  const queue: Array<() => void> = [];
  const acquire = () =>
    running < inFlight ? Promise.resolve((running += 1)) : new Promise<void>((start) => queue.push(start));
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else running -= 1;
  };
  async function once(method: string, path: string, body: unknown): Promise<Response> {
    await acquire();
    try {
      calls += 1;
      return await fetch(`${base}${path}`, {
        method,
        headers: { authorization, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } finally {
      release();
    }
  }
  async function send(method: string, path: string, body?: unknown): Promise<unknown> {
    for (;;) {
      const response = await once(method, path, body);
      if (response.status === 429) {
        // The wait holds no place in flight: the other requests carry on meanwhile.
        await response.body?.cancel();
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

export type ScriptClient = ReturnType<typeof scriptClient>;

const asanaPage = z.object({
  data: z.array(z.object({ gid: z.string(), name: z.string() })),
  next_page: z.object({ offset: z.string() }).nullish(),
});

/** Every object an Asana list answers (`path` has its query already), page after page of 100. */
export async function asanaList(client: ScriptClient, path: string) {
  const all: Array<z.output<typeof asanaPage>['data'][number]> = [];
  let offset: string | undefined;
  do {
    const page = asanaPage.parse(await client.send('GET', `${path}&limit=100${offset ? `&offset=${offset}` : ''}`));
    all.push(...page.data);
    offset = page.next_page?.offset;
  } while (offset);
  return all;
}
