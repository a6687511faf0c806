import { describe, expect, it } from 'vitest';
import { SessionStore } from './sessions.js';

describe('SessionStore', () => {
  const operator = { username: 'otto', role: 'operator' as const };

  it('resolves a token, slides the idle expiry, and ends at the absolute lifetime', () => {
    let now = 1_000;
    const store = new SessionStore({ idleMs: 100, maxMs: 250, now: () => now });
    const { token, session } = store.create(operator);
    now = 1_090;
    expect(store.resolve(token)?.id).toBe(session.id);
    now = 1_180;
    expect(store.resolve(token)?.operator).toEqual(operator);
    now = 1_260;
    expect(store.resolve(token)).toBeUndefined();
  });

  it('forgets idle sessions, never stores the token, and tells listeners on revoke', () => {
    let now = 0;
    const store = new SessionStore({ idleMs: 100, maxMs: 10_000, now: () => now });
    const { token, session } = store.create(operator);
    expect(JSON.stringify(store.list())).not.toContain(token);
    const revoked: string[] = [];
    store.onRevoke((s) => revoked.push(s.id));
    expect(store.revoke(session.id)).toBe(true);
    expect(revoked).toEqual([session.id]);
    expect(store.resolve(token)).toBeUndefined();
    const second = store.create(operator);
    now = 101;
    expect(store.touch(second.session.id)).toBe(false);
  });

  it('revokes every session of a user', () => {
    const store = new SessionStore({ idleMs: 1_000, maxMs: 1_000 });
    store.create(operator);
    store.create(operator);
    store.create({ username: 'vera', role: 'viewer' });
    expect(store.revokeUser('otto')).toBe(2);
    expect(store.list().map((s) => s.username)).toEqual(['vera']);
  });
});
