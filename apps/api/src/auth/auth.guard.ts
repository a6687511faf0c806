import { ForbiddenException, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { roleAtLeast, type Role } from '@plantwatch/contracts';
import type { AuthedRequest } from './auth.options.js';
import { tokenOf } from './cookies.js';
import { IS_PUBLIC, MIN_ROLE } from './roles.decorator.js';
import { SessionStore } from './sessions.js';

/**
 * The api's one guard (APP_GUARD): every HTTP route needs a live session unless marked
 * `@Public()`, and at least the role of its `@MinRole(…)`. Sets `request.operator` for
 * `@CurrentOperator()`. MQTT handlers of the hybrid app are not HTTP and pass; socket.io
 * connections are checked once, by the live gateway's middleware.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(SessionStore) private readonly sessions: SessionStore,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const session = this.sessions.resolve(tokenOf(request.headers));
    if (!session) throw new UnauthorizedException('log in first');
    request.operator = session.operator;
    request.sessionId = session.id;
    const required = this.reflector.getAllAndOverride<Role | undefined>(MIN_ROLE, targets);
    if (required && !roleAtLeast(session.operator.role, required)) throw new ForbiddenException(`needs role ${required} or higher (you are ${session.operator.role})`);
    return true;
  }
}
