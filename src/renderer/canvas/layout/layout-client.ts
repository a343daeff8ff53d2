/**
 * Runs a layout in the web worker and maps the result back to position keys. The worker is
 * created on first use and reused; a failed layout is an expected outcome (the document keeps
 * its positions), never a crash of the page.
 */
import type { EditableDocument, Position } from '../../../shared/edit';
import type { CatalogFiles } from '../../../shared/model';
import { layoutInput } from './layout-input';
import type { LayoutReply, LayoutRequest } from './layout.worker';

let worker: Worker | null = null;
let nextId = 1;
type Answer = Exclude<LayoutReply, { progress: number }>;
const pending = new Map<number, { resolve: (reply: Answer) => void; onProgress?: (done: number) => void }>();

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'layout' });
  worker.onmessage = (event: MessageEvent<LayoutReply>) => {
    const reply = event.data;
    const waiting = pending.get(reply.id);
    if ('progress' in reply) {
      waiting?.onProgress?.(reply.progress);
      return;
    }
    pending.delete(reply.id);
    waiting?.resolve(reply);
  };
  worker.onerror = (event) => {
    for (const { resolve } of pending.values()) resolve({ id: 0, ok: false, message: event.message || 'the layout worker failed' });
    pending.clear();
    worker?.terminate();
    worker = null;
  };
  return worker;
}

/**
 * Lays out the whole jobs-and-files graph; resolves with a position per node key.
 * `onProgress` hears the share done (0–1) while the worker runs.
 */
export async function computeLayout(
  doc: EditableDocument,
  catalogs?: CatalogFiles,
  onProgress?: (done: number) => void,
): Promise<{ ok: true; positions: Map<string, Position> } | { ok: false; message: string }> {
  const input = layoutInput(doc, catalogs);
  const { keys, ...plain } = input;
  const id = nextId++;
  const reply = await new Promise<Answer>((resolve) => {
    pending.set(id, onProgress ? { resolve, onProgress } : { resolve });
    const request: LayoutRequest = { id, input: plain };
    getWorker().postMessage(request, [plain.sources.buffer, plain.targets.buffer, plain.widths.buffer, plain.heights.buffer]);
  });
  if (!reply.ok) return reply;
  const positions = new Map<string, Position>();
  keys.forEach((key, i) => positions.set(key, { x: Math.round(reply.positions[2 * i]!), y: Math.round(reply.positions[2 * i + 1]!) }));
  return { ok: true, positions };
}
