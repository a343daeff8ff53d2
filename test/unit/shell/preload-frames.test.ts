import { describe, expect, it } from 'vitest';
import { buildPreloadApi } from '../../../src/main/electron/preload-api';

describe('preload: request frames', () => {
  const bridge = (sent: unknown[]) =>
    buildPreloadApi({
      invoke: async () => ({ ok: true, value: null }),
      invokeFrame: async (frame) => {
        sent.push(frame);
        return { ok: true, value: 'saved' };
      },
      onCommand: () => () => undefined,
      onEvent: () => () => undefined,
    });

  it('passes an ArrayBuffer through as it is (handed over, not copied or re-encoded)', async () => {
    const sent: unknown[] = [];
    const api = bridge(sent);
    const frame = new Uint8Array([0x50, 0x43, 0x52, 0x31]).buffer;
    expect(await (api.invokeFrame as (f: ArrayBuffer) => Promise<unknown>)(frame)).toEqual({ ok: true, value: 'saved' });
    expect(sent).toEqual([frame]);
    expect(sent[0]).toBe(frame);
  });

  it('refuses anything but an ArrayBuffer', () => {
    const sent: unknown[] = [];
    const invokeFrame = bridge(sent).invokeFrame as (f: unknown) => Promise<unknown>;
    expect(() => invokeFrame('{"path":"/etc/passwd"}')).toThrow(TypeError);
    expect(() => invokeFrame(new Uint8Array(4))).toThrow(TypeError);
    expect(sent).toEqual([]);
  });

  it('has no invokeFrame when the bridge cannot send bytes', () => {
    const api = buildPreloadApi({ invoke: async () => null, onCommand: () => () => undefined, onEvent: () => () => undefined });
    expect(api.invokeFrame).toBeUndefined();
  });
});
