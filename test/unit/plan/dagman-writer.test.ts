import { describe, expect, it } from 'vitest';
import {
  dagmanContext,
  jobDirectory,
  readDag,
  submitDirectoryFiles,
  writeDag,
} from '../../../src/shared/formats/dagman';
import { bundle, job, planOk, tx } from './support/build';

function diamond(): ReturnType<typeof planOk> {
  const b = bundle({
    jobs: [
      job('p', 'pre', ['f.a'], [{ lfn: 'f.b', stageOut: false }], { pegasus: { runtime: 30, cores: 2, memory: 1024 } }),
      job('l', 'left', ['f.b'], [{ lfn: 'f.c', stageOut: false }]),
      job('r', 'right', ['f.b'], [{ lfn: 'f.d', stageOut: false }]),
      { type: 'condorWorkflow', id: 'd', file: 'other.dag', arguments: [], uses: [{ lfn: 'f.c', type: 'input' }] },
      {
        type: 'pegasusWorkflow',
        id: 's',
        file: 'inner.yml',
        arguments: ['--basename', 'inner'],
        uses: [
          { lfn: 'f.d', type: 'input' },
          { lfn: 'inner.yml', type: 'input' },
        ],
      },
    ],
    replicas: [
      { lfn: 'f.a', size: 2048 },
      { lfn: 'inner.yml', pfn: '/home/u/inner.yml' },
      { lfn: 'other.dag', pfn: 'file:///home/u/other.dag' },
    ],
    name: 'diamond',
  });
  return planOk(b, { outputSites: ['local'], cleanup: 'leaf' });
}

describe('the DAGMan .dag writer', () => {
  const workflow = diamond();
  const text = writeDag(
    workflow,
    dagmanContext('diamond', 0, { pegasusBinDir: '/opt/pegasus/bin' }),
    workflow.jobs.map((_, i) => jobDirectory(i)),
  );

  it('writes the banner, the MAXJOBS lines and the footer', () => {
    const lines = text.split('\n');
    expect(lines.slice(0, 9)).toEqual([
      '#'.repeat(70),
      '# PEGASUS WMS GENERATED DAG FILE',
      '# DAG diamond',
      '# Index = 0, Count = null',
      '#'.repeat(70),
      'MAXJOBS registration 1',
      'MAXJOBS stagein 10',
      'MAXJOBS cleanup 4',
      'MAXJOBS stageout 10',
    ]);
    expect(text.endsWith(`${'#'.repeat(70)}\n# End of DAG\n${'#'.repeat(70)}\n`)).toBe(true);
  });

  it('writes a job block with the POST script, PegasusLite exit check, priority, retry and VARS', () => {
    expect(text).toContain(
      [
        'JOB pre_p 00/00/pre_p.sub',
        'SCRIPT POST pre_p /opt/pegasus/bin/pegasus-exitcode  -r $RETURN -s PegasusLite:+exitcode+0 -l diamond-0.exitcode.log -M diamond-0.cache.meta   .//00/00/pre_p.out',
        'PRIORITY pre_p 20',
        'RETRY pre_p 1',
        'VARS pre_p My.DAGNodeRetry="$(RETRY)"',
        '',
      ].join('\n'),
    );
    expect(text).toContain('CATEGORY stage_in_local_local_0_0 stagein\n');
  });

  it('writes +DAGNodeRetry for HTCondor before 8.9.4', () => {
    const old = writeDag(
      workflow,
      dagmanContext('diamond', 0, { condorVersion: '8.8.12' }),
      workflow.jobs.map((_, i) => jobDirectory(i)),
    );
    expect(old).toContain('VARS pre_p +DAGNodeRetry="$(RETRY)"');
  });

  it('writes SUBDAG EXTERNAL for a condorWorkflow and a PRE script running pegasus-plan for a pegasusWorkflow', () => {
    expect(text).toContain('SUBDAG EXTERNAL dagman_d /home/u/other.dag\n');
    const dag = readDag(text);
    const sub = dag.nodes.find((n) => n.name === 'pegasus-plan_s')!;
    expect(sub.category).toBe('subwf');
    expect(sub.postScript).toBeUndefined();
    expect(text).toContain('SCRIPT PRE pegasus-plan_s 00/00/pegasus-plan_s.pre.sh  -Dpegasus.log.*=');
    expect(sub.preScript).toContain('--basename inner');
    expect(sub.preScript).toContain('--relative-dir user/pegasus/diamond/run0001/00/00/./inner_s');
    expect(sub.preScript).toMatch(/--cleanup none --deferred \/home\/u\/inner\.yml$/);
  });

  it('writes one PARENT  p CHILD c line per edge, with two spaces', () => {
    const edgeLines = text.split('\n').filter((l) => l.startsWith('PARENT'));
    expect(edgeLines.length).toBe(workflow.graph.offsets[workflow.graph.nodeCount]);
    expect(edgeLines).toContain('PARENT  pre_p CHILD left_l');
    expect(edgeLines.every((l) => /^PARENT {2}\S+ CHILD \S+$/.test(l))).toBe(true);
  });
});

describe('the submit directory files', () => {
  const workflow = diamond();
  const files = new Map(
    [
      ...submitDirectoryFiles(workflow, {
        submitDir: '/home/u/submit/run0001',
        wfUuid: '11111111-2222-3333-4444-555555555555',
      }),
    ].map((f) => [f.path, f.content]),
  );

  it('lays out one .sub per job in 00/00/, none for a SUBDAG', () => {
    const subs = [...files.keys()].filter((p) => p.endsWith('.sub'));
    expect(subs.length).toBe(workflow.jobs.length - 1);
    expect(subs.every((p) => p.startsWith('00/00/'))).toBe(true);
    expect(files.has('diamond-0.dag')).toBe(true);
    expect(files.has('braindump.yml')).toBe(true);
  });

  it('writes a compute job submit file with PegasusLite, condorio transfers and resource requests', () => {
    const sub = files.get('00/00/pre_p.sub')!;
    expect(
      sub.startsWith(
        `${'#'.repeat(70)}\n# PEGASUS WMS GENERATED SUBMIT FILE\n# DAG : diamond, Index = 0, Count = null\n# SUBMIT FILE NAME : pre_p.sub\n`,
      ),
    ).toBe(true);
    for (const line of [
      'universe = vanilla',
      'executable = /home/u/submit/run0001/00/00/pre_p.sh',
      'transfer_input_files = f.a,/home/u/submit/run0001/pegasus-lite-common.sh',
      'transfer_output_files = f.b',
      'request_cpus = 2',
      'request_memory = 1024',
      'priority = 20',
      '+pegasus_wf_uuid = "11111111-2222-3333-4444-555555555555"',
      '+pegasus_job_class = 1',
      '+pegasus_job_runtime = 30',
      '+pegasus_cores = 2',
      'queue',
    ]) {
      expect(sub).toContain(`${line}\n`);
    }
  });

  it('writes auxiliary jobs in the local universe with their .in list', () => {
    const sub = files.get('00/00/stage_in_local_local_0_0.sub')!;
    expect(sub).toContain('universe = local\n');
    expect(sub).toContain('input = /home/u/submit/run0001/00/00/stage_in_local_local_0_0.in\n');
    expect(sub).toContain('+pegasus_job_class = 2\n');
    const list = JSON.parse(files.get('00/00/stage_in_local_local_0_0.in')!) as Array<{
      lfn: string;
      src_urls: Array<{ url: string }>;
    }>;
    // The sub-workflow's own file is handed to pegasus-plan where it is, not staged.
    expect(list.map((t) => t.lfn)).toEqual(['f.a']);
    const mkdir = JSON.parse(files.get('00/00/create_dir_diamond_0_local.in')!) as Array<{
      type: string;
      target: { url: string };
    }>;
    expect(mkdir).toEqual([
      {
        id: 1,
        type: 'mkdir',
        target: { site_label: 'local', url: 'file:///data/local/scratch/user/pegasus/diamond/run0001' },
      },
    ]);
  });

  it('writes the sub-workflow job as condor_dagman in the scheduler universe', () => {
    const sub = files.get('00/00/pegasus-plan_s.sub')!;
    expect(sub).toContain('universe = scheduler\n');
    expect(sub).toContain('-Dag inner.dag');
    expect(sub).toContain('+pegasus_job_class = 10\n');
  });
});

describe('the submit directory layout', () => {
  it('puts 256 jobs per directory, two hex levels', () => {
    expect([jobDirectory(0), jobDirectory(255), jobDirectory(256), jobDirectory(256 * 256)]).toEqual([
      '00/00',
      '00/00',
      '00/01',
      '01/00',
    ]);
  });
});

describe('reading a DAG file', () => {
  it('reads nodes, attributes, multi-name PARENT lines and MAXJOBS', () => {
    const dag = readDag(
      '# c\nMAXJOBS stagein 3\nJOB a a.sub\nJOB b b.sub\nSUBDAG EXTERNAL c c.dag DIR x\nPRIORITY a 7\nRETRY b 3\nCATEGORY a stagein\nPARENT a b CHILD c\n',
    );
    expect(dag.nodes.map((n) => [n.name, n.subdag, n.priority, n.retry, n.category])).toEqual([
      ['a', false, 7, undefined, 'stagein'],
      ['b', false, undefined, 3, undefined],
      ['c', true, undefined, undefined, undefined],
    ]);
    expect(dag.edges).toEqual([
      ['a', 'c'],
      ['b', 'c'],
    ]);
    expect(dag.maxJobs.get('stagein')).toBe(3);
  });
});

describe('clustered and shared-filesystem jobs', () => {
  it('writes a cluster’s task list, one command line per task', () => {
    const jobs = [1, 2, 3].map((i) => ({
      ...job(`s${i}`, 'sim', [], [{ lfn: `o${i}`, stageOut: false }]),
      arguments: ['-n', `${i}`],
    }));
    const b = bundle({
      jobs,
      transformations: [tx('sim', ['condorpool'], 'installed', { pegasus: { 'clusters.size': 3 } })],
    });
    const planned = planOk(b, { cluster: ['horizontal'], cleanup: 'none' });
    const files = new Map([...submitDirectoryFiles(planned)].map((f) => [f.path, f.content]));
    expect(files.get('00/00/merge_sim_PID1_ID1.in')).toBe(
      '#@ 1 sim s1 \n/opt/sim -n 1\n#@ 2 sim s2 \n/opt/sim -n 2\n#@ 3 sim s3 \n/opt/sim -n 3\n',
    );
    expect(files.get('00/00/merge_sim_PID1_ID1.sub')).toContain('+pegasus_cluster_size = 3\n');
  });

  it('runs a sharedfs compute job through pegasus-kickstart with the installed executable', () => {
    const b = bundle({ jobs: [{ ...job('a', 'sim', [], [{ lfn: 'o', stageOut: false }]), arguments: ['--seed', 7] }] });
    const planned = planOk(b, { dataConfiguration: 'sharedfs', cleanup: 'none' });
    const sub = [...submitDirectoryFiles(planned, { pegasusBinDir: '/p/bin' })].find(
      (f) => f.path === '00/00/sim_a.sub',
    )!.content;
    expect(sub).toContain('executable = /p/bin/pegasus-kickstart\n');
    expect(sub).toContain('arguments = "-n sim -N a -R condorpool -L wf /opt/sim --seed 7"\n');
    expect(sub).not.toContain('transfer_input_files');
  });
});
