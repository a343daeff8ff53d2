/// <reference lib="webworker" />
/**
 * The layout worker: runs {@link layeredLayout} off the main thread, so that laying out a
 * large workflow never blocks input. One request in, positions out (transferred, not copied).
 */
import { type LayoutInput, layeredLayout } from './layered';

export interface LayoutRequest {
  id: number;
  input: LayoutInput;
}

export type LayoutReply =
  | { id: number; ok: true; positions: Float64Array; millis: number }
  | { id: number; ok: false; message: string }
  /** Not an answer yet: the share of the work done (0–1). */
  | { id: number; progress: number };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { id, input } = event.data;
  const started = performance.now();
  try {
    const { positions } = layeredLayout(input, { onProgress: (done) => scope.postMessage({ id, progress: done } satisfies LayoutReply) });
    const reply: LayoutReply = { id, ok: true, positions, millis: performance.now() - started };
    scope.postMessage(reply, [positions.buffer]);
  } catch (error) {
    const reply: LayoutReply = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
    scope.postMessage(reply);
  }
};
