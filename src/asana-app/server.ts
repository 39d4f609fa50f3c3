import { createAdaptorServer } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createAsanaApp, type AsanaApp, type AsanaAppOptions } from './app';

export type AsanaAppServer = AsanaApp & {
  /** `http://127.0.0.1:8790`: the app's routes are under `/asana-app/`. */
  origin: string;
  port: number;
  close(): Promise<void>;
};

/**
 * Serves the Asana app server on a port (0: any free one). Without `publicUrl` the forms'
 * callbacks name the address it listens on, which is what Asana reaches locally; behind a
 * proxy or a tunnel, give the public address.
 */
export async function startAsanaAppServer(
  options: Omit<AsanaAppOptions, 'publicUrl'> & { port: number; host?: string; publicUrl?: string },
): Promise<AsanaAppServer> {
  const host = options.host ?? '127.0.0.1';
  // The forms' callbacks need the address, known once listening; a request before that is answered 503.
  const ready: { app?: AsanaApp } = {};
  const server = createAdaptorServer({
    fetch: (request: Request) => ready.app?.app.fetch(request) ?? new Response('starting', { status: 503 }),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = server.address();
  const port = isAddressInfo(address) ? address.port : options.port;
  const origin = `http://${host}:${port}`;
  const started = createAsanaApp({ ...options, publicUrl: options.publicUrl ?? origin });
  ready.app = started;
  return {
    ...started,
    origin,
    port,
    async close() {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await started.idle();
    },
  };
}

function isAddressInfo(address: string | AddressInfo | null): address is AddressInfo {
  return typeof address === 'object' && address !== null;
}
