import { describe, expect, it } from 'vitest';
import {
  type Patch,
  applyPatch,
  connect,
  disconnect,
  invertPatch,
  removeSelection,
  updateJob,
  type EditableDocument,
  type EditResult,
  jobKey,
} from '../../../src/shared/edit';
import { IncrementalValidator } from '../../../src/shared/incremental';
import type { FileUse, Job, Workflow } from '../../../src/shared/model';
import { DeltaMirror, expectSameAsFull } from './support';

function task(id: string, inputs: string[], outputs: string[], extra: Partial<Job> = {}): Job {
  const uses: FileUse[] = [
    ...inputs.map((lfn) => ({ lfn, type: 'input' as const })),
    ...outputs.map((lfn) => ({ lfn, type: 'output' as const })),
  ];
  return { type: 'job', id, name: 't', arguments: [], uses, ...extra } as Job;
}

function wf(jobs: Job[], dependencies: Workflow['dependencies'] = []): Workflow {
  return {
    pegasus: '5.0.4',
    name: 'wf',
    jobs,
    dependencies,
    transformationCatalog: { transformations: [{ name: 't', sites: [] }] },
    replicaCatalog: { replicas: [{ lfn: 'raw', pfns: [{ site: 'local', pfn: '/raw' }] }] },
  };
}

/** A session: the validator follows the edits, each checked against a full validation. */
class Session {
  doc: EditableDocument;
  readonly validator: IncrementalValidator;
  readonly mirror: DeltaMirror;
  private readonly done: Patch[] = [];

  constructor(workflow: Workflow) {
    this.doc = { workflow, positions: new Map() };
    this.validator = IncrementalValidator.create({ workflow, catalogs: {} });
    this.mirror = new DeltaMirror(this.validator);
    this.check();
  }

  edit(result: EditResult | Patch): ReturnType<IncrementalValidator['apply']> {
    const patch = Array.isArray(result)
      ? (result as Patch)
      : (result as EditResult).ok
        ? (result as Extract<EditResult, { ok: true }>).edit.forward
        : undefined;
    if (!patch) throw new Error(`refused: ${(result as Extract<EditResult, { ok: false }>).reason}`);
    this.done.push(patch);
    return this.step(patch);
  }

  undo(): ReturnType<IncrementalValidator['apply']> {
    return this.step(invertPatch(this.done.pop()!));
  }

  codes(): string[] {
    return this.validator
      .diagnostics()
      .map((entry) => entry.diagnostic.code)
      .sort();
  }

  private step(patch: Patch): ReturnType<IncrementalValidator['apply']> {
    this.doc = applyPatch(this.doc, patch);
    const delta = this.validator.apply(patch);
    this.mirror.apply(delta);
    this.check();
    return delta;
  }

  private check(): void {
    expectSameAsFull(this.validator, this.mirror, { workflow: this.doc.workflow, catalogs: {} });
  }
}

describe('IncrementalValidator: cycles', () => {
  it('reports a cycle that a new use closes, and drops it on undo', () => {
    const s = new Session(wf([task('a', ['raw'], ['x']), task('b', ['x'], ['y']), task('c', ['y'], ['z'])]));
    expect(s.codes()).toEqual([]);
    const delta = s.edit(connect(s.doc, { kind: 'file', lfn: 'z' }, { kind: 'job', id: 'a' }));
    expect(delta.added.map((d) => d.diagnostic.code)).toEqual(['PC200']);
    expect(delta.added[0]!.diagnostic.message).toContain('a -> b -> c -> a');
    const back = s.undo();
    expect(back.removed).toEqual([delta.added[0]!.key]);
    expect(back.added).toEqual([]);
  });

  it('reports a cycle closed by an explicit dependency, and its end when the dependency goes', () => {
    const s = new Session(wf([task('a', ['raw'], ['x']), task('b', ['x'], [])]));
    s.edit([{ kind: 'dependencies', index: 0, remove: [], insert: [{ id: 'b', children: ['a'] }] }]);
    expect(s.codes()).toEqual(['PC200']);
    s.edit(disconnect(s.doc, { kind: 'dependency', parent: 'b', child: 'a' }));
    expect(s.codes()).toEqual([]);
  });

  it('finds a cycle made by a job that takes over as the last producer of a file', () => {
    // b reads x; a and c both write x (c, the last, is the producer); b writes y, which a reads.
    const s = new Session(wf([task('a', ['y'], ['x']), task('b', ['x'], ['y']), task('c', ['raw'], ['x'])]));
    expect(s.codes()).toEqual(['PC203']);
    // Removing c makes a the producer of x: a → b → a.
    s.edit(removeSelection(s.doc, [jobKey('c')]));
    expect(s.codes()).toEqual(['PC200']);
    s.undo();
    expect(s.codes()).toEqual(['PC203']);
  });

  it('keeps a self-dependency and a second cycle apart, and updates both as they change', () => {
    const s = new Session(
      wf([task('a', ['raw'], ['x']), task('b', ['x'], ['y']), task('c', ['y'], ['w'])], [{ id: 'a', children: ['a'] }]),
    );
    expect(s.codes()).toEqual(['PC200']);
    s.edit(updateJob(s.doc, 'b', task('b', ['x', 'w'], ['y'])));
    expect(s.codes()).toEqual(['PC200', 'PC200']);
    s.edit(updateJob(s.doc, 'c', task('c', ['y'], [])));
    expect(s.codes()).toEqual(['PC200', 'PC206']);
  });
});

describe('IncrementalValidator: ids, producers, readers', () => {
  it('numbers repeated and malformed ids by place, and renumbers them when a job before them goes', () => {
    const s = new Session(
      wf([task('first', ['raw'], []), task('a', ['raw'], []), task('bad id', ['raw'], []), task('a', ['raw'], [])]),
    );
    const messages = (): string[] => s.validator.diagnostics().map((entry) => entry.diagnostic.message);
    // Canonical order: both are errors, PC201 before PC202.
    expect(messages()).toEqual([
      "Job id 'a' is used by jobs #2 and #4; job ids must be unique.",
      "Job #3 has id 'bad id'; job ids may only contain letters, digits, '-' and '_'.",
    ]);
    s.edit(removeSelection(s.doc, [jobKey('first')]));
    expect(messages()).toEqual([
      "Job id 'a' is used by jobs #1 and #3; job ids must be unique.",
      "Job #2 has id 'bad id'; job ids may only contain letters, digits, '-' and '_'.",
    ]);
  });

  it('reports a file with two producers, names the one kept, and drops it when one stops writing it', () => {
    const s = new Session(wf([task('p1', ['raw'], ['x']), task('p2', ['raw'], ['x']), task('r', ['x'], [])]));
    const pc203 = s.validator.diagnostics().find((entry) => entry.diagnostic.code === 'PC203')!;
    expect(pc203.diagnostic.message).toContain("keeps the last one in the file ('p2')");
    const delta = s.edit(disconnect(s.doc, { kind: 'use', jobId: 'p2', lfn: 'x' }));
    expect(delta.removed).toEqual([pc203.key]);
    expect(delta.added).toEqual([]);
  });

  it('tells readers of a missing file who writes it as a checkpoint, and updates them when that changes', () => {
    const s = new Session(wf([task('r1', ['ck'], []), task('r2', ['ck'], []), task('w', ['raw'], [])]));
    expect(s.codes()).toEqual(['PC206', 'PC206']);
    const delta = s.edit(
      updateJob(s.doc, 'w', {
        ...task('w', ['raw'], []),
        uses: [
          { lfn: 'raw', type: 'input' },
          { lfn: 'ck', type: 'checkpoint' },
        ],
      } as Job),
    );
    expect(delta.removed).toHaveLength(2);
    expect(
      delta.added.map((d) => d.diagnostic.message).every((m) => m.includes("Job 'w' writes it as a checkpoint")),
    ).toBe(true);
  });

  it('sends nothing for an edit that changes no diagnostic, and one line for one new missing input', () => {
    const jobs = [task('split', ['raw'], ['c1', 'c2', 'c3'])];
    for (const n of [1, 2, 3]) jobs.push(task(`w${n}`, [`c${n}`], [`r${n}`]));
    jobs.push(task('merge', ['r1', 'r2', 'r3'], ['out']));
    const s = new Session(wf(jobs));
    expect(s.codes()).toEqual([]);
    const moved = s.edit([{ kind: 'positions', entries: [[jobKey('w1'), undefined, { x: 1, y: 1 }]] }]);
    expect(moved).toEqual({ removed: [], added: [] });
    const removed = s.edit(removeSelection(s.doc, [jobKey('w2')]));
    expect(removed.removed).toEqual([]);
    expect(removed.added.map((d) => d.diagnostic.message)).toEqual([expect.stringContaining("Job 'merge' reads 'r2'")]);
  });

  it('keeps every key when the whole document is replaced by an equal one', () => {
    const s = new Session(wf([task('a', ['nowhere'], []), task('a', ['raw'], [])]));
    const keys = s.validator.diagnostics().map((entry) => entry.key);
    const delta = s.edit([{ kind: 'workflow', before: s.doc.workflow, after: structuredClone(s.doc.workflow) }]);
    expect(delta).toEqual({ removed: [], added: [] });
    expect(s.validator.diagnostics().map((entry) => entry.key)).toEqual(keys);
  });

  it('checks a paste of more than a thousand jobs, and its undo, in full: unchanged diagnostics keep their keys', () => {
    const s = new Session(wf([task('a', ['raw'], ['x']), task('r', ['lost'], [])]));
    const lost = (): string | undefined =>
      s.validator.diagnostics().find((entry) => entry.diagnostic.message.includes("reads 'lost'"))?.key;
    const key = lost();
    const pasted: Job[] = [];
    for (let i = 0; i < 1_200; i++) pasted.push(task(`p${i}`, [i % 7 === 0 ? `gone${i}` : 'x'], [`o${i}`]));
    pasted.push(task('a', ['o5'], ['x']));
    const delta = s.edit([
      { kind: 'jobs', index: 1, remove: [], insert: pasted },
      { kind: 'dependencies', index: 0, remove: [], insert: [{ id: 'p3', children: ['nobody'] }] },
    ]);
    expect(s.codes()).toContain('PC201');
    expect(s.codes()).toContain('PC207');
    expect(delta.removed).toEqual([]);
    expect(lost()).toBe(key);
    s.undo();
    expect(s.codes()).toEqual(['PC206']);
    expect(lost()).toBe(key);
  });

  it('names the first transformations in document order when there is no catalog (PC209), as jobs come and go', () => {
    const named = (id: string, name: string): Job => ({ ...task(id, ['raw'], []), name }) as Job;
    const jobs = [named('a1', 'alpha'), named('b1', 'beta'), named('a2', 'alpha')];
    const { transformationCatalog: _none, ...noCatalog } = wf(jobs);
    const s = new Session(noCatalog);
    const pc209 = (): string =>
      s.validator.diagnostics().find((entry) => entry.diagnostic.code === 'PC209')!.diagnostic.message;
    expect(pc209()).toContain('2 transformation(s): alpha, beta.');
    // The first alpha job moves to the end in one patch: beta now comes first.
    s.edit([
      { kind: 'jobs', index: 0, remove: [jobs[0]!], insert: [] },
      { kind: 'jobs', index: 2, remove: [], insert: [jobs[0]!] },
    ]);
    expect(pc209()).toContain('2 transformation(s): beta, alpha.');
    s.edit([{ kind: 'jobs', index: 0, remove: [], insert: [named('g', 'gamma')] }]);
    expect(pc209()).toContain('3 transformation(s): gamma, beta, alpha.');
    s.edit(removeSelection(s.doc, [jobKey('a2'), jobKey('a1')]));
    expect(pc209()).toContain('2 transformation(s): gamma, beta.');
  });
});
