import { describe, expect, it } from 'vitest';
import { addFile, addJob, connect, disconnect, fileKey, jobKey } from '../../../src/shared/edit';
import { dependencyList } from '../../../src/shared/infer';
import { apply, emptyDoc, plain, undo } from './support';

function diamondJobs() {
  let doc = emptyDoc();
  for (let i = 0; i < 3; i++) doc = apply(doc, addJob(doc, { kind: 'job' }, { x: 0, y: 0 }));
  return doc;
}

describe('addJob and addFile', () => {
  it('gives new jobs unique ids from the transformation name and places them', () => {
    let doc = emptyDoc();
    const first = addJob(doc, { kind: 'transformation', transformation: { namespace: 'diamond', name: 'findrange', version: '4.0' } }, { x: 10, y: 20 });
    doc = apply(doc, first);
    doc = apply(doc, addJob(doc, { kind: 'transformation', transformation: { name: 'findrange' } }, { x: 0, y: 0 }));
    expect(doc.workflow.jobs.map((j) => j.id)).toEqual(['findrange', 'findrange_2']);
    expect(doc.workflow.jobs[0]).toMatchObject({ type: 'job', name: 'findrange', namespace: 'diamond', version: '4.0' });
    expect(doc.positions.get(jobKey('findrange'))).toEqual({ x: 10, y: 20 });
    expect(first.ok && first.select).toEqual([jobKey('findrange')]);
  });

  it('makes a sub-workflow job that reads its workflow file for planning', () => {
    const doc = apply(emptyDoc(), addJob(emptyDoc(), { kind: 'subworkflow' }, { x: 0, y: 0 }));
    expect(doc.workflow.jobs[0]).toMatchObject({ type: 'pegasusWorkflow', file: 'subworkflow.yml', uses: [{ lfn: 'subworkflow.yml', type: 'input', forPlanning: true }] });
  });

  it('places a file on the canvas only, until a job uses it', () => {
    let doc = emptyDoc();
    doc = apply(doc, addFile(doc, { x: 5, y: 5 }));
    doc = apply(doc, addFile(doc, { x: 5, y: 50 }));
    expect([...doc.positions.keys()]).toEqual([fileKey('file'), fileKey('file_2')]);
    expect(doc.workflow.jobs).toEqual([]);
    expect(addFile(doc, { x: 0, y: 0 }, 'file').ok).toBe(false);
  });
});

describe('connect', () => {
  it('adds an input use for file → job and an output use for job → file', () => {
    let doc = diamondJobs();
    doc = apply(doc, connect(doc, { kind: 'file', lfn: 'f.a' }, { kind: 'job', id: 'task' }));
    doc = apply(doc, connect(doc, { kind: 'job', id: 'task' }, { kind: 'file', lfn: 'f.b' }));
    expect(doc.workflow.jobs[0]!.uses).toEqual([
      { lfn: 'f.a', type: 'input' },
      { lfn: 'f.b', type: 'output', stageOut: true, registerReplica: true },
    ]);
  });

  it('makes the dependency Pegasus infers once a file joins two jobs', () => {
    let doc = diamondJobs();
    doc = apply(doc, connect(doc, { kind: 'job', id: 'task' }, { kind: 'file', lfn: 'x' }));
    doc = apply(doc, connect(doc, { kind: 'file', lfn: 'x' }, { kind: 'job', id: 'task_2' }));
    expect(dependencyList(doc.workflow)).toEqual([{ id: 'task', children: ['task_2'] }]);
    expect(doc.workflow.dependencies).toEqual([]);
  });

  it('stores job → job as an explicit dependency, merged into the parent entry', () => {
    let doc = diamondJobs();
    doc = apply(doc, connect(doc, { kind: 'job', id: 'task' }, { kind: 'job', id: 'task_2' }));
    doc = apply(doc, connect(doc, { kind: 'job', id: 'task' }, { kind: 'job', id: 'task_3' }));
    expect(doc.workflow.dependencies).toEqual([{ id: 'task', children: ['task_2', 'task_3'] }]);
  });

  it('refuses what has no meaning, with a reason', () => {
    let doc = diamondJobs();
    const fileToFile = connect(doc, { kind: 'file', lfn: 'a' }, { kind: 'file', lfn: 'b' });
    expect(fileToFile).toMatchObject({ ok: false, reason: expect.stringContaining('A file cannot feed another file') });
    expect(connect(doc, { kind: 'job', id: 'task' }, { kind: 'job', id: 'task' })).toMatchObject({ ok: false, reason: expect.stringContaining('itself') });
    doc = apply(doc, connect(doc, { kind: 'job', id: 'task' }, { kind: 'file', lfn: 'x' }));
    expect(connect(doc, { kind: 'job', id: 'task_2' }, { kind: 'file', lfn: 'x' })).toMatchObject({ ok: false, reason: expect.stringContaining('already written by job "task"') });
    expect(connect(doc, { kind: 'file', lfn: 'x' }, { kind: 'job', id: 'task' })).toMatchObject({ ok: false, reason: expect.stringContaining('already writes') });
    doc = apply(doc, connect(doc, { kind: 'file', lfn: 'x' }, { kind: 'job', id: 'task_2' }));
    expect(connect(doc, { kind: 'job', id: 'task' }, { kind: 'job', id: 'task_2' })).toMatchObject({ ok: false, reason: expect.stringContaining('already depends') });
    expect(connect(doc, { kind: 'file', lfn: 'x' }, { kind: 'job', id: 'nope' })).toMatchObject({ ok: false });
  });

  it('undoes a wiring exactly', () => {
    const doc = diamondJobs();
    const edit = connect(doc, { kind: 'file', lfn: 'f.a' }, { kind: 'job', id: 'task_2' });
    expect(plain(undo(apply(doc, edit), edit))).toEqual(plain(doc));
  });
});

describe('disconnect', () => {
  it('removes a use, or an explicit dependency, and refuses an inferred one', () => {
    let doc = diamondJobs();
    doc = apply(doc, connect(doc, { kind: 'job', id: 'task' }, { kind: 'file', lfn: 'x' }));
    doc = apply(doc, connect(doc, { kind: 'file', lfn: 'x' }, { kind: 'job', id: 'task_2' }));
    doc = apply(doc, connect(doc, { kind: 'job', id: 'task_2' }, { kind: 'job', id: 'task_3' }));
    expect(disconnect(doc, { kind: 'dependency', parent: 'task', child: 'task_2' })).toMatchObject({ ok: false, reason: expect.stringContaining('through files') });
    const removed = apply(doc, disconnect(doc, { kind: 'dependency', parent: 'task_2', child: 'task_3' }));
    expect(removed.workflow.dependencies).toEqual([]);
    const unwired = apply(doc, disconnect(doc, { kind: 'use', jobId: 'task_2', lfn: 'x' }));
    expect(unwired.workflow.jobs[1]!.uses).toEqual([]);
    expect(dependencyList(unwired.workflow)).toEqual([{ id: 'task_2', children: ['task_3'] }]);
  });
});
