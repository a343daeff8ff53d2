// The SubmitService the app's handlers use, against the real sshd with the stand-in tools:
// events for the canvas, remove through the service, and an app restart that picks up the
// runs its records say are unfinished.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RemoteHost } from '../../../src/main/services/ssh';
import { RunStore } from '../../../src/main/services/submit/run-store';
import { SubmitService, type RunEvent } from '../../../src/main/services/submit/submit-service';
import { remoteHostFor } from '../support/remote';
import { accessHostBinDir, startSshd, type SshdServer } from '../support/sshd';
import { DIAMOND_JOBS, diamondCopy } from './access-host';

function until(events: RunEvent[], service: SubmitService, test: (event: RunEvent) => boolean): Promise<RunEvent> {
  return new Promise((resolve) => {
    const found = events.find(test);
    if (found) return resolve(found);
    const off = service.subscribe((event) => {
      if (test(event)) {
        off();
        resolve(event);
      }
    });
  });
}

describe('SubmitService (real sshd)', () => {
  let server: SshdServer;
  let local: string;

  beforeAll(async () => {
    server = await startSshd({ pathPrepend: [accessHostBinDir()] });
    local = await mkdtemp(path.join(tmpdir(), 'pcanvas-submit-service-'));
  });
  afterAll(async () => {
    await server?.dispose();
    await rm(local, { recursive: true, force: true });
  });

  const serviceFor = (store: RunStore): SubmitService => new SubmitService({ store, connect: async () => remoteHostFor(server), intervalMs: 10 });
  const hostRef = () => ({ host: server.host, port: server.port, user: server.user });

  it('paints a held job from update events and ends the run with remove; a closed connection is replaced', async () => {
    const opened: RemoteHost[] = [];
    const service = new SubmitService({
      store: new RunStore(path.join(local, 'runs-held')),
      connect: async () => {
        const host = remoteHostFor(server);
        opened.push(host);
        return host;
      },
      intervalMs: 10,
    });
    const events: RunEvent[] = [];
    service.subscribe((event) => events.push(structuredClone(event)));
    try {
      const { workflow } = await diamondCopy(path.join(local, 'held'), 'diamond-held');
      const record = await service.submit({ workflowFile: workflow, planOptions: { sites: ['condorpool'] }, host: hostRef() });
      const held = await until(events, service, (event) => event.kind === 'update' && Object.values(event.update.record.jobs).some((job) => job.state === 'held'));
      expect(held.kind === 'update' && held.update.progress.counts.held).toBe(1);
      expect(await service.remove(record.id)).toContain('have been marked for removal');
      const ended = await until(events, service, (event) => event.kind === 'ended');
      expect(ended.kind === 'ended' && ended.record.state).toBe('cancelled');
      expect((await service.get(record.id)).removed).toBe(true);
      expect(opened).toHaveLength(1);

      opened[0]!.close();
      const analysis = await service.analyze(record.id);
      expect(analysis.jobs.map((job) => job.kind)).toEqual(['held']);
      expect(opened).toHaveLength(2);
    } finally {
      await service.close();
    }
  });

  it('after a restart, resumeAll goes on watching an unfinished run to its end', async () => {
    const store = new RunStore(path.join(local, 'runs-restart'));
    const first = serviceFor(store);
    const { workflow } = await diamondCopy(path.join(local, 'restart'), 'diamond-restart');
    const events: RunEvent[] = [];
    first.subscribe((event) => events.push(event));
    const record = await first.submit({ workflowFile: workflow, planOptions: { sites: ['condorpool'] }, host: hostRef() });
    await until(events, first, (event) => event.kind === 'update' && event.update.progress.percentDone > 20);
    await first.close();
    const saved = await store.load(record.id);
    expect(saved.state).toBe('running');

    const second = serviceFor(new RunStore(store.dir));
    try {
      const later: RunEvent[] = [];
      second.subscribe((event) => later.push(event));
      const picked = await second.resumeAll();
      expect(picked.map((run) => run.id)).toEqual([record.id]);
      const ended = await until(later, second, (event) => event.kind === 'ended');
      expect(ended.kind === 'ended' && ended.record.state).toBe('succeeded');
      if (ended.kind === 'ended') {
        for (const jobId of DIAMOND_JOBS) expect(Object.values(ended.record.jobs).find((job) => job.jobId === jobId)?.state).toBe('succeeded');
      }
      // A finished run is not picked up again.
      expect(await second.resumeAll()).toEqual([]);
    } finally {
      await second.close();
    }
  });
});
