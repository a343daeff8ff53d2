import { describe, expect, it } from 'vitest';
import { onPortMessage } from '../../../src/renderer/document-worker/port';
import { type KeepCommentsReply, documentWorkerMessage, workflowJsonInSlices } from '../../../src/renderer/document-worker/worker-branch';
import { montageLike } from '../../e2e/scale/scale-workflows';
import { TO_STRING, documentFor } from '../../../src/renderer/panels/code/yaml-sync';
import { writeWorkflow } from '../../../src/shared/formats/pegasus-yaml';
import type { Workflow } from '../../../src/shared/model';

const workflow: Workflow = {
  pegasus: '5.0.4',
  name: 'kept',
  jobs: [
    { type: 'job', id: 'a', name: 'tool', arguments: [], uses: [{ lfn: 'f', type: 'output', stageOut: false, registerReplica: false }] },
    { type: 'job', id: 'b', name: 'tool', arguments: [], uses: [{ lfn: 'f', type: 'input' }] },
  ],
  dependencies: [],
};

/** The file as the user keeps it: a comment above job b. */
const original = writeWorkflow({ ...workflow, jobs: workflow.jobs.slice(0, 1) }).replace('jobs:\n', 'jobs:\n# the producer\n');

function ask(expectJobs: number, patches = 0): Promise<KeepCommentsReply> {
  const { port1, port2 } = new MessageChannel();
  const answered = new Promise<KeepCommentsReply>((resolve) =>
    onPortMessage<KeepCommentsReply>(port1, (data) => {
      port1.close();
      resolve(data);
    }),
  );
  const handled = documentWorkerMessage({ kind: 'keepComments', port: port2, original, expect: { patches, jobs: expectJobs, dependencies: 0, name: 'kept' } });
  expect(handled).toBe(true);
  return answered;
}

describe('a save that keeps the file’s comments, merged by the document worker', () => {
  it('gives what the page would have merged, comments kept, when its copy is in step', async () => {
    documentWorkerMessage({ kind: 'load', seq: 1, workflow, catalogs: {} });
    const reply = await ask(2);
    expect(reply).toEqual({ ok: true, text: documentFor(workflow, original).toString(TO_STRING) });
    expect(reply.ok && reply.text).toContain('# the producer');
    expect(reply.ok && reply.text).toContain('id: b');
  });

  it('refuses when its copy is not the page’s document (the page then merges itself)', async () => {
    documentWorkerMessage({ kind: 'load', seq: 2, workflow, catalogs: {} });
    const reply = await ask(3);
    expect(reply.ok).toBe(false);
  });

  it('counts the edits a late load already holds as applied (the page made them before sending it)', async () => {
    documentWorkerMessage({ kind: 'load', seq: 3, workflow, catalogs: {}, folded: 2 });
    expect((await ask(2, 2)).ok).toBe(true);
    expect((await ask(2, 0)).ok).toBe(false);
  });
});

describe('the workflow JSON a large document has written ahead', () => {
  it('is JSON.stringify’s text, written in slices', async () => {
    const big = montageLike(5_003);
    const json = await workflowJsonInSlices(big, () => false);
    expect(json).toBe(JSON.stringify(big));
    const empty = { ...workflow, jobs: [] };
    expect(await workflowJsonInSlices(empty, () => false)).toBe(JSON.stringify(empty));
  });

  it('gives up when the document changes meanwhile', async () => {
    expect(await workflowJsonInSlices(montageLike(5_003), () => true)).toBeNull();
  });
});
