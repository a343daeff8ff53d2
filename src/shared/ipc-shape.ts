/**
 * Run-time shape checks for the large values of the IPC contract (a workflow, a canvas
 * layout), written as plain loops: at 10^5 jobs a zod object schema per job costs about
 * half a second per request, these a few milliseconds, and autosave sends the document every
 * few seconds. They check what the writers and stores rely on and name the first bad field.
 * Cost: O(jobs + uses + arguments + dependencies), or O(positions).
 */

/** The first problem found: where (`jobs.3.uses.0.lfn`) and what. */
export interface ShapeProblem {
  path: Array<string | number>;
  message: string;
}

const JOB_TYPES = new Set(['job', 'pegasusWorkflow', 'condorWorkflow']);
const LINK_TYPES = new Set(['input', 'output', 'inout', 'checkpoint', 'none']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kind(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

function expected(path: Array<string | number>, what: string, value: unknown): ShapeProblem {
  return { path, message: `expected ${what}, got ${kind(value)}` };
}

function checkJob(job: unknown, at: Array<string | number>): ShapeProblem | null {
  if (!isObject(job)) return expected(at, 'a job object', job);
  if (typeof job.id !== 'string') return expected([...at, 'id'], 'string', job.id);
  if (typeof job.type !== 'string' || !JOB_TYPES.has(job.type)) return { path: [...at, 'type'], message: 'expected job, pegasusWorkflow or condorWorkflow' };
  if (job.type === 'job' ? typeof job.name !== 'string' : typeof job.file !== 'string') {
    const field = job.type === 'job' ? 'name' : 'file';
    return expected([...at, field], 'string', job[field]);
  }
  if (!Array.isArray(job.arguments)) return expected([...at, 'arguments'], 'array', job.arguments);
  for (let i = 0; i < job.arguments.length; i++) {
    const arg: unknown = job.arguments[i];
    if (typeof arg === 'string' || typeof arg === 'number') continue;
    if (isObject(arg) && arg.kind === 'number' && typeof arg.text === 'string') continue;
    return expected([...at, 'arguments', i], 'string or number', arg);
  }
  if (!Array.isArray(job.uses)) return expected([...at, 'uses'], 'array', job.uses);
  for (let i = 0; i < job.uses.length; i++) {
    const use: unknown = job.uses[i];
    if (!isObject(use)) return expected([...at, 'uses', i], 'a file use object', use);
    if (typeof use.lfn !== 'string') return expected([...at, 'uses', i, 'lfn'], 'string', use.lfn);
    if (typeof use.type !== 'string' || !LINK_TYPES.has(use.type)) return { path: [...at, 'uses', i, 'type'], message: 'expected input, output, inout, checkpoint or none' };
  }
  for (const field of ['stdin', 'stdout', 'stderr'] as const) {
    if (job[field] !== undefined && typeof job[field] !== 'string') return expected([...at, field], 'string', job[field]);
  }
  return null;
}

/** Checks the structure of a workflow (jobs, uses, arguments, dependencies); other fields pass as they are. */
export function workflowShapeProblem(value: unknown): ShapeProblem | null {
  if (!isObject(value)) return expected([], 'a workflow object', value);
  if (typeof value.pegasus !== 'string') return expected(['pegasus'], 'string', value.pegasus);
  if (typeof value.name !== 'string') return expected(['name'], 'string', value.name);
  if (!Array.isArray(value.jobs)) return expected(['jobs'], 'array', value.jobs);
  for (let i = 0; i < value.jobs.length; i++) {
    const problem = checkJob(value.jobs[i], ['jobs', i]);
    if (problem) return problem;
  }
  if (!Array.isArray(value.dependencies)) return expected(['dependencies'], 'array', value.dependencies);
  for (let i = 0; i < value.dependencies.length; i++) {
    const dep: unknown = value.dependencies[i];
    if (!isObject(dep)) return expected(['dependencies', i], 'a dependency object', dep);
    if (typeof dep.id !== 'string') return expected(['dependencies', i, 'id'], 'string', dep.id);
    if (!Array.isArray(dep.children)) return expected(['dependencies', i, 'children'], 'array', dep.children);
    for (let k = 0; k < dep.children.length; k++) {
      if (typeof dep.children[k] !== 'string') return expected(['dependencies', i, 'children', k], 'string', dep.children[k]);
    }
  }
  return null;
}

/** Checks an id → `{x, y}` map of finite numbers. */
export function positionsProblem(value: unknown, at: Array<string | number>): ShapeProblem | null {
  if (!isObject(value)) return expected(at, 'an object', value);
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    const point = value[key];
    if (!isObject(point)) return expected([...at, key], 'a position {x, y}', point);
    if (typeof point.x !== 'number' || !Number.isFinite(point.x)) return expected([...at, key, 'x'], 'a finite number', point.x);
    if (typeof point.y !== 'number' || !Number.isFinite(point.y)) return expected([...at, key, 'y'], 'a finite number', point.y);
  }
  return null;
}
