import { describe, expect, it } from 'vitest';
import { fileKey, jobKey, type Patch, type Position } from '../../../src/shared/edit';
import { splitFrame } from '../../../src/shared/ipc-frame';
import type { Workflow } from '../../../src/shared/model';
import { onPortMessage } from '../../../src/renderer/document-worker/port';
import { layoutFromPositions } from '../../../src/renderer/store/sidecar';
import { documentWorkerMessage, type DocumentCheck, type SerializeReply } from '../../../src/renderer/document-worker/worker-branch';

const workflow: Workflow = {
  pegasus: '5.0.4',
  name: 'w',
  jobs: [{ type: 'job', id: 'a', name: 'tool', arguments: [], uses: [{ lfn: 'f', type: 'output' }] }],
  dependencies: [],
};

/** Sends a serialize request as the page does, then the positions in slices of `slice`; resolves the answer. */
function ask(expect: DocumentCheck, positions: Map<string, Position> | null = null, slice = 2): Promise<SerializeReply> {
  const { port1, port2 } = new MessageChannel();
  const answered = new Promise<SerializeReply>((resolve) => {
    onPortMessage<SerializeReply>(port1, (data) => {
      port1.close();
      resolve(data);
    });
  });
  const head = { id: 'doc-1', path: null, name: 'w.yml', workflow: true, layout: true };
  const layout = positions ? { view: 'files' as const, viewport: { x: 1, y: 2, zoom: 0.5 }, extras: { plan: { site: 'local' } } } : null;
  expect_(documentWorkerMessage({ kind: 'serializeRequest', port: port2, channel: 'recovery.write', head, layout, expect }));
  const entries = [...(positions ?? [])];
  for (let i = 0; i < entries.length; i += slice) {
    const part = entries.slice(i, i + slice);
    const xy = new Float64Array(part.flatMap(([, p]) => [p.x, p.y]));
    port1.postMessage({ kind: 'positions', keys: part.map(([key]) => key), xy }, [xy.buffer]);
  }
  port1.postMessage({ kind: 'end' });
  return answered;
}

function expect_(handled: boolean): void {
  if (!handled) throw new Error('the branch did not take the request');
}

function body(reply: SerializeReply): { workflow: Workflow; layout: unknown } {
  if (!reply.ok) throw new Error(reply.reason);
  const parts = splitFrame(new Uint8Array(reply.frame));
  if (!parts.ok) throw new Error(parts.message);
  return JSON.parse(new TextDecoder().decode(parts.body)) as { workflow: Workflow; layout: unknown };
}

/** An added job and its position, as the editor's add-job edit sends them. */
const addedJob: Patch = [
  { kind: 'jobs', index: 1, remove: [], insert: [{ type: 'job', id: 'b', name: 'tool', arguments: [], uses: [{ lfn: 'f', type: 'input' }] }] },
  { kind: 'positions', entries: [[jobKey('b'), undefined, { x: 10, y: 20 }]] },
];

describe('the document worker branch', () => {
  it('answers the probe', async () => {
    const { port1, port2 } = new MessageChannel();
    const answer = new Promise<unknown>((resolve) => onPortMessage(port1, resolve));
    expect(documentWorkerMessage({ kind: 'serializeProbe', port: port2 })).toBe(true);
    expect(await answer).toBe(true);
    port1.close();
  });

  it('leaves the validation worker’s own messages to it', () => {
    expect(documentWorkerMessage({ kind: 'load', seq: 1, workflow, catalogs: {} })).toBe(false);
    expect(documentWorkerMessage({ kind: 'patch', seq: 2, patch: [] })).toBe(false);
  });

  it('writes the request from the document as loaded and patched since', async () => {
    documentWorkerMessage({ kind: 'load', seq: 1, workflow, catalogs: {} });
    documentWorkerMessage({ kind: 'patch', seq: 2, patch: addedJob });
    const positions = new Map<string, Position>([
      [jobKey('a'), { x: 0, y: 0 }],
      [jobKey('b'), { x: 10, y: 20.5 }],
      [fileKey('f'), { x: -3, y: 1e-7 }],
      ['x:not-a-node', { x: 9, y: 9 }],
      [jobKey('é "q"'), { x: 4, y: 5 }],
    ]);
    const sent = body(await ask({ patches: 1, jobs: 2, dependencies: 0, name: 'w' }, positions));
    expect(sent.workflow.jobs.map((j) => j.id)).toEqual(['a', 'b']);
    expect(sent.layout).toEqual({ ...layoutFromPositions(positions, 'files', { x: 1, y: 2, zoom: 0.5 }), plan: { site: 'local' } });
    expect(workflow.jobs).toHaveLength(1);
  });

  it('writes the same request twice while nothing changes, and the edit once something does', async () => {
    documentWorkerMessage({ kind: 'load', seq: 1, workflow, catalogs: {} });
    const first = body(await ask({ patches: 0, jobs: 1, dependencies: 0, name: 'w' }));
    const again = body(await ask({ patches: 0, jobs: 1, dependencies: 0, name: 'w' }));
    expect(again).toEqual(first);
    documentWorkerMessage({ kind: 'patch', seq: 2, patch: addedJob });
    const edited = body(await ask({ patches: 1, jobs: 2, dependencies: 0, name: 'w' }));
    expect(edited.workflow.jobs.map((j) => j.id)).toEqual(['a', 'b']);
    documentWorkerMessage({ kind: 'patch', seq: 3, patch: [{ kind: 'workflowName', before: 'w', after: 'renamed' }] });
    expect(body(await ask({ patches: 2, jobs: 2, dependencies: 0, name: 'renamed' })).workflow.name).toBe('renamed');
  });

  it('refuses when it has seen a different number of edits than the page made', async () => {
    documentWorkerMessage({ kind: 'load', seq: 1, workflow, catalogs: {} });
    expect(await ask({ patches: 2, jobs: 1, dependencies: 0, name: 'w' })).toEqual({ ok: false, reason: 'the worker applied 0 edits, the page made 2' });
  });

  it('refuses when its copy does not look like the page’s document', async () => {
    documentWorkerMessage({ kind: 'load', seq: 1, workflow, catalogs: {} });
    expect(await ask({ patches: 0, jobs: 2, dependencies: 0, name: 'w' })).toMatchObject({ ok: false });
    expect(await ask({ patches: 0, jobs: 1, dependencies: 0, name: 'other' })).toMatchObject({ ok: false });
    const ok = await ask({ patches: 0, jobs: 1, dependencies: 0, name: 'w' });
    expect(body(ok)).toMatchObject({ workflow, layout: null });
  });
});

describe('the document worker branch, when a patch does not apply', () => {
  it('leaves the message to the worker and refuses requests until the next load', async () => {
    documentWorkerMessage({ kind: 'load', seq: 1, workflow, catalogs: {} });
    expect(documentWorkerMessage({ kind: 'patch', seq: 2, patch: null })).toBe(false);
    expect(await ask({ patches: 1, jobs: 1, dependencies: 0, name: 'w' })).toEqual({ ok: false, reason: 'the worker has no document yet' });
    documentWorkerMessage({ kind: 'load', seq: 3, workflow, catalogs: {} });
    expect(await ask({ patches: 0, jobs: 1, dependencies: 0, name: 'w' })).toMatchObject({ ok: true });
  });
});
