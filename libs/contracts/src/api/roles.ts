/**
 * Operator roles, lowest first (issue 5): viewers watch; operators also command and acknowledge
 * or shelve alarms; engineers also edit alarm rules; admins also manage users.
 */
export const ROLES = ['viewer', 'operator', 'engineer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Whether `role` is at least `required`. */
export function roleAtLeast(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

/** The logged-in operator as the api sees it (REST and socket.io). */
export interface Operator {
  readonly username: string;
  readonly role: Role;
  readonly displayName?: string;
}
