import { BadRequestException, Body, ConflictException, Controller, Delete, ForbiddenException, Get, Inject, NotFoundException, Param, Post, Put, Req } from '@nestjs/common';
import { changePasswordRequest, createUserRequest, roleAtLeast, type UserInfo } from '@plantwatch/contracts';
import { AuditLog } from '../audit/audit.log.js';
import { parseBody } from '../http/zod-body.js';
import type { AuthedRequest } from './auth.options.js';
import { MinRole } from './roles.decorator.js';
import { SessionStore } from './sessions.js';
import { UserError, UsersStore } from './users.store.js';

/** `/api/users`: user administration (admin), and changing one's own password. */
@Controller('api/users')
export class UsersController {
  constructor(
    @Inject(UsersStore) private readonly users: UsersStore,
    @Inject(SessionStore) private readonly sessions: SessionStore,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  @Get()
  @MinRole('admin')
  list(): UserInfo[] {
    return this.users.list();
  }

  @Post()
  @MinRole('admin')
  async add(@Body() body: unknown, @Req() req: AuthedRequest): Promise<UserInfo> {
    const request = parseBody(createUserRequest, body);
    const user = await this.users.add(request).catch(mapUserError);
    void this.audit.append({ ts: Date.now(), kind: 'user_added', user: req.operator?.username ?? '?', target: user.username, role: user.role });
    return user;
  }

  @Delete(':username')
  @MinRole('admin')
  async remove(@Param('username') username: string, @Req() req: AuthedRequest): Promise<{ ok: true; sessionsEnded: number }> {
    await this.users.remove(username).catch(mapUserError);
    const sessionsEnded = this.sessions.revokeUser(username);
    void this.audit.append({ ts: Date.now(), kind: 'user_removed', user: req.operator?.username ?? '?', target: username });
    return { ok: true, sessionsEnded };
  }

  /** A new password ends every other session of that user. */
  @Put(':username/password')
  async password(@Param('username') username: string, @Body() body: unknown, @Req() req: AuthedRequest): Promise<{ ok: true }> {
    const self = req.operator?.username === username;
    if (!self && !(req.operator && roleAtLeast(req.operator.role, 'admin'))) throw new ForbiddenException('only an admin changes other people’s passwords');
    const { password } = parseBody(changePasswordRequest, body);
    await this.users.setPassword(username, password).catch(mapUserError);
    for (const session of this.sessions.list()) if (session.username === username && session.id !== req.sessionId) this.sessions.revoke(session.id);
    void this.audit.append({ ts: Date.now(), kind: 'password_changed', user: req.operator?.username ?? '?', target: username });
    return { ok: true };
  }
}

function mapUserError(error: unknown): never {
  if (error instanceof UserError) {
    if (error.code === 'USER_EXISTS') throw new ConflictException(error.message);
    if (error.code === 'USER_UNKNOWN') throw new NotFoundException(error.message);
    throw new BadRequestException(error.message);
  }
  throw error;
}
