import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { buildPlanCommand, parsePlanOutput, type PlanOptions } from '../../../shared/remote/pegasus-plan';
import { buildHomeCommand, parseHomeOutput } from '../../../shared/remote/pegasus-run-folder';
import { REMOTE_RUN_FORMAT, type RemoteHostRef, type RemoteRunRecord } from '../../../shared/run/remote-run';
import { prepareRunFolder, workflowNameOf, type RunFolderOptions } from './run-folder';
import type { RunStore } from './run-store';
import { parsed, runTool, toolFailure } from './run-tool';
import type { SubmitHost } from './submit-host';
import { uploadRunFolder, type UploadHooks, type UploadResult } from './upload';

export interface SubmitRequest {
  workflowFile: string;
  catalogs?: RunFolderOptions;
  planOptions: PlanOptions;
  host: RemoteHostRef;
  /** Folder on the host that holds run folders; default `<home>/pegasus-canvas/runs`. */
  remoteBase?: string;
}

export interface SubmitDeps {
  host: SubmitHost;
  store: RunStore;
  now?: () => Date;
  /** Progress of the steps, for a status line. */
  onStep?: (step: 'upload' | 'plan', record: RemoteRunRecord) => void;
  uploadHooks?: UploadHooks;
}

/**
 * Submits a workflow: creates its run record, uploads the run folder, runs pegasus-plan with
 * `--submit --json` there and records the submit directory. The record is saved after each
 * step, so an interrupted submission can be resumed with {@link resumeSubmission}.
 */
export async function submitWorkflow(request: SubmitRequest, deps: SubmitDeps): Promise<RemoteRunRecord> {
  const now = deps.now ?? (() => new Date());
  const base = request.remoteBase ?? `${parsed(parseHomeOutput((await deps.host.exec(buildHomeCommand())).stdout))}/pegasus-canvas/runs`;
  const stamp = now().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const label = (await workflowNameOf(request.workflowFile)).replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_').slice(0, 60);
  const id = `${label}-${stamp}-${randomBytes(3).toString('hex')}`;
  const remoteDir = `${base.replace(/\/+$/, '')}/${id}`;
  const folder = await prepareRunFolder(request.workflowFile, remoteDir, path.join(deps.store.dir, id), request.catalogs);
  const planOptions: PlanOptions = { ...request.planOptions };
  const sendsHome = planOptions.outputSites === undefined || (planOptions.outputSites.length === 1 && planOptions.outputSites[0] === 'local');
  if (planOptions.outputDir === undefined && sendsHome) planOptions.outputDir = `${remoteDir}/outputs`;
  const record: RemoteRunRecord = {
    format: REMOTE_RUN_FORMAT,
    id,
    createdAt: now().toISOString(),
    updatedAt: now().toISOString(),
    host: request.host,
    workflow: { name: folder.workflowName, file: path.resolve(request.workflowFile), jobIds: folder.jobIds },
    remoteDir,
    planOptions,
    stage: 'upload',
    state: 'created',
    upload: { files: folder.files.map((file) => ({ local: file.local, remote: file.remote, size: 0, sha256: '', ...(file.mode === undefined ? {} : { mode: file.mode }) })), verified: false },
    ...(planOptions.outputDir === undefined ? {} : { outputDir: planOptions.outputDir }),
    jobstateOffset: 0,
    jobs: {},
    reruns: 0,
    removed: false,
  };
  await deps.store.save(record);
  return resumeSubmission(record, deps);
}

/**
 * Carries a submission on from where its record says it stopped: the upload (sending only what
 * is not on the host yet) and then planning. A record already past planning is returned as is.
 */
export async function resumeSubmission(record: RemoteRunRecord, deps: SubmitDeps): Promise<RemoteRunRecord & { lastUpload?: UploadResult }> {
  const now = deps.now ?? (() => new Date());
  const save = async (): Promise<void> => {
    record.updatedAt = now().toISOString();
    await deps.store.save(record);
  };
  let lastUpload: UploadResult | undefined;
  if (record.stage === 'upload') {
    deps.onStep?.('upload', record);
    lastUpload = await uploadRunFolder(deps.host, record.remoteDir, record.upload.files, deps.uploadHooks);
    record.upload = { files: lastUpload.files, verified: true };
    record.stage = 'plan';
    await save();
  }
  if (record.stage === 'plan') {
    deps.onStep?.('plan', record);
    const argv = buildPlanCommand({ ...record.planOptions, dir: `${record.remoteDir}/submit`, workflowFile: 'workflow.yml', submit: true });
    const result = await runTool(deps.host, argv, { cwd: record.remoteDir });
    if (result.exitCode !== 0) {
      const failure = toolFailure(argv, result);
      record.state = 'failed';
      record.error = failure.message;
      await save();
      throw failure;
    }
    const plan = parsed(parsePlanOutput(result.stdout));
    record.submitDir = plan.submitDir;
    if (plan.dag !== undefined) record.dag = plan.dag;
    if (plan.wfUuid !== undefined) record.wfUuid = plan.wfUuid;
    record.stage = 'watch';
    record.state = 'running';
    delete record.error;
    await save();
  }
  return lastUpload ? { ...record, lastUpload } : record;
}
