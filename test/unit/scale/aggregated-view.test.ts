import { describe, expect, it } from 'vitest';
import { type GraphModel, graphModel } from '../../../src/renderer/canvas/graph-model';
import type { Position } from '../../../src/shared/edit';
import {
  groupElements,
  groupMarks,
  groupStateRows,
  updatedGroupStateRows,
  groupLayout,
  groupMemberKeys,
  groupOfNode,
} from '../../../src/renderer/canvas/scale/aggregated-view';
import { montageLike } from '../../e2e/scale/scale-workflows';
import { JobStateMap } from '../../../src/shared/run/job-state-map';
import type { JobState } from '../../../src/shared/run/run-state';

function jobPositions(model: GraphModel): (key: string) => Position | undefined {
  const positions = new Map<string, Position>();
  model.workflow.jobs.forEach((job, i) => positions.set(`j:${job.id}`, { x: (i % 50) * 210, y: Math.floor(i / 50) * 100 }));
  return (key) => positions.get(key);
}

describe('the aggregated view', () => {
  const model = graphModel(montageLike(500), undefined);
  const layout = groupLayout(model, jobPositions(model));

  it('has one group per level and transformation, with counts and group edges with multiplicity', () => {
    expect(layout.aggregation.groups.map((g) => [g.label, g.level, g.count])).toEqual([
      ['mProject', 0, 100],
      ['mDiffFit', 1, 100],
      ['mBackground', 2, 100],
      ['mAdd', 3, 100],
      ['mViewer', 4, 100],
    ]);
    const { edges } = groupElements(layout, groupMarks(layout, new Set(), new Map()), undefined);
    expect(edges.map((e) => [e.source, e.target])).toEqual([
      ['g:0:mProject', 'g:1:mDiffFit'],
      ['g:1:mDiffFit', 'g:2:mBackground'],
      ['g:2:mBackground', 'g:3:mAdd'],
      ['g:3:mAdd', 'g:4:mViewer'],
    ]);
    // Every job → job edge between two levels is counted once.
    const jobEdges = model.graph.targets.length;
    expect(edges.reduce((sum, e) => sum + (e.data as { multiplicity: number }).multiplicity, 0)).toBe(jobEdges);
  });

  it('counts selected members, diagnostics and run states per group', () => {
    const ids = model.workflow.jobs.map((j) => j.id);
    const selection = new Set(['j:mAdd_3_0', 'j:mAdd_3_1', 'j:mProject_0_7']);
    const badges = new Map([['j:mAdd_3_5', { errors: 2, warnings: 1 }]]);
    const states = new Map([
      ['mAdd_3_0', 'running' as const],
      ['mAdd_3_1', 'failed' as const],
    ]);
    const { nodes } = groupElements(layout, groupMarks(layout, selection, badges), groupStateRows(layout, states, ids));
    const add = nodes.find((n) => n.data.label === 'mAdd')!;
    expect(add.data).toMatchObject({ count: 100, selected: 2, errors: 2, warnings: 1 });
    expect(add.data.states).toEqual([
      { state: 'running', count: 1 },
      { state: 'failed', count: 1 },
    ]);
    expect(nodes.find((n) => n.data.label === 'mProject')!.data.selected).toBe(1);
  });

  it('lists a group’s members and the box they cover', () => {
    const g = layout.aggregation.groups.findIndex((group) => group.label === 'mDiffFit');
    const members = groupMemberKeys(layout, g);
    expect(members).toHaveLength(100);
    expect(members[0]).toBe('j:mDiffFit_1_0');
    expect(groupOfNode(layout, model, 'j:mDiffFit_1_42')).toBe(g);
    expect(groupOfNode(layout, model, 'f:t_1_42.fits')).toBe(-1);
  });

  it('moves the per-group run counts by a batch of changes to what a recount gives', () => {
    const ids = model.workflow.jobs.map((j) => j.id);
    const jobIndex = new Map(ids.map((id, v) => [id, v]));
    let states = JobStateMap.from(ids.map((id) => [id, 'ready'] as const));
    let rows = groupStateRows(layout, states, ids)!;
    let moved = 0;
    for (let step = 0; step < 12; step++) {
      const batch = ids.slice(step * 7, step * 7 + 12).map((jobId, i) => ({ jobId, state: (i % 3 === 0 ? 'failed' : 'running') as JobState }));
      const next = states.with(batch);
      // Maps that do not share a base (the overlay was folded) are counted afresh, as the view does.
      const changes = next.changesSince(states);
      if (changes) {
        rows = updatedGroupStateRows(layout, rows, changes, jobIndex);
        moved++;
      } else rows = groupStateRows(layout, next, ids)!;
      states = next;
      expect(rows.map((row) => Array.from(row))).toEqual(groupStateRows(layout, states, ids)!.map((row) => Array.from(row)));
    }
    expect(moved).toBeGreaterThan(6);
  });
});
