import type { Argument, FileUse, Job, JobType, LinkType } from '../../model/job';
import type { Dependency, Workflow } from '../../model/workflow';
import { READ_CODES } from './codes';
import { readReplicaCatalogMap, readSiteCatalogMap, readTransformationCatalogMap } from './read-catalogs';
import { hooksField, metadataField, profilesField, readList, stringField } from './read-common';
import { expectMap, readBoolean, readEnum, readFields, readString, readVersion, typeName, type FieldReader, type ReadContext } from './read-context';
import { getKey, hasKey, isTreeMap, TreeNumber, type TreeMap, type TreeValue } from './tree';

const LINK_TYPES: readonly LinkType[] = ['input', 'output', 'checkpoint', 'inout', 'none'];
const JOB_TYPES: readonly JobType[] = ['job', 'pegasusWorkflow', 'condorWorkflow'];
const JOB_ID = /^[-0-9a-zA-Z_]+$/;

function flag(key: 'stageOut' | 'registerReplica' | 'optional' | 'bypass' | 'forPlanning' | 'executable'): FieldReader<FileUse> {
  return (ctx, value, out) => {
    const b = readBoolean(ctx, value, key);
    if (b === undefined) return false;
    out[key] = b;
    return true;
  };
}

const USE_FIELDS: Record<string, FieldReader<FileUse>> = {
  lfn: stringField((o, v) => (o.lfn = v), 'lfn'),
  type: (ctx, value, out) => {
    const type = readEnum(ctx, value, LINK_TYPES, 'the link type');
    if (type === undefined) return false;
    out.type = type;
    return true;
  },
  stageOut: flag('stageOut'),
  registerReplica: flag('registerReplica'),
  optional: flag('optional'),
  bypass: flag('bypass'),
  forPlanning: flag('forPlanning'),
  executable: flag('executable'),
  // The API writes the size as a number, the schema wants text, the planner reads text: both are fine.
  size: (ctx, value, out) => {
    if (typeof value === 'number') out.size = String(value);
    else if (value instanceof TreeNumber) out.size = value.text;
    else {
      const text = readString(ctx, value, 'size');
      if (text === undefined) return false;
      out.size = text;
    }
    return true;
  },
  metadata: metadataField(),
  namespace: stringField((o, v) => (o.namespace = v), 'namespace'),
  version: (ctx, value, out) => {
    const text = readVersion(ctx, value, 'version');
    if (text === undefined) return false;
    out.version = text;
    return true;
  },
};

function readUse(ctx: ReadContext, value: TreeValue): FileUse | undefined {
  const map = expectMap(ctx, value, 'a uses entry');
  if (!map) return undefined;
  return readFields<FileUse>(ctx, map, { lfn: '', type: 'input' }, USE_FIELDS, ['lfn', 'type'], 'a uses entry');
}

/** Job keys common to the three types. `type`, `name`, `file`… are handled by readJob. */
const JOB_FIELDS: Record<string, FieldReader<Job>> = {
  id: (ctx, value, out) => {
    const id = readString(ctx, value, 'the job id');
    if (id === undefined) return false;
    if (!JOB_ID.test(id)) {
      ctx.report(READ_CODES.badJobId, 'error', `the job id "${id}" may only hold letters, digits, "-" and "_" (pegasus-plan builds DAG node names from it)`);
    }
    out.id = id;
    return true;
  },
  nodeLabel: stringField((o, v) => (o.nodeLabel = v), 'nodeLabel'),
  arguments: (ctx, value, out) => {
    const items = readList<Argument>(ctx, value, 'arguments', (c, v) => {
      if (typeof v === 'string' || typeof v === 'number') return v;
      if (v instanceof TreeNumber) return v.toLiteral();
      const text = readString(c, v, 'an argument');
      return text;
    });
    if (!items) return false;
    out.arguments = items;
    return true;
  },
  uses: (ctx, value, out) => {
    const items = readList(ctx, value, 'uses', readUse);
    if (!items) return false;
    out.uses = items;
    return true;
  },
  stdin: stringField((o, v) => (o.stdin = v), 'stdin'),
  stdout: stringField((o, v) => (o.stdout = v), 'stdout'),
  stderr: stringField((o, v) => (o.stderr = v), 'stderr'),
  profiles: profilesField(),
  hooks: hooksField(),
  metadata: metadataField(),
  type: () => true,
};

const COMPUTE_FIELDS: Record<string, FieldReader<Job>> = {
  ...JOB_FIELDS,
  name: (ctx, value, out) => {
    const text = readString(ctx, value, 'the transformation name');
    if (text === undefined || out.type !== 'job') return false;
    out.name = text;
    return true;
  },
  namespace: (ctx, value, out) => {
    const text = readString(ctx, value, 'namespace');
    if (text === undefined || out.type !== 'job') return false;
    out.namespace = text;
    return true;
  },
  version: (ctx, value, out) => {
    const text = readVersion(ctx, value, 'version');
    if (text === undefined || out.type !== 'job') return false;
    out.version = text;
    return true;
  },
};

const SUB_WORKFLOW_FIELDS: Record<string, FieldReader<Job>> = {
  ...JOB_FIELDS,
  file: (ctx, value, out) => {
    const text = readString(ctx, value, 'file');
    if (text === undefined || out.type === 'job') return false;
    out.file = text;
    return true;
  },
};

/** One job of `jobs:` (the path in `ctx` ends with its index). */
export function readJob(ctx: ReadContext, value: TreeValue, index: number): Job | undefined {
  const map = expectMap(ctx, value, 'a job');
  if (!map) return undefined;
  const rawId = getKey(map, 'id');
  ctx.jobId = typeof rawId === 'string' ? rawId : `#${index + 1}`;
  let type: JobType = 'job';
  if (hasKey(map, 'type')) {
    ctx.path.push('type');
    const read = readEnum(ctx, getKey(map, 'type')!, JOB_TYPES, 'the job type');
    ctx.path.pop();
    if (read !== undefined && JOB_TYPES.includes(read)) type = read;
  }
  let job: Job;
  if (type === 'job') {
    job = readFields<Job>(ctx, map, { type, id: '', name: '', arguments: [], uses: [] }, COMPUTE_FIELDS, ['type', 'id', 'name', 'arguments', 'uses'], 'a job');
  } else {
    job = readFields<Job>(ctx, map, { type, id: '', file: '', arguments: [], uses: [] }, SUB_WORKFLOW_FIELDS, ['type', 'id', 'file', 'arguments', 'uses'], `a ${type} job`);
  }
  ctx.jobId = undefined;
  return job;
}

function readDependency(ctx: ReadContext, value: TreeValue): Dependency | undefined {
  const map = expectMap(ctx, value, 'a jobDependencies entry');
  if (!map) return undefined;
  return readFields<Dependency>(
    ctx,
    map,
    { id: '', children: [] },
    {
      id: stringField((o, v) => (o.id = v), 'the parent id'),
      children: (c, v, out) => {
        const items = readList(c, v, 'children', (cc, item) => readString(cc, item, 'a child id'));
        if (!items) return false;
        out.children = items;
        return true;
      },
    },
    ['id'],
    'a jobDependencies entry',
  );
}

const WORKFLOW_FIELDS: Record<string, FieldReader<Workflow>> = {
  pegasus: (ctx, value, out) => {
    const text = readVersion(ctx, value, 'pegasus');
    if (text === undefined) return false;
    out.pegasus = text;
    return true;
  },
  name: (ctx, value, out) => {
    const text = readString(ctx, value, 'the workflow name');
    if (text === undefined) return false;
    // The schema's pattern for names is garbled (see the reference); the API refuses only "/" and blanks.
    if (/[/\s]/.test(text)) ctx.report(READ_CODES.wrongType, 'warning', `the workflow name "${text}" holds "/" or a blank, which the Pegasus API refuses`);
    out.name = text;
    return true;
  },
  version: (ctx, value, out) => {
    const text = readVersion(ctx, value, 'version');
    if (text === undefined) return false;
    out.version = text;
    return true;
  },
  jobs: () => true,
  jobDependencies: (ctx, value, out) => {
    const items = readList(ctx, value, 'jobDependencies', readDependency);
    if (!items) return false;
    out.dependencies = items;
    return true;
  },
  siteCatalog: (ctx, value, out) => {
    const map = expectMap(ctx, value, 'siteCatalog');
    if (!map) return false;
    out.siteCatalog = readSiteCatalogMap(ctx, map, false);
    return true;
  },
  replicaCatalog: (ctx, value, out) => {
    const map = expectMap(ctx, value, 'replicaCatalog');
    if (!map) return false;
    out.replicaCatalog = readReplicaCatalogMap(ctx, map, false);
    return true;
  },
  transformationCatalog: (ctx, value, out) => {
    const map = expectMap(ctx, value, 'transformationCatalog');
    if (!map) return false;
    out.transformationCatalog = readTransformationCatalogMap(ctx, map, false);
    return true;
  },
  profiles: profilesField(),
  hooks: hooksField(),
  metadata: metadataField(),
};

/**
 * Maps a parsed workflow document onto the model. `jobs` must be a list (else the caller
 * refuses the file); every other problem is a diagnostic and the value is kept.
 * `dependencies` receives `jobDependencies` as written; the caller drops the inferred ones.
 */
export function readWorkflowMap(ctx: ReadContext, map: TreeMap, mappedJobs?: Job[]): Workflow {
  const workflow = readFields<Workflow>(ctx, map, { pegasus: '', name: '', jobs: [], dependencies: [] }, WORKFLOW_FIELDS, ['pegasus', 'name', 'jobs'], 'the workflow');
  if (mappedJobs) {
    // Mapped while parsing (see parseSource's item hook).
    workflow.jobs = mappedJobs;
    return workflow;
  }
  const jobs = getKey(map, 'jobs');
  ctx.path.push('jobs');
  // An empty list is the validator's to report (PC217), with the other workflow-level checks.
  workflow.jobs = readList(ctx, jobs ?? [], 'jobs', readJob) ?? [];
  ctx.path.pop();
  return workflow;
}

/** Why a document cannot be a workflow at all, or undefined when it can. */
export function notAWorkflow(root: TreeValue): string | undefined {
  if (!isTreeMap(root)) return `a workflow file holds a mapping (pegasus:, name:, jobs:…), not ${typeName(root)}`;
  const jobs = getKey(root, 'jobs');
  if (jobs === undefined) return 'this is not a workflow: it has no "jobs:" list';
  if (!Array.isArray(jobs)) return `"jobs:" should be a list of jobs, not ${typeName(jobs)}`;
  return undefined;
}

