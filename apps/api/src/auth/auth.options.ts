/** Injection tokens and options of operator authentication. */
export const AUTH_OPTIONS = Symbol('AuthOptions');

export interface AuthOptions {
  /** Mark the session cookie `Secure` (the api is behind HTTPS). */
  readonly cookieSecure: boolean;
  /** Session idle timeout and absolute lifetime [ms]. */
  readonly idleMs: number;
  readonly maxMs: number;
}

/** Requests after a successful auth check carry the operator and the session id. */
export interface AuthedRequest {
  operator?: import('@plantwatch/contracts').Operator;
  sessionId?: string;
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
  socket?: { remoteAddress?: string };
}
