import { describe, expect, it } from 'vitest';
import { FRAME_PART_BYTES, FRAME_PART_MAX, FrameAssembler, frameHeader, framePart, isFramePart, joinFrame, setFrameId, splitFrame } from '../../../src/shared/ipc-frame';
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

describe('request frames: parts', () => {
  const big = (n: number): Uint8Array => {
    const frame = joinFrame('document.save', new Uint8Array(n).map((_, i) => 0x20 + (i % 90)));
    setFrameId(frame.buffer as ArrayBuffer, 11);
    return frame;
  };
  const parts = (frame: Uint8Array, id: number): Uint8Array[] => {
    const out: Uint8Array[] = [];
    for (let offset = 0; offset < frame.length; offset += FRAME_PART_BYTES) out.push(framePart(frame, id, offset));
    return out;
  };

  it('puts a frame sent in parts back together, with parts of two requests interleaved', () => {
    const a = big(3 * FRAME_PART_BYTES + 17);
    const b = big(FRAME_PART_BYTES + 1);
    const assembler = new FrameAssembler(1 << 30);
    const pa = parts(a, 11);
    const pb = parts(b, 12);
    expect(pa).toHaveLength(4);
    expect(pa.every(isFramePart)).toBe(true);
    const results = [assembler.add(pa[0]!), assembler.add(pb[0]!), assembler.add(pa[1]!), assembler.add(pa[2]!), assembler.add(pb[1]!), assembler.add(pa[3]!)];
    expect(results.map((r) => r.kind)).toEqual(['more', 'more', 'more', 'more', 'frame', 'frame']);
    expect(results[4]).toEqual({ kind: 'frame', frame: b });
    expect(results[5]).toEqual({ kind: 'frame', frame: a });
  });

  it('writes parts into one reused buffer the same as into new ones', () => {
    const frame = big(2 * FRAME_PART_BYTES + 5);
    const buffer = new Uint8Array(FRAME_PART_MAX);
    const assembler = new FrameAssembler(1 << 30);
    const results = [0, FRAME_PART_BYTES, 2 * FRAME_PART_BYTES].map((offset) => {
      const part = framePart(frame, 11, offset, buffer);
      expect(part.buffer).toBe(buffer.buffer);
      expect(part).toEqual(framePart(frame, 11, offset));
      return assembler.add(part.slice());
    });
    expect(results[2]).toEqual({ kind: 'frame', frame });
  });

  it('refuses a frame larger than allowed, too many at once, and a part that does not fit', () => {
    const frame = big(2 * FRAME_PART_BYTES);
    expect(new FrameAssembler(1000).add(framePart(frame, 5, 0))).toEqual({ kind: 'error', id: 5, message: expect.stringMatching(/more than the 1000 accepted/) });
    const few = new FrameAssembler(1 << 30, 1);
    expect(few.add(framePart(frame, 1, 0)).kind).toBe('more');
    expect(few.add(framePart(frame, 2, 0))).toMatchObject({ kind: 'error', id: 2, message: expect.stringMatching(/more than 1 requests under way/) });
    const lying = framePart(frame, 1, FRAME_PART_BYTES);
    new DataView(lying.buffer).setUint32(8, 10, true);
    expect(few.add(lying)).toMatchObject({ kind: 'error', id: 1, message: expect.stringMatching(/does not fit/) });
    expect(few.add(new Uint8Array([1, 2, 3]))).toMatchObject({ kind: 'error', id: null });
  });
});
