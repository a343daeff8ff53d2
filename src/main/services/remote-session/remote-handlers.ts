// The remote channels of the handler table (ipc-remote.ts), each a call into the RemoteSession.
// Failures the user must read (not connected, a refused login, a tool's error) become
// `IO_ERROR` answers with the message; programming errors stay `INTERNAL`.
import path from 'node:path';
import type { IpcRequest, IpcValue } from '../../../shared/ipc';
import type { RemoteIpcValues } from '../../../shared/ipc-remote';
import type { PlanOptions } from '../../../shared/remote/pegasus-plan';
import type { PathGuard } from '../workspace/path-guard';
import { ServiceError } from '../workspace/service-error';
import type { RemoteSession } from './remote-session';

type RemoteChannel = keyof RemoteIpcValues;

export type RemoteHandlerTable = { [C in RemoteChannel]: (request: IpcRequest<C>) => Promise<IpcValue<C>> };

/** Errors a user can act on carry a message meant for them; bugs (TypeError…) do not. */
function userFacing(error: unknown): boolean {
  return error instanceof Error && !(error instanceof TypeError) && !(error instanceof ReferenceError) && !(error instanceof RangeError) && !(error instanceof SyntaxError);
}

function guarded<A, R>(call: (request: A) => Promise<R>): (request: A) => Promise<R> {
  return async (request) => {
    try {
      return await call(request);
    } catch (error) {
      if (error instanceof ServiceError || !userFacing(error)) throw error;
      throw new ServiceError('IO_ERROR', (error as Error).message);
    }
  };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The remote handlers; without a session (not configured) every channel answers `NOT_AVAILABLE`. */
export function createRemoteHandlers(session: RemoteSession | undefined, guard: PathGuard): RemoteHandlerTable {
  const need = (): RemoteSession => {
    if (!session) throw new ServiceError('NOT_AVAILABLE', 'Remote connections are not available in this window.');
    return session;
  };
  return {
    'remote.profiles': guarded(async () => need().profilesValue()),
    'remote.saveProfile': guarded(async ({ profile }) => need().saveProfile(stripUndefined(profile))),
    'remote.removeProfile': guarded(async ({ name }) => need().removeProfile(name)),
    'remote.connect': guarded(async ({ name }) => need().connect(name)),
    'remote.disconnect': guarded(async () => need().disconnect()),
    'prompt.answer': guarded(async ({ id, ...answer }) => {
      need().answer(id, stripUndefined(answer));
      return {};
    }),

    'run.submit': guarded(async ({ workflowFile, planOptions }) => {
      const remote = need();
      // Browser mode: only a file the page may read is sent (the guard names the folders).
      await guard.check(workflowFile, 'read');
      return remote.submitWorkflow(workflowFile, stripUndefined(planOptions) as PlanOptions);
    }),
    'run.list': guarded(async () => need().runs()),
    'run.analyze': guarded(async ({ runId }) => need().analyze(runId)),
    'run.remove': guarded(async ({ runId }) => ({ message: await need().remove(runId) })),
    'run.rerun': guarded(async ({ runId }) => need().rerun(runId)),
    'run.statistics': guarded(async ({ runId }) => need().statistics(runId)),
    'run.fetch': guarded(async ({ runId, localDir }) => {
      const remote = need();
      const workflowFile = (await remote.submit.get(runId)).workflow.file;
      // Beside the workflow the user opened (granted in Electron), and inside the roots in browser mode.
      const folder = localDir ?? path.join(path.dirname(workflowFile), `outputs-${runId}`);
      if (localDir === undefined) await guard.check(workflowFile, 'read');
      if (localDir !== undefined || guard.roots.length > 0) await guard.check(folder, 'write');
      return { folder, files: await remote.fetch(runId, folder) };
    }),

    'annex.systems': guarded(async () => need().systems()),
    'annex.whoami': guarded(async () => ({ username: await need().whoami() })),
    'annex.queuedJobs': guarded(async ({ name }) => ({ queued: await need().queuedJobs(name) })),
    'annex.create': guarded(async ({ request }) => need().createAnnex(stripUndefined(request))),
    'annex.status': guarded(async ({ name }) => need().annexStatus(name)),
    'annex.shutdown': guarded(async ({ name }) => ({ lines: await need().shutdownAnnex(name) })),
    'annex.ensureKey': guarded(async () => ({ publicKey: await need().ensureAnnexKey() })),
    'annex.addHostEntries': guarded(async ({ entries }) => {
      const outcome = await need().addHostEntries(entries);
      return outcome.ok ? { ok: true, added: outcome.added, alreadyThere: outcome.alreadyThere, ...(outcome.backup ? { backup: outcome.backup } : {}) } : { ok: false, message: outcome.message };
    }),

    'jetstream.credentials': guarded(async () => need().jetstreamCredentials()),
    'jetstream.token': guarded(async () => ({ token: await need().jetstreamToken() })),
    'jetstream.bootScript': guarded(async ({ script }) => need().bootScript(script)),
    'jetstream.machines': guarded(async () => ({ slots: await need().machines() })),
  };
}
