// Submission and monitoring against the real OpenSSH server whose account plays the ACCESS
// host, with the stand-in Pegasus tools on its PATH (test/fixtures/access-host).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RemoteHost } from '../../../src/main/services/ssh';
import { analyzeRun, fetchOutputs, removeRun, rerunRun, statisticsOfRun } from '../../../src/main/services/submit/run-actions';
import { RunStore } from '../../../src/main/services/submit/run-store';
import { pollRun, watchRun, type RunUpdate } from '../../../src/main/services/submit/monitor';
import { submitWorkflow } from '../../../src/main/services/submit/submit-run';
import type { RemoteRunRecord } from '../../../src/shared/run/remote-run';
import { remoteHostFor } from '../support/remote';
import { accessHostBinDir, startSshd, type SshdServer } from '../support/sshd';
import { DIAMOND_JOBS, diamondCopy } from './access-host';

const PLAN = { sites: ['condorpool'], outputSites: ['local'], cleanup: 'leaf' as const };

describe('submit to the ACCESS host (real sshd, stand-in Pegasus tools)', () => {
  let server: SshdServer;
  let remote: RemoteHost;
  let local: string;
  let store: RunStore;

  beforeAll(async () => {
    server = await startSshd({ pathPrepend: [accessHostBinDir()] });
    local = await mkdtemp(path.join(tmpdir(), 'pcanvas-submit-'));
  });
  afterEach(() => remote?.close());
  afterAll(async () => {
    await server?.dispose();
    await rm(local, { recursive: true, force: true });
  });

  async function submit(name: string, planOptions: Record<string, unknown> = PLAN): Promise<RemoteRunRecord> {
    remote = remoteHostFor(server);
    store = new RunStore(path.join(local, 'runs'));
    const { workflow } = await diamondCopy(path.join(local, name), name);
    return submitWorkflow({ workflowFile: workflow, planOptions, host: { host: server.host, port: server.port, user: server.user } }, { host: remote, store });
  }

  it('uploads the diamond with its input, plans it, watches it to success, and fetches the outputs', async () => {
    const record = await submit('diamond-bare');
    expect(record.stage).toBe('watch');
    expect(record.upload.verified).toBe(true);
    expect(record.upload.files.map((file) => file.remote).sort()).toEqual(['inputs/f.a', 'replicas.yml', 'sites.yml', 'transformations.yml', 'workflow.yml']);
    expect(record.submitDir).toBe(`${record.remoteDir}/submit/${server.user}/pegasus/diamond-bare/run0001`);
    // The uploaded replica catalog points at the uploaded input, which arrived intact.
    const replicas = (await remote.sftp.readFile(`${record.remoteDir}/replicas.yml`)).toString();
    expect(replicas).toContain(`pfn: file://${record.remoteDir}/inputs/f.a`);
    expect((await remote.sftp.readFile(`${record.remoteDir}/inputs/f.a`)).toString()).toBe('input of diamond-bare\n');
    // The run is remembered on disk.
    expect((await new RunStore(store.dir).load(record.id)).submitDir).toBe(record.submitDir);

    const updates: RunUpdate[] = [];
    const done = await watchRun(remote, record, { store, intervalMs: 10, onUpdate: (update) => updates.push(structuredClone(update)) });
    expect(done.state).toBe('succeeded');
    const percents = updates.map((update) => update.progress.percentDone);
    expect(percents.at(-1)).toBe(100);
    expect([...percents].sort((a, b) => a - b)).toEqual(percents);
    // Each canvas job was seen queued, then running, then done.
    const seen = (jobId: string): string[] => [...new Set(updates.map((update) => Object.values(update.record.jobs).find((job) => job.jobId === jobId)?.state).filter(Boolean))] as string[];
    for (const jobId of DIAMOND_JOBS) expect(seen(jobId), jobId).toEqual(['queued', 'running', 'succeeded']);
    expect(Object.keys(done.jobs)).toHaveLength(7);

    const statistics = await statisticsOfRun(remote, done);
    expect(statistics.summary.rows.find((row) => row.type === 'Jobs')).toMatchObject({ succeeded: 7, failed: 0, total: 7 });
    expect(statistics.runtimes).toHaveLength(7);
    expect(statistics.runtimes.every((runtime) => runtime.runtime > 0)).toBe(true);

    const outputs = path.join(local, 'outputs-bare');
    expect(await fetchOutputs(remote, done, outputs)).toEqual(['f.b1', 'f.b2', 'f.c1', 'f.c2', 'f.d']);
    expect(await readFile(path.join(outputs, 'f.d'), 'utf8')).toContain('f.d written by job analyze');
  });

  it('reads jobstate.log every poll and pegasus-status only every few, saving the record with pegasus-status', async () => {
    const record = await submit('diamond-cadence');
    // A clock the watch's sleeps move: pegasus-status every third poll, deterministically.
    let clock = Date.parse('2026-11-25T00:00:00Z');
    const now = (): Date => new Date(clock);
    let saves = 0;
    const counting = Object.create(store) as RunStore;
    counting.save = async (r) => {
      saves++;
      return store.save(r);
    };
    const updates: RunUpdate[] = [];
    const done = await watchRun(remote, record, {
      store: counting,
      intervalMs: 10,
      statusIntervalMs: 30,
      now,
      sleep: async (ms) => {
        clock += ms;
      },
      onUpdate: (update) => updates.push(structuredClone(update)),
    });
    expect(done.state).toBe('succeeded');
    // Polls between two reads of pegasus-status changed the record without writing it.
    expect(updates.some((update) => update.unsaved)).toBe(true);
    expect(saves).toBeLessThan(updates.length);
    expect(updates.at(-1)!.unsaved).toBeUndefined();
    expect((await new RunStore(store.dir).load(record.id)).state).toBe('succeeded');
    const seen = (jobId: string): string[] => [...new Set(updates.map((update) => Object.values(update.record.jobs).find((job) => job.jobId === jobId)?.state).filter(Boolean))] as string[];
    for (const jobId of DIAMOND_JOBS) expect(seen(jobId), jobId).toEqual(['queued', 'running', 'succeeded']);
  });

  it('a failing run ends failed; the analyzer brings the failed job\'s exit code and stderr; rerun resubmits it to success', async () => {
    const record = await submit('diamond-fail');
    const failed = await watchRun(remote, record, { store, intervalMs: 10 });
    expect(failed.state).toBe('failed');
    const failedJob = Object.values(failed.jobs).find((job) => job.state === 'failed');
    expect(failedJob).toMatchObject({ jobId: 'analyze', exitCode: 2 });

    const analysis = await analyzeRun(remote, failed);
    expect(analysis.jobs).toHaveLength(1);
    expect(analysis.jobs[0]).toMatchObject({ name: 'analyze_analyze', jobId: 'analyze', kind: 'failed', state: 'POST_SCRIPT_FAILURE', exitCode: 2 });
    expect(analysis.jobs[0]?.stderr).toBe("/bin/ls: invalid option -- 'z'\nTry '/bin/ls --help' for more information.\n");
    expect(analysis.report.workflows[0]).toMatchObject({ status: 'failure', failed: 1, succeeded: 4 });

    const resubmitted = await rerunRun(remote, failed, store);
    expect(resubmitted.state).toBe('running');
    const finished = await watchRun(remote, resubmitted, { store, intervalMs: 10 });
    expect(finished.state).toBe('succeeded');
    expect(finished.reruns).toBe(1);
    expect(Object.values(finished.jobs).find((job) => job.jobId === 'analyze')).toMatchObject({ state: 'succeeded', tries: 2 });
  });

  it('a held run shows the held job with its reason; remove stops it, and removing again is the condor_rm failure', async () => {
    const record = await submit('diamond-held');
    const controller = new AbortController();
    let held: RemoteRunRecord | undefined;
    await watchRun(remote, record, {
      store,
      intervalMs: 10,
      signal: controller.signal,
      onUpdate: (update) => {
        if (Object.values(update.record.jobs).some((job) => job.state === 'held')) {
          held = structuredClone(update.record);
          controller.abort();
        }
      },
    });
    expect(held?.state).toBe('running');
    const heldJob = Object.values(held?.jobs ?? {}).find((job) => job.state === 'held');
    expect(heldJob?.jobId).toBe('findrange_1');
    expect(heldJob?.holdReason).toMatch(/^Error from slot1@corbusier\.isi\.edu: STARTER at 128\.9\.64\.188 failed to send file\(s\)/);
    const analysis = await analyzeRun(remote, record);
    expect(analysis.jobs).toMatchObject([{ kind: 'held', jobId: 'findrange_1' }]);

    expect(await removeRun(remote, record, store)).toBe('All jobs in cluster 3793 have been marked for removal');
    const after = await pollRun(remote, record, store);
    expect(after.record.state).toBe('cancelled');
    await expect(removeRun(remote, record, store)).rejects.toMatchObject({ code: 'TOOL_FAILED', message: expect.stringContaining('condor_rm failed (exit 42)') });
  });

  it('a plan the planner refuses fails with its message and the record says so', async () => {
    await expect(submit('diamond-badsite', { sites: ['nowhere'] })).rejects.toMatchObject({
      code: 'TOOL_FAILED',
      message: expect.stringContaining('Site nowhere not found in the site catalog'),
    });
    const [record] = (await store.list()).filter((entry) => entry.workflow.name === 'diamond-badsite');
    expect(record).toMatchObject({ state: 'failed', stage: 'plan' });
    expect(record?.error).toContain('pegasus-plan exited with code 1');
  });

  it('garbage from pegasus-status is reported with what was expected, not crashed on', async () => {
    const record = await submit('diamond-garbage');
    const errors: string[] = [];
    await expect(watchRun(remote, record, { store, intervalMs: 5, maxFailures: 3, onError: (error) => errors.push(error.message) })).rejects.toMatchObject({
      code: 'BAD_OUTPUT',
      message: expect.stringMatching(/^pegasus-status: expected the JSON object pegasus-status -j prints/),
    });
    expect(errors).toHaveLength(2);
    expect((await store.load(record.id)).error).toMatch(/got: STAT IN_STATE JOB Run 05:08 level-3-0/);
  });
});
