import type { Operator } from '@plantwatch/contracts';
import type { Namespace, Server, Socket } from 'socket.io';
import { tokenOf } from '../auth/cookies.js';
import type { SessionStore } from '../auth/sessions.js';

/** What the auth middleware puts on `socket.data`. */
export interface SocketAuth {
  operator: Operator;
  sessionId: string;
}

/** Error message a refused connection gets (`connect_error`); the one-map shows the login. */
export const UNAUTHORISED = 'unauthorised';

/**
 * socket.io authentication for every namespace of the server: a connection needs a live session
 * (the HttpOnly cookie sent with the handshake, or `auth: {token}` from scripts). The server is
 * built with `connectionStateRecovery.skipMiddlewares: false`, so a recovered connection passes
 * here again (MEASURED.md: the default skips it, and a revoked token reconnected).
 * Revoking a session disconnects its sockets at once.
 */
export function authenticateSockets(server: Server, sessions: SessionStore): void {
  const guard = (socket: Socket, next: (error?: Error) => void): void => {
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    const token = typeof auth?.token === 'string' ? auth.token : tokenOf(socket.handshake.headers);
    const session = sessions.resolve(token);
    if (!session) return next(new Error(UNAUTHORISED));
    (socket.data as SocketAuth).operator = session.operator;
    (socket.data as SocketAuth).sessionId = session.id;
    next();
  };
  const guarded = new WeakSet<Namespace>();
  const protect = (nsp: Namespace): void => {
    if (guarded.has(nsp)) return;
    guarded.add(nsp);
    nsp.use(guard);
  };
  for (const nsp of namespacesOf(server)) protect(nsp);
  server.on('new_namespace', protect);
  sessions.onRevoke((session) => {
    for (const nsp of namespacesOf(server)) {
      for (const socket of nsp.sockets.values()) if ((socket.data as Partial<SocketAuth>).sessionId === session.id) socket.disconnect(true);
    }
  });
}

/** Sockets whose session has expired meanwhile are disconnected; live ones are kept alive. */
export function refreshSocketSessions(server: Server, sessions: SessionStore): void {
  for (const nsp of namespacesOf(server)) {
    for (const socket of nsp.sockets.values()) {
      const id = (socket.data as Partial<SocketAuth>).sessionId;
      if (id !== undefined && !sessions.touch(id)) socket.disconnect(true);
    }
  }
}

function namespacesOf(server: Server): Namespace[] {
  return [...(server as unknown as { _nsps: Map<string, Namespace> })._nsps.values()];
}
