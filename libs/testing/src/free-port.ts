import { createServer } from 'node:net';

/**
 * A TCP port that was free a moment ago on `host`: binds port 0, reads the port the kernel chose
 * and releases it. Another process may take it before the caller binds it, so callers that
 * spawn a server retry on "address in use" (see {@link startInfluxd}).
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close((error) => (error ? reject(error) : resolve(port)));
    });
  });
}
