import type { ReplicaCatalog } from '../model/catalogs';
import type { Job } from '../model/job';
import type { Dependency, Workflow } from '../model/workflow';
import type { EditableDocument, Position } from './document';
import { LayeredMap } from './layered-map';

/**
 * One reversible change to an {@link EditableDocument}. Lists change by splices (remove
 * `remove.length` items at `index`, insert `insert`), so that the inverse is the same splice
 * with the two sides swapped; fields and positions carry their value before and after.
 */
export type PatchOp =
  | { kind: 'jobs'; index: number; remove: readonly Job[]; insert: readonly Job[] }
  | { kind: 'dependencies'; index: number; remove: readonly Dependency[]; insert: readonly Dependency[] }
  | { kind: 'replicaCatalog'; before: ReplicaCatalog | undefined; after: ReplicaCatalog | undefined }
  | { kind: 'positions'; entries: ReadonlyArray<PositionChange> }
  | { kind: 'workflowName'; before: string; after: string }
  /** The whole workflow at once: a text edit in the code view, whose reach the model cannot split. */
  | { kind: 'workflow'; before: Workflow; after: Workflow };

/** A position key with its position before and after (`undefined`: no position). */
export type PositionChange = readonly [key: string, before: Position | undefined, after: Position | undefined];

/** A patch: ops applied in order. */
export type Patch = readonly PatchOp[];

/** One user gesture: what it did and how to take it back. */
export interface Edit {
  /** Shown in the Edit menu ("Undo Add job"). */
  readonly label: string;
  readonly forward: Patch;
  readonly inverse: Patch;
}

/** Builds an {@link Edit} from forward ops; the inverse is derived, never written by hand. */
export function makeEdit(label: string, forward: Patch): Edit {
  return { label, forward, inverse: invertPatch(forward) };
}

/**
 * True when a patch changes the workflow; positions alone do not (the validation worker,
 * which follows the workflow, is sent only these patches). Cost: O(ops).
 */
export function changesWorkflow(patch: Patch): boolean {
  return patch.some((op) => op.kind !== 'positions');
}

/** The patch that undoes `patch`: each op inverted, in reverse order. Cost: O(ops). */
export function invertPatch(patch: Patch): Patch {
  const result: PatchOp[] = new Array<PatchOp>(patch.length);
  for (let i = 0; i < patch.length; i++) result[patch.length - 1 - i] = invertOp(patch[i]!);
  return result;
}

function invertOp(op: PatchOp): PatchOp {
  switch (op.kind) {
    case 'jobs':
    case 'dependencies':
      return { ...op, remove: op.insert, insert: op.remove } as PatchOp;
    case 'replicaCatalog':
    case 'workflowName':
    case 'workflow':
      return { ...op, before: op.after, after: op.before } as PatchOp;
    case 'positions':
      return { kind: 'positions', entries: op.entries.map(([key, before, after]) => [key, after, before] as const) };
  }
}

/**
 * Applies a patch and returns a new document; the input is not modified, and parts the
 * patch does not touch are shared. Each list is copied at most once per patch, so a
 * patch costs O(jobs + ops) however many ops it holds; positions are not copied (see
 * {@link LayeredMap}).
 */
export function applyPatch(doc: EditableDocument, patch: Patch): EditableDocument {
  let jobs: Job[] | undefined;
  let dependencies: Dependency[] | undefined;
  let positions: Array<readonly [string, Position | undefined]> | undefined;
  let workflow: Workflow = doc.workflow;
  for (const op of patch) {
    switch (op.kind) {
      case 'jobs':
        jobs ??= workflow.jobs.slice();
        spliceInPlace(jobs, op.index, op.remove.length, op.insert);
        break;
      case 'dependencies':
        dependencies ??= workflow.dependencies.slice();
        spliceInPlace(dependencies, op.index, op.remove.length, op.insert);
        break;
      case 'replicaCatalog':
        workflow = withField(workflow, 'replicaCatalog', op.after);
        break;
      case 'workflowName':
        workflow = { ...workflow, name: op.after };
        break;
      case 'workflow':
        // Replaces what earlier ops built: the new workflow is complete.
        jobs = undefined;
        dependencies = undefined;
        workflow = op.after;
        break;
      case 'positions':
        positions ??= [];
        for (const [key, , after] of op.entries) positions.push([key, after]);
        break;
    }
  }
  if (jobs || dependencies) workflow = { ...workflow, jobs: jobs ?? workflow.jobs, dependencies: dependencies ?? workflow.dependencies };
  // Positions change a few keys of up to 10^5: the new map shares the old one (LayeredMap).
  return { ...doc, workflow, positions: positions ? LayeredMap.with(doc.positions, positions) : doc.positions };
}

function withField<K extends keyof Workflow>(workflow: Workflow, key: K, value: Workflow[K] | undefined): Workflow {
  const next = { ...workflow };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/** `Array.prototype.splice` without spreading `insert` into arguments (which overflows past ~10^5 items). */
export function spliceInPlace<T>(list: T[], index: number, removeCount: number, insert: readonly T[]): void {
  if (insert.length < 10_000) {
    list.splice(index, removeCount, ...insert);
    return;
  }
  const tail = list.slice(index + removeCount);
  list.length = index;
  for (const item of insert) list.push(item);
  for (const item of tail) list.push(item);
}
