import { describe, expect, it } from 'vitest';
import { jobKey, type Patch } from '../../../src/shared/edit';
import { splitFrame } from '../../../src/shared/ipc-frame';
import type { Workflow } from '../../../src/shared/model';
import { onPortMessage } from '../../../src/renderer/document-worker/port';
import { documentWorkerMessage, type DocumentCheck, type SerializeReply } from '../../../src/renderer/document-worker/worker-branch';

const workflow: Workflow = {
  pegasus: '5.0.4',
  name: 'w',
  jobs: [{ type: 'job', id: 'a', name: 'tool', arguments: [], uses: [{ lfn: 'f', type: 'output' }] }],
  dependencies: [],
};

/** Sends a serialize request as the page does, the layout's JSON after it; resolves the answer. */
function ask(expect: DocumentCheck, layoutJson: string | null = '{"version":1,"jobs":{},"files":{}}'): Promise<SerializeReply> {
  const { port1, port2 } = new MessageChannel();
  const answered = new Promise<SerializeReply>((resolve) => {
    onPortMessage<SerializeReply>(port1, (data) => {
      port1.close();
      resolve(data);
    });
  });
  const head = { id: 'doc-1', path: null, name: 'w.yml', workflow: true, layout: true };
  expect_(documentWorkerMessage({ kind: 'serializeRequest', port: port2, channel: 'recovery.write', head, expect }));
  port1.postMessage({ layoutJson });
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
    const reply = await ask({ patches: 1, jobs: 2, dependencies: 0, name: 'w' });
    const sent = body(reply);
    expect(sent.workflow.jobs.map((j) => j.id)).toEqual(['a', 'b']);
    expect(sent.layout).toEqual({ version: 1, jobs: {}, files: {} });
    expect(workflow.jobs).toHaveLength(1);
  });

  it('refuses when it has seen a different number of edits than the page made', async () => {
    documentWorkerMessage({ kind: 'load', seq: 1, workflow, catalogs: {} });
    expect(await ask({ patches: 2, jobs: 1, dependencies: 0, name: 'w' })).toEqual({ ok: false, reason: 'the worker applied 0 edits, the page made 2' });
  });

  it('refuses when its copy does not look like the page’s document', async () => {
    documentWorkerMessage({ kind: 'load', seq: 1, workflow, catalogs: {} });
    expect(await ask({ patches: 0, jobs: 2, dependencies: 0, name: 'w' })).toMatchObject({ ok: false });
    expect(await ask({ patches: 0, jobs: 1, dependencies: 0, name: 'other' })).toMatchObject({ ok: false });
    expect(await ask({ patches: 0, jobs: 1, dependencies: 0, name: 'w' })).toMatchObject({ ok: true });
  });
});
