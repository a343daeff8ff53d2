import fc from 'fast-check';
import { describe, it } from 'vitest';
import '../../support/fast-check-seed';
import {
  type EditableDocument,
  type EditResult,
  type Patch,
  addJob,
  applyPatch,
  connect,
  disconnect,
  duplicate,
  fileKey,
  invertPatch,
  jobKey,
  removeSelection,
  renameFile,
  renameJob,
  renameWorkflow,
  updateJob,
} from '../../../src/shared/edit';
import { IncrementalValidator } from '../../../src/shared/incremental';
import type { CatalogFiles, Job, Workflow } from '../../../src/shared/model';
import { LFNS, catalogs, job, replicaCatalog, workflow } from './arbitraries';
import { DeltaMirror, expectSameAsFull } from './support';

/** One step of a user's session, as data; `run` turns it into the patch the editor would apply. */
type Step =
  | { kind: 'add'; sub: boolean }
  | { kind: 'wire'; from: number; to: number; fromFile: boolean; toFile: boolean }
  | { kind: 'unwire'; job: number; lfn: number; dependency: boolean }
  | { kind: 'remove'; jobs: number[]; files: number[] }
  | { kind: 'rename-job'; job: number; to: string }
  | { kind: 'rename-file'; from: number; to: string }
  | { kind: 'update'; job: number; next: Job }
  | { kind: 'rename-workflow'; to: string }
  | { kind: 'duplicate'; jobs: number[] }
  | { kind: 'undo' }
  | { kind: 'replicas'; catalog: Workflow['replicaCatalog'] }
  | { kind: 'replace'; workflow: Workflow };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), sub: fc.boolean() }),
  fc.record({
    kind: fc.constant('wire' as const),
    from: fc.nat(20),
    to: fc.nat(20),
    fromFile: fc.boolean(),
    toFile: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('unwire' as const), job: fc.nat(20), lfn: fc.nat(20), dependency: fc.boolean() }),
  fc.record({
    kind: fc.constant('remove' as const),
    jobs: fc.array(fc.nat(20), { maxLength: 2 }),
    files: fc.array(fc.nat(20), { maxLength: 1 }),
  }),
  fc.record({ kind: fc.constant('rename-job' as const), job: fc.nat(20), to: fc.constantFrom('a', 'r1', 'r2', 'e') }),
  fc.record({ kind: fc.constant('rename-file' as const), from: fc.nat(20), to: fc.constantFrom('f1', 'f9', 'g1') }),
  fc.record({ kind: fc.constant('update' as const), job: fc.nat(20), next: job }),
  fc.record({ kind: fc.constant('rename-workflow' as const), to: fc.constantFrom('wf', 'other', 'bad name') }),
  fc.record({ kind: fc.constant('duplicate' as const), jobs: fc.array(fc.nat(20), { minLength: 1, maxLength: 2 }) }),
  fc.constant<Step>({ kind: 'undo' }),
  fc.constant<Step>({ kind: 'undo' }),
  fc.record({ kind: fc.constant('replicas' as const), catalog: replicaCatalog }),
  fc.record({ kind: fc.constant('replace' as const), workflow }),
);

function pick<T>(list: readonly T[], n: number): T | undefined {
  return list.length === 0 ? undefined : list[n % list.length];
}

/** The patch of a step on `doc`, or `undefined` when the editor refuses it. */
function run(doc: EditableDocument, s: Step, history: Patch[]): Patch | undefined {
  const jobs = doc.workflow.jobs;
  const id = (n: number): string | undefined => pick(jobs, n)?.id;
  const ok = (result: EditResult): Patch | undefined => (result.ok ? result.edit.forward : undefined);
  switch (s.kind) {
    case 'add':
      return ok(
        addJob(doc, s.sub ? { kind: 'subworkflow' } : { kind: 'transformation', transformation: { name: 't1' } }, {
          x: 0,
          y: 0,
        }),
      );
    case 'wire': {
      const from = s.fromFile
        ? { kind: 'file' as const, lfn: pick(LFNS, s.from)! }
        : { kind: 'job' as const, id: id(s.from) ?? 'a' };
      const to = s.toFile
        ? { kind: 'file' as const, lfn: pick(LFNS, s.to)! }
        : { kind: 'job' as const, id: id(s.to) ?? 'a' };
      return ok(connect(doc, from, to));
    }
    case 'unwire': {
      if (s.dependency) {
        const dependency = pick(doc.workflow.dependencies, s.job);
        if (!dependency) return undefined;
        return ok(
          disconnect(doc, { kind: 'dependency', parent: dependency.id, child: pick(dependency.children, s.lfn) ?? '' }),
        );
      }
      return ok(disconnect(doc, { kind: 'use', jobId: id(s.job) ?? 'a', lfn: pick(LFNS, s.lfn)! }));
    }
    case 'remove':
      return ok(
        removeSelection(doc, [
          ...s.jobs.flatMap((n) => (id(n) === undefined ? [] : [jobKey(id(n)!)])),
          ...s.files.map((n) => fileKey(pick(LFNS, n)!)),
        ]),
      );
    case 'rename-job':
      return ok(renameJob(doc, id(s.job) ?? 'a', s.to));
    case 'rename-file':
      return ok(renameFile(doc, pick(LFNS, s.from)!, s.to));
    case 'update': {
      const target = id(s.job);
      if (target === undefined) return undefined;
      return ok(updateJob(doc, target, { ...s.next, id: target }));
    }
    case 'rename-workflow':
      return ok(renameWorkflow(doc, s.to));
    case 'duplicate':
      return ok(
        duplicate(
          doc,
          s.jobs.flatMap((n) => (id(n) === undefined ? [] : [jobKey(id(n)!)])),
        ),
      );
    case 'undo': {
      const last = history.pop();
      return last ? invertPatch(last) : undefined;
    }
    case 'replicas':
      return [{ kind: 'replicaCatalog', before: doc.workflow.replicaCatalog, after: s.catalog }];
    case 'replace':
      return [{ kind: 'workflow', before: doc.workflow, after: s.workflow }];
  }
}

function session(start: Workflow, files: CatalogFiles, steps: readonly Step[], withExists: boolean): void {
  const options = withExists
    ? { subWorkflowExists: (file: string) => file === 'f5' || file.startsWith('/data/f1') }
    : {};
  let doc: EditableDocument = { workflow: start, positions: new Map() };
  const validator = IncrementalValidator.create({ workflow: start, catalogs: files }, options);
  const mirror = new DeltaMirror(validator);
  expectSameAsFull(validator, mirror, { workflow: doc.workflow, catalogs: files }, options);
  const history: Patch[] = [];
  for (const s of steps) {
    const patch = run(doc, s, history);
    if (!patch) continue;
    if (s.kind !== 'undo') history.push(patch);
    doc = applyPatch(doc, patch);
    mirror.apply(validator.apply(patch));
    expectSameAsFull(validator, mirror, { workflow: doc.workflow, catalogs: files }, options);
  }
}

describe('incremental validation through real edits', () => {
  it('matches a full validateWorkflow after every edit, undo and replace', () => {
    fc.assert(
      fc.property(
        workflow,
        catalogs,
        fc.array(step, { minLength: 1, maxLength: 25 }),
        fc.boolean(),
        (start, files, steps, withExists) => session(start, files, steps, withExists),
      ),
      { numRuns: 300 },
    );
  });
});
