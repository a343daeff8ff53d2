/**
 * The pieces between the remote services and the page: the prompt broker (one answer per
 * question, cancel closes every question), the run summary a record becomes (canvas job
 * states and DAGMan's counts), and the page's session store applying events and painting
 * the canvas from the run on show.
 */
import { describe, expect, it } from 'vitest';
import type { AppEvent, RunSummary } from '../../../src/shared/ipc-events';
import { REMOTE_RUN_FORMAT, type RemoteRunRecord } from '../../../src/shared/run/remote-run';
import { emptyCounts } from '../../../src/shared/run/run-state';
import { PromptBroker } from '../../../src/main/services/remote-session/prompt-broker';
import { runSummary } from '../../../src/main/services/remote-session/run-summary';
import { applyEvent, sessionStore, showRun } from '../../../src/renderer/store/session';
import { runStatesStore } from '../../../src/renderer/store/run-states-store';

describe('PromptBroker', () => {
  it('sends each question as an event, resolves it once, and closes it', async () => {
    const events: AppEvent[] = [];
    const broker = new PromptBroker((event) => events.push(event));
    const asked = broker.ask({ kind: 'passphrase', title: 'u@h:22', fields: [{ text: 'Enter passphrase:', secret: true }] });
    const prompt = events[0];
    expect(prompt?.type).toBe('prompt');
    const id = prompt?.type === 'prompt' ? prompt.prompt.id : '';
    expect(broker.requests().map((r) => r.id)).toEqual([id]);
    expect(broker.answer(id, { answers: ['secret'] })).toBe(true);
    expect(broker.requests()).toEqual([]);
    expect(broker.answer(id, { answers: ['again'] })).toBe(false);
    expect(await asked).toEqual({ answers: ['secret'] });
    expect(events[1]).toEqual({ type: 'prompt.closed', id });
    expect(broker.answer('no-such-id', { trust: true })).toBe(false);
  });

  it('turns a cancel into undefined and cancels every waiting question on disconnect', async () => {
    const events: AppEvent[] = [];
    const broker = new PromptBroker((event) => events.push(event));
    const first = broker.ask({ kind: 'hostKey', title: 'h:22', fields: [], fingerprint: 'SHA256:abc' });
    const second = broker.ask({ kind: 'terminal', title: 'htcondor', fields: [{ text: 'Passcode or option (1-2): ', secret: false }] });
    const firstId = events[0]?.type === 'prompt' ? events[0].prompt.id : '';
    broker.answer(firstId, { cancel: true, trust: true });
    expect(await first).toBeUndefined();
    expect(broker.waiting).toBe(1);
    broker.cancelAll();
    expect(await second).toBeUndefined();
    expect(broker.waiting).toBe(0);
    expect(events.filter((e) => e.type === 'prompt.closed')).toHaveLength(2);
  });
});

function record(): RemoteRunRecord {
  return {
    format: REMOTE_RUN_FORMAT,
    id: 'diamond-20261125T010000Z-abcdef',
    createdAt: '2026-11-25T01:00:00.000Z',
    updatedAt: '2026-11-25T01:00:05.000Z',
    host: { host: 'login.access.example', port: 22, user: 'alice' },
    workflow: { name: 'diamond', file: '/work/diamond/workflow.yml', jobIds: ['preprocess', 'findrange_1', 'findrange_2', 'analyze'] },
    remoteDir: '/home/alice/pegasus-canvas/runs/diamond-20261125T010000Z-abcdef',
    planOptions: {},
    stage: 'watch',
    state: 'running',
    upload: { files: [], verified: true },
    jobstateOffset: 0,
    jobs: {
      create_dir_diamond_0_condorpool: { state: 'succeeded', tries: 1 },
      preprocess_preprocess: { state: 'succeeded', tries: 1, jobId: 'preprocess' },
      findrange_findrange_1: { state: 'running', tries: 1, jobId: 'findrange_1' },
      findrange_findrange_2: { state: 'held', tries: 1, jobId: 'findrange_2', holdReason: 'disk quota' },
    },
    status: { totals: { unready: 2, ready: 0, pre: 0, queued: 2, post: 0, succeeded: 2, failed: 0, percentDone: 28.57, total: 7 }, dagState: 'Running', at: '2026-11-25T01:00:05.000Z' },
    reruns: 0,
    removed: false,
  } as RemoteRunRecord;
}

describe('runSummary', () => {
  it('gives each canvas job its state (unready until reached) and DAGMan’s counts', () => {
    const summary = runSummary(record(), 'connection lost; retrying');
    expect(summary.jobStates).toEqual({ preprocess: 'succeeded', findrange_1: 'running', findrange_2: 'held', analyze: 'unready' });
    expect(summary).toMatchObject({ total: 7, percentDone: 28.57, host: 'alice@login.access.example:22', state: 'running', watchError: 'connection lost; retrying' });
    expect(summary.counts).toMatchObject({ succeeded: 2, running: 1, held: 1 });
  });
});

describe('the page’s session store', () => {
  const run = (state: RunSummary['state'], jobStates: RunSummary['jobStates']): RunSummary => ({
    id: 'r1',
    workflowName: 'diamond',
    workflowFile: '/w/workflow.yml',
    host: 'h:22',
    state,
    stage: 'watch',
    jobStates,
    counts: emptyCounts(),
    total: 7,
    percentDone: 0,
    createdAt: '2026-11-25T01:00:00.000Z',
    updatedAt: '2026-11-25T01:00:00.000Z',
  });

  it('keeps questions in order, closes answered ones, and follows the connection', () => {
    applyEvent({ type: 'prompt', prompt: { id: 'a', kind: 'hostKey', title: 'h:22', fields: [] } });
    applyEvent({ type: 'prompt', prompt: { id: 'b', kind: 'password', title: 'h:22', fields: [{ text: 'pw', secret: true }] } });
    expect(sessionStore.getState().prompts.map((p) => p.id)).toEqual(['a', 'b']);
    applyEvent({ type: 'prompt.closed', id: 'a' });
    expect(sessionStore.getState().prompts.map((p) => p.id)).toEqual(['b']);
    applyEvent({ type: 'connection.state', status: { profile: 'p', label: 'u@h:22', state: 'ready' } });
    expect(sessionStore.getState().connection.state).toBe('ready');
    applyEvent({ type: 'annex.line', line: 'Requesting annex…' });
    expect(sessionStore.getState().annexLines.at(-1)).toBe('Requesting annex…');
  });

  it('paints the canvas from the run on show and follows its updates; other runs leave it alone', () => {
    applyEvent({ type: 'run.update', run: run('running', { preprocess: 'running' }) });
    expect(runStatesStore.getState().source).toBeNull();
    showRun('r1');
    expect(runStatesStore.getState().jobs.get('preprocess')).toBe('running');
    applyEvent({ type: 'run.update', run: run('succeeded', { preprocess: 'succeeded' }) });
    expect(runStatesStore.getState().jobs.get('preprocess')).toBe('succeeded');
    expect(runStatesStore.getState().runState).toBe('succeeded');
    applyEvent({ type: 'run.update', run: { ...run('failed', { preprocess: 'failed' }), id: 'r2' } });
    expect(runStatesStore.getState().jobs.get('preprocess')).toBe('succeeded');
    showRun(null);
    expect(runStatesStore.getState().source).toBeNull();
  });
});
