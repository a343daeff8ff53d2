import { describe, expect, it } from 'vitest';
import { parseSha256sum } from '../../../src/main/services/ssh';
import { ChannelLimiter } from '../../../src/main/services/ssh/channel-limiter';

describe('ChannelLimiter', () => {
  it('never lets more than the limit run and serves waiters in order', async () => {
    const limiter = new ChannelLimiter(2);
    const order: number[] = [];
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 7 }, async (_, i) => {
        const release = await limiter.acquire();
        order.push(i);
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        release();
        release(); // twice is harmless
      }),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(limiter.inUse).toBe(0);
  });

  it('a waiter can be aborted', async () => {
    const limiter = new ChannelLimiter(1);
    const hold = await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toThrow();
    expect(limiter.queued).toBe(0);
    hold();
    expect(() => new ChannelLimiter(0)).toThrow(RangeError);
  });
});

describe('parseSha256sum', () => {
  it('reads plain and escaped names', () => {
    const h = 'a'.repeat(64);
    expect(parseSha256sum(`${h}  plain name\n\\${h}  line\\nbreak\\\\x\n${h} *bin\nsha256sum: x: No such file\n`)).toEqual([
      { path: 'plain name', hash: h },
      { path: 'line\nbreak\\x', hash: h },
      { path: 'bin', hash: h },
    ]);
  });
});

describe('isPermanentSshError', () => {
  it('separates what a retry can fix (network) from what it cannot (auth, host key, closed)', async () => {
    const { SshError, isPermanentSshError } = await import('../../../src/main/services/ssh');
    expect(isPermanentSshError(new SshError('CONNECTION_LOST', 'x'))).toBe(false);
    expect(isPermanentSshError(new SshError('CONNECT_FAILED', 'x'))).toBe(false);
    expect(isPermanentSshError(new SshError('AUTH_NEEDS_USER', 'x'))).toBe(true);
    expect(isPermanentSshError(new SshError('HOST_KEY_CHANGED', 'x'))).toBe(true);
    expect(isPermanentSshError(new Error('x'))).toBe(false);
  });
});
