import { createServer, type IncomingMessage } from 'node:http';

/** A request as the proxy sees it: method, path (from the API base on) and parsed JSON body. */
export type SeenRequest = { method: string; path: string; body: unknown };

/**
 * An HTTP proxy in front of a local API that answers 500 to the requests `fails` picks —
 * `before` the API sees them (nothing happened) or `after` it handled them (it happened, the
 * client never learns it) — so a test can fail exactly the second request of a pair, which the
 * emulators' random fault knobs cannot aim at.
 */
export async function faultyProxy(
  target: string,
  fails: (request: SeenRequest) => 'before' | 'after' | null,
): Promise<{ url: string; close: () => Promise<void> }> {
  const base = new URL(target);
  const server = createServer((req, res) => {
    void (async () => {
      const raw = await bodyOf(req);
      const path = (req.url ?? '').slice(base.pathname.length);
      const body: unknown = raw ? JSON.parse(raw) : undefined;
      const seen = { method: req.method ?? 'GET', path, body };
      const fault = fails(seen);
      if (fault !== 'before') {
        const headers = Object.fromEntries(
          Object.entries(req.headers).flatMap(([name, value]) =>
            typeof value === 'string' && name !== 'host' && name !== 'content-length' ? [[name, value]] : [],
          ),
        );
        const answer = await fetch(`${base.origin}${req.url ?? ''}`, {
          method: seen.method,
          headers,
          ...(raw ? { body: raw } : {}),
        });
        const text = await answer.text();
        if (!fault) {
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          res.end(text);
          return;
        }
      }
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: 'Server Error', phrase: '6 sad squid snuggle softly' }] }));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the proxy has no port');
  const { port } = address;
  return {
    url: `http://127.0.0.1:${port}${base.pathname}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}
