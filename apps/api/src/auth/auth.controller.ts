import { Body, Controller, Delete, ForbiddenException, Get, HttpCode, HttpException, HttpStatus, Inject, NotFoundException, Param, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { loginRequest, roleAtLeast, type LoginResponse, type Operator, type SessionInfo } from '@plantwatch/contracts';
import { AuditLog } from '../audit/audit.log.js';
import { parseBody, type HeaderSink } from '../http/zod-body.js';
import { AUTH_OPTIONS, type AuthedRequest, type AuthOptions } from './auth.options.js';
import { sessionCookie } from './cookies.js';
import { ADDRESS_LIMITER, LoginLimiter } from './login-limiter.js';
import { Public } from './roles.decorator.js';
import { SessionStore } from './sessions.js';
import { UsersStore } from './users.store.js';

/**
 * `/api/auth`: operator login (5 failures per user name, 30 per client address — a control room
 * behind one NAT address must not lock itself out — within 15 min, then 429; HttpOnly session
 * cookie, or the returned bearer token), logout,
 * who am I, and sessions (anyone sees and ends their own; an admin everyone's).
 */
@Controller('api/auth')
export class AuthController {
  constructor(
    @Inject(UsersStore) private readonly users: UsersStore,
    @Inject(SessionStore) private readonly sessions: SessionStore,
    @Inject(LoginLimiter) private readonly limiter: LoginLimiter,
    @Inject(ADDRESS_LIMITER) private readonly addressLimiter: LoginLimiter,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: unknown, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: HeaderSink): Promise<LoginResponse> {
    const { username, password } = parseBody(loginRequest, body);
    const keys = [`user:${username}`];
    const address = [`ip:${clientAddress(req)}`];
    const waitMs = Math.max(this.limiter.retryAfterMs(keys), this.addressLimiter.retryAfterMs(address));
    if (waitMs > 0) {
      res.setHeader('Retry-After', String(Math.ceil(waitMs / 1000)));
      throw new HttpException('too many failed logins; try again later', HttpStatus.TOO_MANY_REQUESTS);
    }
    const user = await this.users.authenticate(username, password);
    if (!user) {
      this.limiter.fail(keys);
      this.addressLimiter.fail(address);
      void this.audit.append({ ts: Date.now(), kind: 'login_failed', user: username, from: clientAddress(req) });
      throw new UnauthorizedException('wrong user name or password');
    }
    this.limiter.succeed(keys);
    const operator: Operator = { username: user.username, role: user.role, ...(user.displayName === undefined ? {} : { displayName: user.displayName }) };
    const { token, session } = this.sessions.create(operator);
    res.setHeader('Set-Cookie', sessionCookie(token, this.options.maxMs / 1000, this.options.cookieSecure));
    void this.audit.append({ ts: Date.now(), kind: 'login', user: username, session: session.id, from: clientAddress(req) });
    return { operator, token, sessionId: session.id, expiresAt: session.expiresAt };
  }

  @Post('logout')
  @HttpCode(200)
  logout(@Req() req: AuthedRequest, @Res({ passthrough: true }) res: HeaderSink): { ok: true } {
    if (req.sessionId) this.sessions.revoke(req.sessionId);
    res.setHeader('Set-Cookie', sessionCookie('', 0, this.options.cookieSecure));
    void this.audit.append({ ts: Date.now(), kind: 'logout', user: req.operator?.username ?? '?', session: req.sessionId });
    return { ok: true };
  }

  @Get('me')
  me(@Req() req: AuthedRequest): { operator: Operator | undefined; sessionId: string | undefined } {
    return { operator: req.operator, sessionId: req.sessionId };
  }

  @Get('sessions')
  list(@Req() req: AuthedRequest): SessionInfo[] {
    const all = this.sessions.list(req.sessionId);
    return isAdmin(req.operator) ? all : all.filter((s) => s.username === req.operator?.username);
  }

  @Delete('sessions/:id')
  revoke(@Param('id') id: string, @Req() req: AuthedRequest): { ok: true } {
    const session = this.sessions.get(id);
    if (!session) throw new NotFoundException(`no session ${id.slice(0, 32)}`);
    if (session.operator.username !== req.operator?.username && !isAdmin(req.operator)) throw new ForbiddenException('only an admin ends other people’s sessions');
    this.sessions.revoke(id);
    void this.audit.append({ ts: Date.now(), kind: 'session_revoked', user: req.operator?.username ?? '?', session: id, of: session.operator.username });
    return { ok: true };
  }
}

function isAdmin(operator: Operator | undefined): boolean {
  return operator !== undefined && roleAtLeast(operator.role, 'admin');
}

function clientAddress(req: AuthedRequest): string {
  return req.ip ?? req.socket?.remoteAddress ?? 'unknown';
}
