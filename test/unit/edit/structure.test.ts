import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type EditableDocument,
  type EditResult,
  addFile,
  addJob,
  connect,
  duplicate,
  fileKey,
  jobKey,
  moveNodes,
  removeSelection,
  renameFile,
  renameJob,
  renameWorkflow,
} from '../../../src/shared/edit';
import { dependencyList } from '../../../src/shared/infer';
import { apply, emptyDoc, plain, undo } from './support';

/** preprocess → f.b → findrange → f.c, with f.a raw (replica) and an explicit findrange → report. */
function chain(): EditableDocument {
  let doc = emptyDoc();
  doc = { ...doc, workflow: { ...doc.workflow, replicaCatalog: { replicas: [{ lfn: 'f.a', pfns: [{ site: 'local', pfn: '/data/f.a' }] }] } } };
  for (const name of ['preprocess', 'findrange', 'report']) {
    doc = apply(doc, addJob(doc, { kind: 'transformation', transformation: { name } }, { x: 100, y: 100 }));
  }
  const wire = (s: string, t: string): void => {
    const ref = (k: string) => (k.startsWith('f.') ? ({ kind: 'file', lfn: k } as const) : ({ kind: 'job', id: k } as const));
    doc = apply(doc, connect(doc, ref(s), ref(t)));
  };
  wire('f.a', 'preprocess');
  wire('preprocess', 'f.b');
  wire('f.b', 'findrange');
  wire('findrange', 'f.c');
  wire('findrange', 'report');
  doc = apply(doc, moveNodes(doc, [[fileKey('f.b'), { x: 0, y: 200 }]]));
  const job = doc.workflow.jobs[1]!;
  doc = { ...doc, workflow: { ...doc.workflow, jobs: [doc.workflow.jobs[0]!, { ...job, arguments: ['-i', 'f.b', '-o', 'f.c'] }, doc.workflow.jobs[2]!] } };
  return doc;
}

describe('removeSelection', () => {
  it('removes a job with its dependencies and position, in one undoable step', () => {
    const doc = chain();
    const edit = removeSelection(doc, [jobKey('findrange')]);
    const after = apply(doc, edit);
    expect(after.workflow.jobs.map((j) => j.id)).toEqual(['preprocess', 'report']);
    expect(after.workflow.dependencies).toEqual([]);
    expect(after.positions.has(jobKey('findrange'))).toBe(false);
    expect(plain(undo(after, edit))).toEqual(plain(doc));
  });

  it('removes a file from every job, the replica catalog and the canvas', () => {
    const doc = chain();
    const after = apply(doc, removeSelection(doc, [fileKey('f.b'), fileKey('f.a')]));
    expect(after.workflow.jobs.flatMap((j) => j.uses.map((u) => u.lfn))).toEqual(['f.c']);
    expect(after.workflow.replicaCatalog?.replicas).toEqual([]);
    expect(after.positions.has(fileKey('f.b'))).toBe(false);
  });

  it('removes selected edges with the nodes, and says when there is nothing to delete', () => {
    const doc = chain();
    const after = apply(doc, removeSelection(doc, [], [{ kind: 'use', jobId: 'findrange', lfn: 'f.b' }, { kind: 'dependency', parent: 'findrange', child: 'report' }]));
    expect(dependencyList(after.workflow)).toEqual([]);
    expect(removeSelection(doc, [])).toMatchObject({ ok: false });
  });
});

describe('renameFile', () => {
  it('renames a file in uses, arguments, replicas and the canvas', () => {
    const doc = chain();
    const after = apply(doc, renameFile(doc, 'f.b', 'f.b1'));
    expect(after.workflow.jobs[0]!.uses.map((u) => u.lfn)).toEqual(['f.a', 'f.b1']);
    expect(after.workflow.jobs[1]!.arguments).toEqual(['-i', 'f.b1', '-o', 'f.c']);
    expect(after.positions.get(fileKey('f.b1'))).toEqual({ x: 0, y: 200 });
    expect(dependencyList(after.workflow)).toEqual(dependencyList(doc.workflow));
    const raw = apply(doc, renameFile(doc, 'f.a', 'input.txt'));
    expect(raw.workflow.replicaCatalog?.replicas[0]!.lfn).toBe('input.txt');
  });

  it('refuses a taken, empty or spaced name', () => {
    const doc = chain();
    expect(renameFile(doc, 'f.b', 'f.c')).toMatchObject({ ok: false, reason: expect.stringContaining('already exists') });
    expect(renameFile(doc, 'f.b', '')).toMatchObject({ ok: false });
    expect(renameFile(doc, 'f.b', 'a b')).toMatchObject({ ok: false });
  });
});

describe('renameJob', () => {
  it('renames a job in dependencies and positions', () => {
    const doc = chain();
    const after = apply(doc, renameJob(doc, 'findrange', 'fr'));
    expect(after.workflow.dependencies).toEqual([{ id: 'fr', children: ['report'] }]);
    expect(after.positions.has(jobKey('fr'))).toBe(true);
    expect(renameJob(doc, 'findrange', 'report')).toMatchObject({ ok: false });
  });
});

describe('renameWorkflow', () => {
  it('renames the workflow and undoes it', () => {
    const doc = chain();
    const edit = renameWorkflow(doc, ' analysis ');
    const after = apply(doc, edit);
    expect(after.workflow.name).toBe('analysis');
    expect(plain(undo(after, edit))).toEqual(plain(doc));
    expect(renameWorkflow(doc, '')).toMatchObject({ ok: false });
  });
});

describe('duplicate', () => {
  it('copies jobs with fresh ids and fresh output names, keeping inputs wired', () => {
    const doc = chain();
    const after = apply(doc, duplicate(doc, [jobKey('findrange'), jobKey('report')]));
    const copy = after.workflow.jobs.find((j) => j.id === 'findrange_2')!;
    expect(copy.uses).toEqual([
      { lfn: 'f.b', type: 'input' },
      { lfn: 'f.c_2', type: 'output', stageOut: true, registerReplica: true },
    ]);
    expect(copy.arguments).toEqual(['-i', 'f.b', '-o', 'f.c_2']);
    expect(after.workflow.dependencies).toContainEqual({ id: 'findrange_2', children: ['report_2'] });
    expect(after.positions.get(jobKey('findrange_2'))).toEqual({ x: 160, y: 160 });
    // The copy reads what the original reads, so it depends on the same producer.
    expect(dependencyList(after.workflow)).toContainEqual({ id: 'preprocess', children: ['findrange', 'findrange_2'] });
  });
});

describe('moveNodes', () => {
  it('records only real moves, as one step', () => {
    const doc = chain();
    expect(moveNodes(doc, [[jobKey('report'), { x: 100, y: 100 }]])).toMatchObject({ ok: false });
    const after = apply(doc, moveNodes(doc, [[jobKey('report'), { x: 1, y: 2 }], [fileKey('f.c'), { x: 3, y: 4 }]]));
    expect(after.positions.get(jobKey('report'))).toEqual({ x: 1, y: 2 });
    expect(after.positions.get(fileKey('f.c'))).toEqual({ x: 3, y: 4 });
  });
});

describe('undo of any edit sequence', () => {
  it('returns to the exact earlier document, step by step', () => {
    const names = ['preprocess', 'findrange', 'report', 'f.a', 'f.b', 'f.c', 'f.new'];
    const op = fc.oneof(
      fc.record({ k: fc.constant('connect'), s: fc.constantFrom(...names), t: fc.constantFrom(...names) }),
      fc.record({ k: fc.constant('remove'), s: fc.constantFrom(...names) }),
      fc.record({ k: fc.constant('rename'), s: fc.constantFrom(...names), t: fc.constantFrom('x', 'y', 'f.z') }),
      fc.record({ k: fc.constant('duplicate'), s: fc.constantFrom(...names) }),
      fc.record({ k: fc.constant('add'), s: fc.constantFrom('job', 'file', 'sub') }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
        const history: Array<{ before: EditableDocument; result: EditResult }> = [];
        let doc = chain();
        const ref = (k: string) => (k.startsWith('f.') ? ({ kind: 'file', lfn: k } as const) : ({ kind: 'job', id: k } as const));
        const key = (k: string) => (k.startsWith('f.') ? fileKey(k) : jobKey(k));
        for (const o of ops) {
          let result: EditResult;
          if (o.k === 'connect') result = connect(doc, ref(o.s), ref(o.t!));
          else if (o.k === 'remove') result = removeSelection(doc, [key(o.s)]);
          else if (o.k === 'rename') result = o.s.startsWith('f.') ? renameFile(doc, o.s, o.t!) : renameJob(doc, o.s, o.t!);
          else if (o.k === 'duplicate') result = duplicate(doc, [key(o.s)]);
          else result = o.s === 'file' ? addFile(doc, { x: 1, y: 1 }) : addJob(doc, o.s === 'sub' ? { kind: 'subworkflow' } : { kind: 'job' }, { x: 1, y: 1 });
          if (!result.ok) continue;
          history.push({ before: doc, result });
          doc = apply(doc, result);
        }
        for (let i = history.length - 1; i >= 0; i--) {
          doc = undo(doc, history[i]!.result);
          expect(plain(doc)).toEqual(plain(history[i]!.before));
        }
      }),
      { numRuns: 200 },
    );
  });
});
