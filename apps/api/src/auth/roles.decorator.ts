import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Operator, Role } from '@plantwatch/contracts';

export const MIN_ROLE = 'plantwatch:min-role';

/**
 * The least role a route needs (`@MinRole('operator')` on commands and alarm acknowledgement,
 * `'engineer'` on alarm-rule edits). Enforced by the auth guard; routes without it need only a
 * logged-in user, routes marked {@link Public} need none.
 */
export const MinRole = (role: Role) => SetMetadata(MIN_ROLE, role);

export const IS_PUBLIC = 'plantwatch:public';
/** Reachable without logging in (health, login itself, the web app's static files). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The operator who made the request (set by the auth guard on `request.operator`). */
export const CurrentOperator = createParamDecorator((_data: unknown, ctx: ExecutionContext): Operator | undefined => {
  const request = ctx.switchToHttp().getRequest<{ operator?: Operator }>();
  return request.operator;
});
