import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createWebSocketStream, WebSocketServer } from 'ws';

/** Called with each new raw connection (and the HTTP upgrade request for WebSockets). */
export type ConnectionHandler = (raw: Duplex, req?: IncomingMessage) => void;

/** A listening transport: its bound port, and a close that ends every connection it accepted. */
export interface Transport {
  readonly port: number;
  close(): Promise<void>;
}

function listen(server: TcpServer | HttpServer, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Tracks raw sockets so close() can end them: server.close() alone waits for every client. */
function socketTracker(server: TcpServer | HttpServer): () => void {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return () => {
    for (const socket of sockets) socket.destroy();
  };
}

function closeServer(server: TcpServer | HttpServer, destroyAll: () => void): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    destroyAll();
  });
}

/** MQTT over plain TCP (MQTT 3.1.1 §4.2). */
export async function listenTcp(host: string, port: number, onConnection: ConnectionHandler): Promise<Transport> {
  const server = createTcpServer((socket) => onConnection(socket));
  const destroyAll = socketTracker(server);
  const bound = await listen(server, host, port);
  return { port: bound, close: () => closeServer(server, destroyAll) };
}

/**
 * MQTT over WebSocket on `path` (MQTT 3.1.1 §6: binary frames, subprotocol `mqtt`).
 * `maxPayload` makes ws refuse an oversize WebSocket message before buffering it; MQTT packets
 * split over several messages are caught by the connection guard behind it.
 */
export async function listenWebSocket(
  host: string,
  port: number,
  path: string,
  maxPayload: number,
  onConnection: ConnectionHandler,
  onOversize: () => void,
): Promise<Transport> {
  const server = createHttpServer((_req, res) => {
    res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ server, path, maxPayload });
  wss.on('connection', (ws, req) => {
    const stream = createWebSocketStream(ws);
    // ws closes with 1009 (RFC 6455 §7.4.1) on a message over maxPayload. Prepended, so it runs
    // before the stream's own listener: a stream the guard already closed (and counted) is skipped.
    ws.prependListener('error', (error: Error & { code?: string }) => {
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' && !stream.destroyed) onOversize();
    });
    onConnection(stream, req);
  });
  const destroyAll = socketTracker(server);
  const bound = await listen(server, host, port);
  return {
    port: bound,
    close: async () => {
      // With an attached server, ws calls back only once every client is gone.
      const wssClosed = new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const ws of wss.clients) ws.terminate();
      await closeServer(server, destroyAll);
      await wssClosed;
    },
  };
}
