import { describe, expect, it } from 'vitest';
import { abstractJobIdOf, canvasJobStates, historiesOf, mergeJobStates, remoteProgress, runStateOfDag, type RemoteJob } from '../../../src/shared/run/remote-run';
import { foldJobstate, parseJobstateChunk } from '../../../src/shared/remote/jobstate-log';

const ids = new Set(['preprocess', 'findrange_1', 'findrange_2', 'analyze', 'ID0000001']);

describe('remote run records', () => {
  it('maps DAG node names back to abstract job ids and auxiliary jobs to nothing', () => {
    expect(abstractJobIdOf('ls_ID0000001', ids)).toBe('ID0000001');
    expect(abstractJobIdOf('findrange_findrange_1', ids)).toBe('findrange_1');
    expect(abstractJobIdOf('preprocess_preprocess', ids)).toBe('preprocess');
    expect(abstractJobIdOf('analyze', ids)).toBe('analyze');
    expect(abstractJobIdOf('stage_out_local_local_0_0', ids)).toBeUndefined();
    expect(abstractJobIdOf('create_dir_diamond_0_local', ids)).toBeUndefined();
  });

  it('merges jobstate.log with the HTCondor queue: queue says held or running, finished nodes stay finished', () => {
    const histories = foldJobstate(
      new Map(),
      parseJobstateChunk(
        ['1 preprocess_preprocess SUBMIT 1.0 compute - 1', '2 preprocess_preprocess EXECUTE 1.0 compute - 1', '9 preprocess_preprocess JOB_TERMINATED 1.0 compute - 1',
          '10 preprocess_preprocess JOB_SUCCESS 0 compute - 1', '11 preprocess_preprocess POST_SCRIPT_STARTED 1.0 compute - 1', '12 preprocess_preprocess POST_SCRIPT_SUCCESS 0 compute - 1',
          '13 findrange_findrange_1 SUBMIT 2.0 compute - 2', '13 findrange_findrange_2 SUBMIT 3.0 compute - 3'].join('\n') + '\n',
      ).events,
    );
    const jobs: Record<string, RemoteJob> = {};
    mergeJobStates(jobs, histories, [
      { dagJobId: 'findrange_findrange_1', status: 'held', holdReason: 'disk quota exceeded' },
      { dagJobId: 'findrange_findrange_2', status: 'running' },
      { dagJobId: 'preprocess_preprocess', status: 'idle' },
    ], ids);
    expect(jobs.preprocess_preprocess).toMatchObject({ state: 'succeeded', jobId: 'preprocess', runtime: 7, exitCode: 0 });
    expect(jobs.findrange_findrange_1).toMatchObject({ state: 'held', jobId: 'findrange_1', holdReason: 'disk quota exceeded' });
    expect(jobs.findrange_findrange_2).toMatchObject({ state: 'running', jobId: 'findrange_2' });
  });

  it('takes progress from DAGMan totals and states from the nodes', () => {
    const progress = remoteProgress({
      jobs: { a: { state: 'running', tries: 1 }, b: { state: 'succeeded', tries: 1 } },
      status: { at: '', dagState: 'Running', totals: { unready: 2, ready: 0, pre: 0, queued: 1, post: 0, succeeded: 1, failed: 0, percentDone: 25, total: 4 } },
    });
    expect(progress).toMatchObject({ total: 4, percentDone: 25 });
    expect(progress.counts).toMatchObject({ unready: 2, running: 1, queued: 0, succeeded: 1 });
  });

  it('maps the DAG state to the run state', () => {
    expect(runStateOfDag('Success', false)).toBe('succeeded');
    expect(runStateOfDag('Failure', false)).toBe('failed');
    expect(runStateOfDag('Failure', true)).toBe('cancelled');
    expect(runStateOfDag('Running', false)).toBe('running');
  });

  it('paints each canvas job with its node\'s state, unready until the run reaches it', () => {
    const jobs: Record<string, RemoteJob> = {
      preprocess_preprocess: { state: 'succeeded', tries: 1, jobId: 'preprocess' },
      findrange_findrange_1: { state: 'held', tries: 1, jobId: 'findrange_1' },
      create_dir_diamond_0_local: { state: 'succeeded', tries: 1 },
    };
    expect(canvasJobStates({ jobs, workflow: { name: 'd', file: '/d.yml', jobIds: ['preprocess', 'findrange_1', 'findrange_2', 'analyze'] } })).toEqual({
      preprocess: 'succeeded', findrange_1: 'held', findrange_2: 'unready', analyze: 'unready',
    });
  });

  it('rebuilds histories only for the nodes asked for', () => {
    const jobs: Record<string, RemoteJob> = { a: { state: 'succeeded', tries: 2, executeAt: 5, terminatedAt: 9 }, b: { state: 'held', tries: 1 } };
    expect([...historiesOf(jobs, ['a', 'missing', 'a'])]).toEqual([['a', { state: 'done', tries: 2, executeAt: 5, terminatedAt: 9 }]]);
    expect(historiesOf(jobs).get('b')).toEqual({ state: 'held', tries: 1 });
  });
});
