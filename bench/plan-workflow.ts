import type { FileUse, Job, WorkflowBundle } from '../src/shared/model';

/**
 * The planner benchmark's workflow: groups of 10 jobs (4 `pre` reading a catalogued input,
 * 4 `mid`, a `merge` of the 4 mids, a `final` whose output is staged out and registered).
 */
export function workflowOf(size: number): WorkflowBundle {
  const jobs: Job[] = [];
  const replicas = [];
  const groups = Math.max(1, Math.floor(size / 10));
  for (let g = 0; g < groups; g++) {
    for (let k = 0; k < 4; k++) {
      replicas.push({
        lfn: `in_${g}_${k}.dat`,
        pfns: [{ site: 'local', pfn: `/data/inputs/in_${g}_${k}.dat` }],
        metadata: { size: 1_000_000 },
      });
      jobs.push({
        type: 'job',
        id: `pre_${g}_${k}`,
        name: 'pre',
        arguments: ['-i', `in_${g}_${k}.dat`],
        uses: [
          { lfn: `in_${g}_${k}.dat`, type: 'input' },
          { lfn: `p_${g}_${k}`, type: 'output', stageOut: false },
        ],
      });
      jobs.push({
        type: 'job',
        id: `mid_${g}_${k}`,
        name: 'mid',
        arguments: [],
        uses: [
          { lfn: `p_${g}_${k}`, type: 'input' },
          { lfn: `m_${g}_${k}`, type: 'output', stageOut: false },
        ],
        profiles: { pegasus: { runtime: 120 } },
      });
    }
    jobs.push({
      type: 'job',
      id: `merge_${g}`,
      name: 'merge',
      arguments: [],
      uses: [
        ...[0, 1, 2, 3].map((k): FileUse => ({ lfn: `m_${g}_${k}`, type: 'input' })),
        { lfn: `g_${g}`, type: 'output', stageOut: false },
      ],
    });
    jobs.push({
      type: 'job',
      id: `final_${g}`,
      name: 'final',
      arguments: [],
      uses: [
        { lfn: `g_${g}`, type: 'input' },
        { lfn: `out_${g}.tar`, type: 'output', stageOut: true, registerReplica: true, size: '5000000' },
      ],
    });
  }
  const installed = (name: string) => ({
    name,
    sites: [{ name: 'condorpool', pfn: `/opt/bin/${name}`, type: 'installed' as const }],
    profiles: { pegasus: { 'clusters.size': 8 } },
  });
  return {
    workflow: { pegasus: '5.0.4', name: 'bench', jobs, dependencies: [] },
    catalogs: {
      sites: {
        sites: [
          {
            name: 'local',
            directories: [
              { type: 'sharedScratch', path: '/scratch', fileServers: [{ url: 'file:///scratch', operation: 'all' }] },
              { type: 'localStorage', path: '/outputs', fileServers: [{ url: 'file:///outputs', operation: 'all' }] },
            ],
          },
          {
            name: 'condorpool',
            directories: [],
            profiles: { pegasus: { style: 'condor' }, condor: { universe: 'vanilla' } },
          },
        ],
      },
      transformations: { transformations: ['pre', 'mid', 'merge', 'final'].map(installed) },
      replicas: { replicas },
    },
  };
}

/**
 * A fan-in: size − 1 `work` jobs each reading a catalogued input and writing one file, and
 * one `gather` job reading all of them (a job with as many inputs as the workflow has jobs).
 */
export function fanInWorkflowOf(size: number): WorkflowBundle {
  const bundle = workflowOf(10);
  const jobs: Job[] = [];
  const replicas = [];
  for (let i = 0; i < size - 1; i++) {
    replicas.push({ lfn: `w_${i}.in`, pfns: [{ site: 'local', pfn: `/data/inputs/w_${i}.in` }] });
    jobs.push({
      type: 'job',
      id: `work_${i}`,
      name: 'pre',
      arguments: [],
      uses: [
        { lfn: `w_${i}.in`, type: 'input' },
        { lfn: `w_${i}.out`, type: 'output', stageOut: false },
      ],
    });
  }
  const gathered: FileUse[] = jobs.map((_, i) => ({ lfn: `w_${i}.out`, type: 'input' }));
  jobs.push({
    type: 'job',
    id: 'gather',
    name: 'final',
    arguments: [],
    uses: [...gathered, { lfn: 'all.tar', type: 'output', stageOut: true }],
  });
  return {
    workflow: { ...bundle.workflow, name: 'fanin', jobs },
    catalogs: { ...bundle.catalogs, replicas: { replicas } },
  };
}
