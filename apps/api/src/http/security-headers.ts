/**
 * Headers for every response: the one-map loads nothing from anywhere but this server (closed
 * plant networks; CSP enforces it in the browser), is never framed, and types are not sniffed.
 */
const CSP = ["default-src 'self'", "img-src 'self' data:", "style-src 'self'", "script-src 'self'", "connect-src 'self'", "font-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'", "object-src 'none'"].join('; ');

interface Res {
  setHeader(name: string, value: string): unknown;
}

export function securityHeaders(_req: unknown, res: Res, next: () => void): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  next();
}
