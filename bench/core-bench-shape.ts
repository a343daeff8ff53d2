import type { Job, Workflow } from '../src/shared/model';

// ---------------------------------------------------------------- the workflow

/** split → N−2 workers → merge; every edge comes from a file. */
export function fanOutFanIn(jobCount: number): Workflow {
  const workers = jobCount - 2;
  const jobs: Job[] = new Array<Job>(jobCount);
  const splitUses: Job['uses'] = new Array(workers + 1);
  splitUses[0] = { lfn: 'input.dat', type: 'input' };
  const mergeUses: Job['uses'] = new Array(workers + 1);
  for (let i = 0; i < workers; i++) {
    const n = String(i).padStart(7, '0');
    const chunk = `chunk_${n}.dat`;
    const result = `result_${n}.dat`;
    splitUses[i + 1] = { lfn: chunk, type: 'output', stageOut: false, registerReplica: false };
    mergeUses[i] = { lfn: result, type: 'input' };
    jobs[i + 1] = {
      type: 'job',
      name: 'work',
      id: `work_${n}`,
      arguments: ['-i', chunk, '-o', result],
      uses: [
        { lfn: chunk, type: 'input' },
        { lfn: result, type: 'output', stageOut: false, registerReplica: false },
      ],
      profiles: { pegasus: { cores: 1, runtime: 60 } },
    };
  }
  mergeUses[workers] = { lfn: 'output.dat', type: 'output', stageOut: true, registerReplica: true };
  jobs[0] = { type: 'job', name: 'split', id: 'split', arguments: ['-i', 'input.dat', '-n', workers], uses: splitUses };
  jobs[jobCount - 1] = { type: 'job', name: 'merge', id: 'merge', arguments: ['-o', 'output.dat'], uses: mergeUses };
  const site = (pfn: string) => [{ name: 'condorpool', pfn, type: 'installed' as const }];
  return {
    pegasus: '5.0.4',
    name: `fan-${jobCount}`,
    jobs,
    dependencies: [],
    replicaCatalog: { replicas: [{ lfn: 'input.dat', pfns: [{ site: 'local', pfn: '/data/input.dat' }] }] },
    transformationCatalog: {
      transformations: [
        { name: 'split', sites: site('/opt/bin/split') },
        { name: 'work', sites: site('/opt/bin/work') },
        { name: 'merge', sites: site('/opt/bin/merge') },
      ],
    },
  };
}

