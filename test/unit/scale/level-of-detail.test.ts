import { describe, expect, it } from 'vitest';
import {
  MAX_DRAWN_NODES,
  contains,
  grow,
  tooManyToDraw,
  visibleRect,
} from '../../../src/renderer/canvas/scale/level-of-detail';

describe('level of detail', () => {
  it('maps a viewport to the canvas rectangle it shows', () => {
    expect(visibleRect({ x: -200, y: 100, zoom: 2 }, 800, 600)).toEqual({ x: 100, y: -50, width: 400, height: 300 });
  });

  it('switches to groups only past the drawing limit', () => {
    expect(tooManyToDraw(MAX_DRAWN_NODES)).toBe(false);
    expect(tooManyToDraw(MAX_DRAWN_NODES + 1)).toBe(true);
  });

  it('grows a window around the view that contains it, and notices when the view leaves it', () => {
    const view = { x: 0, y: 0, width: 100, height: 50 };
    const window = grow(view, 0.5);
    expect(window).toEqual({ x: -50, y: -25, width: 200, height: 100 });
    expect(contains(window, view)).toBe(true);
    expect(contains(window, { ...view, x: 60 })).toBe(false);
  });
});
