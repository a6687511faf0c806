import { z } from 'zod';
import { ROLES, type Operator, type Role } from './roles.js';

/**
 * REST bodies of operator login and user administration (`/api/auth/*`, `/api/users`).
 * Passwords never leave the api except as the one-time initial admin password.
 */
export const USERNAME_PATTERN = /^[a-z][a-z0-9._-]{1,31}$/;

export const loginRequest = z.strictObject({
  username: z.string().regex(USERNAME_PATTERN, 'user names are 2–32 characters a-z 0-9 . _ -'),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof loginRequest>;

/** Answer of `POST /api/auth/login`; the session also travels as an HttpOnly cookie. */
export interface LoginResponse {
  readonly operator: Operator;
  /** Bearer token for scripts and non-browser clients (`Authorization: Bearer …`, socket.io `auth.token`). */
  readonly token: string;
  readonly sessionId: string;
  readonly expiresAt: number;
}

/** One open session as `GET /api/auth/sessions` lists it (never the token itself). */
export interface SessionInfo {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
  readonly createdAt: number;
  readonly lastSeenAt: number;
  readonly expiresAt: number;
  readonly current: boolean;
}

export const createUserRequest = z.strictObject({
  username: z.string().regex(USERNAME_PATTERN, 'user names are 2–32 characters a-z 0-9 . _ -'),
  role: z.enum(ROLES),
  password: z.string().min(10, 'passwords have at least 10 characters').max(256),
  displayName: z.string().max(64).optional(),
});
export type CreateUserRequest = z.infer<typeof createUserRequest>;

export const changePasswordRequest = z.strictObject({
  password: z.string().min(10, 'passwords have at least 10 characters').max(256),
});

/** A user as the api lists it. */
export interface UserInfo {
  readonly username: string;
  readonly role: Role;
  readonly displayName?: string;
  readonly createdAt: number;
}
