/** Name of the HttpOnly session cookie. */
export const SESSION_COOKIE = 'pw_session';

/** Value of one cookie in a `Cookie` header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/**
 * `Set-Cookie` for the session: HttpOnly (no script reads it), SameSite=Strict (no other site
 * sends it), Path=/, Secure behind HTTPS. `maxAgeS` 0 clears it.
 */
export function sessionCookie(token: string, maxAgeS: number, secure: boolean): string {
  return [`${SESSION_COOKIE}=${encodeURIComponent(token)}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${Math.max(0, Math.floor(maxAgeS))}`, ...(secure ? ['Secure'] : [])].join('; ');
}

/** The session token of a request: the cookie, or `Authorization: Bearer …` for scripts. */
export function tokenOf(headers: Readonly<Record<string, string | string[] | undefined>>): string | undefined {
  const auth = headers['authorization'];
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7).trim();
  const cookie = headers['cookie'];
  return readCookie(typeof cookie === 'string' ? cookie : undefined, SESSION_COOKIE);
}
