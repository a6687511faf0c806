import { createHash, randomBytes } from 'node:crypto';
import type { Operator, SessionInfo } from '@plantwatch/contracts';

/** A logged-in session. The token itself is never stored, only its SHA-256. */
export interface Session {
  readonly id: string;
  readonly operator: Operator;
  readonly createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

export interface SessionOptions {
  /** A session ends after this long without a request [ms] (sliding). */
  readonly idleMs: number;
  /** …and at the latest this long after login [ms]. */
  readonly maxMs: number;
  readonly now?: () => number;
}

type RevokeListener = (session: Session) => void;

/**
 * Open sessions, in memory (a restart of the api logs everyone out). Tokens are 256 random bits;
 * the map is keyed by their hash, so a heap dump does not hand out sessions. Revocation
 * (logout, user removed, admin action) tells listeners — the live gateway disconnects the
 * session's sockets, and the socket.io middleware refuses its reconnects.
 */
export class SessionStore {
  private readonly byHash = new Map<string, Session>();
  private readonly listeners: RevokeListener[] = [];
  private readonly now: () => number;

  constructor(private readonly options: SessionOptions) {
    this.now = options.now ?? Date.now;
  }

  create(operator: Operator): { token: string; session: Session } {
    const token = randomBytes(32).toString('base64url');
    const hash = hashToken(token);
    const now = this.now();
    const session: Session = { id: hash.slice(0, 16), operator, createdAt: now, lastSeenAt: now, expiresAt: Math.min(now + this.options.idleMs, now + this.options.maxMs) };
    this.byHash.set(hash, session);
    return { token, session };
  }

  /** The live session of a token (sliding its idle expiry), or undefined. */
  resolve(token: string | undefined): Session | undefined {
    if (!token || token.length > 128) return undefined;
    const hash = hashToken(token);
    const session = this.byHash.get(hash);
    if (!session) return undefined;
    const now = this.now();
    if (now >= session.expiresAt) {
      this.drop(hash, session);
      return undefined;
    }
    session.lastSeenAt = now;
    session.expiresAt = Math.min(now + this.options.idleMs, session.createdAt + this.options.maxMs);
    return session;
  }

  /**
   * Keeps a session that is only watching (a wall screen's socket) alive, like a request would;
   * false when it has expired or was revoked.
   */
  touch(id: string): boolean {
    for (const [hash, session] of this.byHash) {
      if (session.id !== id) continue;
      const now = this.now();
      if (now >= session.expiresAt) return !this.drop(hash, session);
      session.lastSeenAt = now;
      session.expiresAt = Math.min(now + this.options.idleMs, session.createdAt + this.options.maxMs);
      return true;
    }
    return false;
  }

  /** Ends one session by id; false when there is none. */
  revoke(id: string): boolean {
    for (const [hash, session] of this.byHash) if (session.id === id) return this.drop(hash, session);
    return false;
  }

  /** Ends every session of a user (removed user, changed password). */
  revokeUser(username: string): number {
    let count = 0;
    for (const [hash, session] of [...this.byHash]) if (session.operator.username === username && this.drop(hash, session)) count++;
    return count;
  }

  list(currentId?: string): SessionInfo[] {
    const now = this.now();
    return [...this.byHash.values()]
      .filter((s) => s.expiresAt > now)
      .map((s) => ({ id: s.id, username: s.operator.username, role: s.operator.role, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, expiresAt: s.expiresAt, current: s.id === currentId }));
  }

  get(id: string): Session | undefined {
    for (const session of this.byHash.values()) if (session.id === id) return session;
    return undefined;
  }

  onRevoke(listener: RevokeListener): void {
    this.listeners.push(listener);
  }

  private drop(hash: string, session: Session): boolean {
    this.byHash.delete(hash);
    for (const listener of this.listeners) listener(session);
    return true;
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
