import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildJobstateTailCommand, foldJobstate, parseJobstateChunk, parseJobstateTail, type NodeHistory } from '../../../src/shared/remote/jobstate-log';
import { sharedPath } from '../../support/shared-path';

const recorded = readFileSync(sharedPath('pegasus-samples', 'submit-dirs', 'hierarchical_wf_success', 'jobstate.log'), 'utf8');

describe('jobstate.log', () => {
  it('parses the recorded log: every node done but the last, whose POST script was still running', () => {
    const chunk = parseJobstateChunk(recorded);
    expect(chunk.consumedBytes).toBe(Buffer.byteLength(recorded));
    expect(chunk.events[0]).toEqual({ time: 1677920471, job: 'create_dir_hierarchical-workflow_0_local', event: 'SUBMIT', detail: '41.0', site: 'local' });
    const nodes = foldJobstate(new Map<string, NodeHistory>(), chunk.events);
    expect(nodes.size).toBeGreaterThan(2);
    for (const [name, node] of nodes) expect(node.state, name).toBe(name === 'stage_out_local_local_2_0' ? 'running' : 'done');
    // A sub-workflow node has no POST script: JOB_SUCCESS ends it.
    expect(nodes.get('pegasus-plan_diamond_subworkflow')?.state).toBe('done');
    const createDir = nodes.get('create_dir_hierarchical-workflow_0_local');
    expect(createDir).toMatchObject({ executeAt: 1677920475, terminatedAt: 1677920478, exitCode: 0, tries: 1, site: 'local' });
  });

  it('reads only whole lines, so a chunk cut mid-line is finished by the next read', () => {
    const cut = recorded.indexOf('\n', 300) + 20;
    const first = parseJobstateChunk(recorded.slice(0, cut));
    const second = parseJobstateChunk(recorded.slice(first.consumedBytes));
    const whole = parseJobstateChunk(recorded);
    expect([...first.events, ...second.events]).toEqual(whole.events);
  });

  it('folds the events of the first 12 recorded lines into queued, running and done nodes as they happen', () => {
    const lines = recorded.split('\n');
    const nodes = foldJobstate(new Map(), parseJobstateChunk(`${lines.slice(0, 4).join('\n')}\n`).events);
    expect(nodes.get('create_dir_hierarchical-workflow_0_local')?.state).toBe('queued');
    foldJobstate(nodes, parseJobstateChunk(`${lines.slice(4, 7).join('\n')}\n`).events);
    expect(nodes.get('create_dir_hierarchical-workflow_0_local')?.state).toBe('running');
  });

  it('turns failures into failed and a later SUBMIT (a retry) back into queued', () => {
    const log = ['1 j1 SUBMIT 1.0 local - 1', '2 j1 EXECUTE 1.0 local - 1', '3 j1 JOB_TERMINATED 1.0 local - 1', '4 j1 JOB_FAILURE 2 local - 1', '5 j1 POST_SCRIPT_FAILURE 1 local - 1'];
    const nodes = foldJobstate(new Map(), parseJobstateChunk(`${log.join('\n')}\n`).events);
    expect(nodes.get('j1')).toMatchObject({ state: 'failed', exitCode: 2, tries: 1 });
    foldJobstate(nodes, parseJobstateChunk('6 j1 SUBMIT 2.0 local - 2\n7 j1 JOB_HELD 2.0 local - 2\n').events);
    expect(nodes.get('j1')).toMatchObject({ state: 'held', tries: 2 });
  });

  it('ignores garbage lines and counts UTF-8 bytes for the offset', () => {
    const chunk = parseJobstateChunk('not a log line\nüber 12 x\n1 j SUBMIT 1.0 local - 1\n');
    expect(chunk.events).toHaveLength(1);
    expect(chunk.consumedBytes).toBe(Buffer.byteLength('not a log line\nüber 12 x\n1 j SUBMIT 1.0 local - 1\n'));
  });

  it('builds a constant script that prints the size and the bytes from the next unread one; paths go as parameters', () => {
    const built = buildJobstateTailCommand("/s/it's run/", 120);
    expect(built).toEqual({ ok: true, value: ['sh', '-c', 'wc -c < "$1" && tail -c +"$2" -- "$1"', 'sh', "/s/it's run/jobstate.log", '121'] });
    expect(buildJobstateTailCommand('/s', -1).ok).toBe(false);
  });

  it('reads the size line, and tells a rotated (smaller) log from one with nothing new', () => {
    expect(parseJobstateTail('200\n1 j SUBMIT 1.0 local - 1\n', 150)).toEqual({ ok: true, value: { size: 200, rotated: false, chunk: '1 j SUBMIT 1.0 local - 1\n' } });
    expect(parseJobstateTail('150\n', 150)).toEqual({ ok: true, value: { size: 150, rotated: false, chunk: '' } });
    expect(parseJobstateTail('40\n', 150)).toEqual({ ok: true, value: { size: 40, rotated: true, chunk: '' } });
    expect(parseJobstateTail('garbage', 0).ok).toBe(false);
  });
});
