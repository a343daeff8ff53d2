import { describe, expect, it } from 'vitest';
import { frameHeader, joinFrame, setFrameId, splitFrame } from '../../../src/shared/ipc-frame';
import { readRequestFrame } from '../../../src/main/browser-mode/request-frame';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('request frames: header', () => {
  it('carries the id set after the frame was built, the channel and the body', () => {
    const frame = joinFrame('recovery.write', utf8('{"id":"x"}'));
    setFrameId(frame.buffer as ArrayBuffer, 4_000_000_001);
    const parts = splitFrame(frame);
    expect(parts).toMatchObject({ ok: true, id: 4_000_000_001, channel: 'recovery.write' });
    if (parts.ok) expect(new TextDecoder().decode(parts.body)).toBe('{"id":"x"}');
    expect(readRequestFrame(frame)).toEqual({ ok: true, id: 4_000_000_001, channel: 'recovery.write', request: { id: 'x' } });
  });

  it('refuses what is not a frame, without an id to answer', () => {
    expect(splitFrame(utf8('{"id":1}'))).toEqual({ ok: false, id: null, message: expect.stringContaining('not a request frame') });
    expect(splitFrame(new Uint8Array(3))).toMatchObject({ ok: false, id: null });
  });

  it('refuses a channel name that runs past the end, keeping the id', () => {
    const frame = frameHeader('document.save').slice(0, 12);
    setFrameId(frame.buffer, 7);
    expect(splitFrame(frame)).toEqual({ ok: false, id: 7, message: expect.stringContaining('runs past the end') });
  });

  it('refuses channels that may not travel as bytes', () => {
    const header = frameHeader('document.save');
    const name = 'script.write!';
    header.set(utf8(name), 10);
    const frame = header.slice(0, 10 + name.length);
    new DataView(frame.buffer).setUint16(8, name.length, true);
    setFrameId(frame.buffer, 9);
    expect(splitFrame(frame)).toEqual({ ok: false, id: 9, message: expect.stringMatching(/channel "script\.write!" cannot be sent as bytes/) });
  });

  it('says when the body is not UTF-8 or not JSON', () => {
    const bad = joinFrame('document.save', new Uint8Array([0x7b, 0xff, 0x7d]));
    setFrameId(bad.buffer as ArrayBuffer, 3);
    expect(readRequestFrame(bad)).toEqual({ ok: false, id: 3, message: 'document.save: the request is not valid UTF-8' });
    const notJson = joinFrame('document.save', utf8('{"path": '));
    setFrameId(notJson.buffer as ArrayBuffer, 4);
    expect(readRequestFrame(notJson)).toMatchObject({ ok: false, id: 4, message: expect.stringMatching(/^document\.save: the request is not JSON \(/) });
  });
});
