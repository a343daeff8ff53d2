// Faults during a submission against the real sshd: the server killed mid-upload (the upload
// resumes without re-sending what arrived) and mid-watch (the watch resumes, also from a
// fresh process that only has the run record on disk).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RemoteHost } from '../../../src/main/services/ssh';
import { pollRun, watchRun } from '../../../src/main/services/submit/monitor';
import { RunStore } from '../../../src/main/services/submit/run-store';
import { resumeSubmission, submitWorkflow } from '../../../src/main/services/submit/submit-run';
import { remoteHostFor } from '../support/remote';
import { accessHostBinDir, startSshd, type SshdServer } from '../support/sshd';
import { DIAMOND_JOBS, diamondCopy } from './access-host';

describe('submission faults (real sshd)', () => {
  let server: SshdServer;
  const remotes: RemoteHost[] = [];
  let local: string;

  beforeAll(async () => {
    server = await startSshd({ pathPrepend: [accessHostBinDir()] });
    local = await mkdtemp(path.join(tmpdir(), 'pcanvas-submit-faults-'));
  });
  afterEach(() => {
    for (const remote of remotes.splice(0)) remote.close();
  });
  afterAll(async () => {
    await server?.dispose();
    await rm(local, { recursive: true, force: true });
  });

  let down = false;
  async function kill(): Promise<void> {
    down = true;
    await server.kill();
  }
  async function restart(): Promise<void> {
    await server.restart();
    down = false;
  }
  afterEach(async () => {
    if (down) await restart();
  });

  function connect(): RemoteHost {
    const remote = remoteHostFor(server);
    remotes.push(remote);
    return remote;
  }

  it('an upload cut by a killed server resumes after restart without re-sending the files that arrived', async () => {
    const { workflow, input } = await diamondCopy(path.join(local, 'upload'), 'diamond-upload');
    // A large input, so that the server dies while it is on the wire.
    await writeFile(input, randomBytes(24 * 1024 * 1024));
    const store = new RunStore(path.join(local, 'runs-upload'));
    const remote = connect();
    const arrived: string[] = [];
    const submission = submitWorkflow(
      { workflowFile: workflow, planOptions: { sites: ['condorpool'] }, host: { host: server.host, port: server.port, user: server.user } },
      {
        host: remote,
        store,
        uploadHooks: {
          onFileSent: (file) => {
            arrived.push(file.remote);
          },
          onProgress: (file, transferred) => {
            if (file.remote === 'inputs/f.a' && transferred > 0 && !down) void kill();
          },
        },
      },
    );
    await expect(submission).rejects.toMatchObject({ code: 'CONNECTION_LOST' });
    expect(arrived).toEqual(['workflow.yml', 'sites.yml']);

    await restart();
    const [record] = await store.list();
    expect(record).toMatchObject({ stage: 'upload', state: 'created' });
    const resumed = await resumeSubmission(record!, { host: connect(), store });
    expect(resumed.lastUpload?.skipped).toEqual(['workflow.yml', 'sites.yml']);
    expect(resumed.lastUpload?.sent).toEqual(['inputs/f.a', 'replicas.yml', 'transformations.yml']);
    expect(resumed.upload.verified).toBe(true);
    expect(resumed.stage).toBe('watch');
    expect(resumed.submitDir).toMatch(/\/submit\/.+\/pegasus\/diamond-upload\/run0001$/);
  });

  it('a watch survives the server being killed, and a new process resumes it from the record on disk', async () => {
    const { workflow } = await diamondCopy(path.join(local, 'watch'), 'diamond-watch');
    const store = new RunStore(path.join(local, 'runs-watch'));
    const record = await submitWorkflow(
      { workflowFile: workflow, planOptions: { sites: ['condorpool'] }, host: { host: server.host, port: server.port, user: server.user } },
      { host: connect(), store },
    );
    const first = remotes[0]!;
    // First watch: the server dies after the third poll; it comes back a moment later.
    const errors: string[] = [];
    let polls = 0;
    let restarted: Promise<void> | undefined;
    const controller = new AbortController();
    await watchRun(first, record, {
      store,
      intervalMs: 10,
      maxBackoffMs: 200,
      signal: controller.signal,
      onError: (error) => errors.push(error.message),
      onUpdate: () => {
        polls += 1;
        if (polls === 3) restarted = kill().then(() => new Promise((resolve) => setTimeout(resolve, 300))).then(() => restart());
        // Stop this "app" once it has polled again after the restart.
        if (polls === 5) controller.abort();
      },
    });
    await restarted;
    expect(polls).toBe(5);
    const saved = await store.load(record.id);
    expect(saved.state).toBe('running');
    expect(saved.jobstateOffset).toBeGreaterThan(0);

    // "App restart": a new store object, a new connection, only the record id.
    const reopened = await new RunStore(store.dir).load(record.id);
    const done = await watchRun(connect(), reopened, { store: new RunStore(store.dir), intervalMs: 10 });
    expect(done.state).toBe('succeeded');
    for (const jobId of DIAMOND_JOBS) expect(Object.values(done.jobs).find((job) => job.jobId === jobId)?.state, jobId).toBe('succeeded');
    // The log was read on from the saved offset, never twice: each node submitted once.
    expect(Object.values(done.jobs).every((job) => job.tries === 1)).toBe(true);
    const size = Number((await connect().exec(['stat', '-c', '%s', '--', `${done.submitDir}/jobstate.log`])).stdout.trim());
    expect(done.jobstateOffset).toBe(size);
    // A poll of a finished run changes nothing.
    expect((await pollRun(remotes.at(-2)!, done, store)).record.state).toBe('succeeded');
  });

  it('a jobstate.log rotated on the host (monitord started again) is read again from its start', async () => {
    const { workflow } = await diamondCopy(path.join(local, 'rotate'), 'diamond-rotate');
    const store = new RunStore(path.join(local, 'runs-rotate'));
    const remote = connect();
    const record = await submitWorkflow(
      { workflowFile: workflow, planOptions: { sites: ['condorpool'] }, host: { host: server.host, port: server.port, user: server.user } },
      { host: remote, store },
    );
    const done = await watchRun(remote, record, { store, intervalMs: 10 });
    expect(done.jobstateOffset).toBeGreaterThan(100);
    const log = `${done.submitDir}/jobstate.log`;
    expect((await remote.exec(['mv', '--', log, `${log}.000`])).exitCode).toBe(0);
    await remote.sftp.writeFile(log, '1764009999 analyze_analyze SUBMIT 4000.0 condorpool - 5\n');
    const after = await pollRun(remote, done, store);
    expect(after.record.jobstateOffset).toBe(Buffer.byteLength('1764009999 analyze_analyze SUBMIT 4000.0 condorpool - 5\n'));
    expect(after.record.jobs.analyze_analyze).toMatchObject({ state: 'queued', tries: 2 });
    expect(after.record.jobs.preprocess_preprocess?.state).toBe('succeeded');
  });
});
