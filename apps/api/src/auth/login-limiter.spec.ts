import { describe, expect, it } from 'vitest';
import { LoginLimiter } from './login-limiter.js';

describe('LoginLimiter', () => {
  it('refuses after 5 failures within the window, per key, until the window passes', () => {
    let now = 0;
    const limiter = new LoginLimiter(5, 1_000, () => now);
    for (let i = 0; i < 5; i++) limiter.fail(['user:a', 'ip:1']);
    expect(limiter.retryAfterMs(['user:a'])).toBe(1_000);
    expect(limiter.retryAfterMs(['user:b', 'ip:1'])).toBe(1_000);
    expect(limiter.retryAfterMs(['user:b', 'ip:2'])).toBe(0);
    now = 1_001;
    expect(limiter.retryAfterMs(['user:a', 'ip:1'])).toBe(0);
  });

  it('a success clears the count', () => {
    const limiter = new LoginLimiter(2, 1_000);
    limiter.fail(['user:a']);
    limiter.succeed(['user:a']);
    limiter.fail(['user:a']);
    expect(limiter.retryAfterMs(['user:a'])).toBe(0);
  });
});
