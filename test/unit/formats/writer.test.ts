import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { readWorkflow, writeWorkflow, writeWorkflowByteChunks, writeWorkflowChunks } from '../../../src/shared/formats/pegasus-yaml';
import type { Workflow } from '../../../src/shared/model';
import { pegasusSchemas } from './schema-validator';

/** A workflow that uses every field of the model. */
function everything(): Workflow {
  return {
    pegasus: '5.0.4',
    name: 'all-fields',
    version: '1.2',
    extra: { 'x-pegasus': { apiLang: 'typescript' } },
    hooks: { shell: [{ on: 'end', cmd: '/bin/echo done' }] },
    profiles: { env: { A: 'b' } },
    metadata: { owner: 'alice', n: 3 },
    siteCatalog: {
      sites: [
        {
          name: 'hpc',
          arch: 'x86_64',
          osType: 'linux',
          osRelease: 'rhel',
          osVersion: '8',
          directories: [{ type: 'sharedScratch', path: '/scratch', sharedFileSystem: true, freeSize: '1G', totalSize: '2G', fileServers: [{ url: 'file:///scratch', operation: 'all', profiles: { env: { X: '1' } } }] }],
          grids: [{ type: 'batch', contact: 'hpc', scheduler: 'slurm', jobtype: 'compute', freeMem: '1', totalMem: '2', maxCount: '3', maxCPUTime: '4', runningJobs: 1, jobsInQueue: 2, idleNodes: 3, totalNodes: 4 }],
          profiles: { pegasus: { style: 'glite' } },
          extra: { 'x-tags': [{ name: 'gpu' }] },
        },
      ],
    },
    replicaCatalog: {
      replicas: [
        { lfn: 'in.txt', pfns: [{ site: 'local', pfn: '/data/in.txt' }], checksum: { sha256: 'ab' }, metadata: { size: 10 } },
        { lfn: 'raw_(\\d+)', pfns: [{ site: 'local', pfn: '/raw/[1]' }], regex: true },
      ],
    },
    transformationCatalog: {
      transformations: [
        {
          namespace: 'ns',
          name: 'tool',
          version: '1.0',
          requires: ['ns::helper:1.0'],
          sites: [{ name: 'hpc', pfn: '/opt/tool', type: 'installed', arch: 'x86_64', osType: 'linux', osRelease: 'rhel', osVersion: '8', bypass: false, container: 'c', profiles: { pegasus: { cores: 2 } }, metadata: { m: 'x' } }],
          profiles: { condor: { request_memory: '2 GB' } },
          hooks: { shell: [{ on: 'error', cmd: 'mail' }] },
          metadata: { kind: 'tool' },
          checksum: { sha256: 'cd' },
        },
        { namespace: 'ns', name: 'helper', version: '1.0', sites: [{ name: 'local', pfn: '/opt/helper', type: 'stageable' }] },
      ],
      containers: [{ name: 'c', type: 'singularity', image: 'docker://centos:7', imageSite: 'hpc', mounts: ['/a:/b'], bypass: true, checksum: { sha256: 'ef' }, metadata: { m: 1 }, profiles: { env: { C: '1' } } }],
    },
    jobs: [
      {
        type: 'job',
        id: 'a',
        namespace: 'ns',
        name: 'tool',
        version: '1.0',
        nodeLabel: 'first',
        arguments: ['-i', 'in.txt', 3, { kind: 'number', text: '1.0' }, 'with space'],
        uses: [
          { lfn: 'in.txt', type: 'input', size: '10', bypass: true, metadata: { m: 'x' }, optional: false },
          { lfn: 'mid.txt', type: 'output', stageOut: false, registerReplica: false },
          { lfn: 'a.ckpt', type: 'checkpoint', stageOut: true, registerReplica: true },
          { lfn: 'a.out', type: 'output', stageOut: true, registerReplica: true },
        ],
        stdout: 'a.out',
        profiles: { pegasus: { cores: 4, runtime: 60 }, dagman: { RETRY: '3' }, globus: { queue: 'q' }, hints: { x: 'y' }, selector: { 'execution.site': 'hpc' }, condor: { universe: 'vanilla' } },
        hooks: { shell: [{ on: 'error', cmd: 'echo' }] },
        metadata: { step: 1 },
        extra: { 'x-note': 'kept' },
      },
      { type: 'job', id: 'b', name: 'tool', namespace: 'ns', version: '1.0', arguments: [], uses: [{ lfn: 'mid.txt', type: 'input' }, { lfn: 'a.out', type: 'input' }], stdin: 'a.out', stderr: 'b.err' },
      { type: 'pegasusWorkflow', id: 'sub', file: 'sub.yml', arguments: ['--sites', 'hpc'], uses: [{ lfn: 'sub.yml', type: 'input', forPlanning: true }] },
      { type: 'condorWorkflow', id: 'dag', file: 'x.dag', arguments: [], uses: [{ lfn: 'x.dag', type: 'input', forPlanning: true }] },
    ],
    dependencies: [{ id: 'sub', children: ['dag'] }],
  };
}

describe('writing every field of the model', () => {
  test.each(['yaml', 'json'] as const)('%s: reads back as the same document, validates against the schema, second write identical', (format) => {
    const workflow = everything();
    const text = writeWorkflow(workflow, { format });
    const read = readWorkflow(text);
    expect(read.diagnostics).toEqual([]);
    expect(read.ok && read.value).toEqual(workflow);
    const validate = pegasusSchemas().workflow;
    validate(format === 'json' ? JSON.parse(text) : parse(text));
    expect(validate.errors ?? []).toEqual([]);
    expect(writeWorkflow(read.ok ? read.value : workflow, { format })).toBe(text);
  });

  test('inferred and explicit edges are both written as jobDependencies', () => {
    const doc = parse(writeWorkflow(everything())) as { jobDependencies: unknown };
    expect(doc.jobDependencies).toEqual([
      { id: 'a', children: ['b'] },
      { id: 'sub', children: ['dag'] },
    ]);
  });

  test('stdin comes after uses; uses[].namespace/version/executable are never added', () => {
    const text = writeWorkflow(everything());
    const jobB = text.slice(text.indexOf('  id: b\n'), text.indexOf('  id: sub\n'));
    expect(jobB.indexOf('  stdin: a.out\n')).toBeGreaterThan(jobB.indexOf('  uses:\n'));
    expect(text).not.toMatch(/executable:|^\s+namespace: .*\n\s+version: .*\n\s+executable/m);
    const uses = (parse(text) as { jobs: Array<{ uses: object[] }> }).jobs.flatMap((j) => j.uses);
    for (const use of uses) for (const key of ['namespace', 'version', 'executable']) expect(use).not.toHaveProperty(key);
  });

  test('uses[].namespace/version/executable read from a file are written back', () => {
    const text = "pegasus: '5.0'\nname: w\njobs:\n- type: job\n  name: t\n  id: a\n  arguments: []\n  uses:\n  - lfn: f\n    type: input\n    namespace: ns\n    version: '1.0'\n    executable: true\n";
    const read = readWorkflow(text);
    expect(read.ok && read.value.jobs[0]!.uses[0]).toEqual({ lfn: 'f', type: 'input', namespace: 'ns', version: '1.0', executable: true });
    expect(writeWorkflow(read.ok ? read.value : everything())).toContain('    namespace: ns\n    version: \'1.0\'\n    executable: true\n');
  });

  test('the chunks join to the whole text, and a large workflow comes in several chunks', () => {
    const workflow = everything();
    const many = { ...workflow, jobs: Array.from({ length: 3000 }, (_, i) => ({ ...workflow.jobs[1]!, id: `b${i}` })) };
    const chunks = [...writeWorkflowChunks(many)];
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('')).toBe(writeWorkflow(many));
  });

  test.each(['yaml', 'json'] as const)('%s: the byte chunks are the UTF-8 of the text', (format) => {
    const workflow = { ...everything(), name: 'ünïcode-名前-🚀' };
    const bytes = Buffer.concat([...writeWorkflowByteChunks(workflow, { format })]);
    expect(bytes.toString('utf8')).toBe(writeWorkflow(workflow, { format }));
    expect(bytes.equals(Buffer.from(writeWorkflow(workflow, { format }), 'utf8'))).toBe(true);
  });
});
