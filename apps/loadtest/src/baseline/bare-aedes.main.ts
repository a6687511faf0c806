/**
 * The bare aedes relay of the load baseline: stock aedes with no authentication, no hooks and
 * the default in-memory persistence on 127.0.0.1, a free port. Prints `listening <port>` on
 * stdout once it accepts connections; SIGTERM/SIGINT close it and exit 0 (so `--cpu-prof`
 * still writes its profile). Deliberately nothing of plantwatch's broker: no per-client
 * limits, so flooding it past its capacity shows how stock aedes fails.
 */
import { createServer } from 'node:net';
import { Aedes } from 'aedes';

const aedes = await Aedes.createBroker();
const server = createServer(aedes.handle);

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  process.stdout.write(`listening ${port}\n`);
});

let closing = false;
const shutdown = (): void => {
  if (closing) return;
  closing = true;
  server.close();
  aedes.close(() => process.exit(0));
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
