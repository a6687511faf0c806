import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Role, UserInfo } from '@plantwatch/contracts';
import { hashPassword, randomPassword, verifyPassword } from './password.js';

/** One user as stored in the users file (only a scrypt hash of the password). */
export interface StoredUser {
  readonly username: string;
  readonly role: Role;
  readonly displayName?: string;
  readonly passwordHash: string;
  readonly createdAt: number;
}

interface UsersFile {
  readonly version: 1;
  readonly users: StoredUser[];
}

/** What {@link UsersStore.open} did: `initialAdminPassword` is set only when it created the file. */
export interface OpenedUsers {
  readonly store: UsersStore;
  readonly initialAdminPassword?: string;
}

/** Thrown for user-administration requests that cannot be carried out. */
export class UserError extends Error {
  constructor(
    readonly code: 'USER_EXISTS' | 'USER_UNKNOWN' | 'LAST_ADMIN',
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/**
 * Operators of the one-map, in a JSON file under the data dir (mode 0600, written atomically).
 * The first start creates it with one `admin` whose random password is returned once, to be
 * printed once; nothing else ever sees a password.
 */
export class UsersStore {
  /** Verifying against this hash when a user is unknown keeps login timing the same. */
  private readonly dummyHash: Promise<string> = hashPassword(randomBytes(12).toString('hex'));

  private constructor(
    private readonly file: string,
    private users: StoredUser[],
  ) {}

  /** Loads the users file, or creates it with an admin (`initialPassword`, or a random one). */
  static async open(file: string, initialPassword?: string): Promise<OpenedUsers> {
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as UsersFile;
      if (parsed.version !== 1 || !Array.isArray(parsed.users)) throw new Error(`${file} is not a plantwatch users file`);
      return { store: new UsersStore(file, parsed.users) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const password = initialPassword ?? randomPassword();
    const admin: StoredUser = { username: 'admin', role: 'admin', displayName: 'Administrator', passwordHash: await hashPassword(password), createdAt: Date.now() };
    const store = new UsersStore(file, [admin]);
    await store.save();
    return { store, initialAdminPassword: password };
  }

  /** The user when the password matches; undefined otherwise (same work either way). */
  async authenticate(username: string, password: string): Promise<StoredUser | undefined> {
    const user = this.users.find((u) => u.username === username);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await this.dummyHash));
    return ok ? user : undefined;
  }

  find(username: string): StoredUser | undefined {
    return this.users.find((u) => u.username === username);
  }

  list(): UserInfo[] {
    return this.users.map(({ username, role, displayName, createdAt }) => ({ username, role, createdAt, ...(displayName === undefined ? {} : { displayName }) }));
  }

  async add(user: { username: string; role: Role; password: string; displayName?: string | undefined }): Promise<UserInfo> {
    if (this.find(user.username)) throw new UserError('USER_EXISTS', `user ${user.username} exists`);
    const stored: StoredUser = { username: user.username, role: user.role, passwordHash: await hashPassword(user.password), createdAt: Date.now(), ...(user.displayName === undefined ? {} : { displayName: user.displayName }) };
    this.users = [...this.users, stored];
    await this.save();
    return this.list().find((u) => u.username === user.username) as UserInfo;
  }

  async remove(username: string): Promise<void> {
    const user = this.find(username);
    if (!user) throw new UserError('USER_UNKNOWN', `no user ${username}`);
    if (user.role === 'admin' && this.users.filter((u) => u.role === 'admin').length === 1) throw new UserError('LAST_ADMIN', 'the last admin cannot be removed');
    this.users = this.users.filter((u) => u.username !== username);
    await this.save();
  }

  async setPassword(username: string, password: string): Promise<void> {
    const user = this.find(username);
    if (!user) throw new UserError('USER_UNKNOWN', `no user ${username}`);
    const passwordHash = await hashPassword(password);
    this.users = this.users.map((u) => (u.username === username ? { ...u, passwordHash } : u));
    await this.save();
  }

  private async save(): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    const body: UsersFile = { version: 1, users: this.users };
    await writeFile(tmp, JSON.stringify(body, null, 2) + '\n', { mode: 0o600 });
    await rename(tmp, this.file);
  }
}
