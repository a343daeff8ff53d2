import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { graphModel } from '../../../src/renderer/canvas/graph-model';
import { type CanvasView, NodeCache, buildEdges, buildNodes } from '../../../src/renderer/canvas/mapping';
import { CanvasIndex } from '../../../src/renderer/canvas/scale/canvas-index';
import type { CanvasNode } from '../../../src/renderer/canvas/node-types';
import {
  type EditResult,
  type EditableDocument,
  addFile,
  addJob,
  applyPatch,
  connect,
  disconnect,
  duplicate,
  invertPatch,
  moveNodes,
  removeSelection,
  renameFile,
  renameJob,
} from '../../../src/shared/edit';
import type { Job, Workflow } from '../../../src/shared/model';
import { montageLike } from '../../e2e/scale/scale-workflows';
import { fanOutFanIn } from '../../../bench/core-bench-shape';
import '../../support/fast-check-seed';

/**
 * A file without a saved position is drawn by one of its jobs; which one, when several read
 * it (and none writes it) or several write it, is not specified, so it is not compared.
 */
function comparablePosition(
  key: string,
  position: { x: number; y: number },
  info: { producers: string[]; consumers: string[] } | undefined,
  positions: ReadonlyMap<string, unknown>,
): { x: number; y: number } | 'some job' {
  if (!key.startsWith('f:') || positions.has(key) || !info) return position;
  const ambiguous = info.producers.length > 1 || (info.producers.length === 0 && info.consumers.length > 1);
  return ambiguous ? 'some job' : position;
}

/** Everything the canvas draws of a node, as the full mapping and the index must agree on it. */
function drawnFacts(node: CanvasNode, positions: ReadonlyMap<string, unknown>): unknown {
  const data = node.data as { info?: { producers: string[]; consumers: string[] }; job?: Job };
  return {
    type: node.type,
    position: comparablePosition(node.id, node.position, data.info, positions),
    job: data.job,
    info: data.info && { ...data.info, producers: [...data.info.producers].sort(), consumers: [...data.info.consumers].sort() },
  };
}

function drawn(index: CanvasIndex): Map<string, unknown> {
  const nodes = new Map<string, unknown>();
  for (let slot = 0; slot < index.nodeCount * 4 + 16; slot++) {
    const node = index.node(slot);
    if (node) nodes.set(node.id, drawnFacts(node, index.doc.positions));
  }
  return nodes;
}

function mapped(doc: EditableDocument, view: CanvasView): Map<string, unknown> {
  const nodes = new Map<string, unknown>();
  for (const node of buildNodes(doc, graphModel(doc.workflow, undefined), new Map(), view, new NodeCache()))
    nodes.set(node.id, drawnFacts(node, doc.positions));
  return nodes;
}

function edgeSet(edges: ReadonlyArray<{ id: string; source: string; target: string; data?: unknown }>): string[] {
  return edges.map((e) => JSON.stringify([e.id, e.source, e.target, e.data])).sort();
}

function expectSame(index: CanvasIndex, doc: EditableDocument, view: CanvasView): void {
  const full = mapped(doc, view);
  expect(drawn(index)).toEqual(full);
  expect(index.nodeCount).toBe(full.size);
  expect(edgeSet(index.edgesAmong(new Set(full.keys())))).toEqual(edgeSet(buildEdges(graphModel(doc.workflow, undefined), view)));
  // Every node is found where it is drawn.
  for (const key of full.keys()) {
    const { x, y } = index.positionOf(key);
    const found: string[] = [];
    index.grid.query({ x, y, width: 1, height: 1 }, (slot) => found.push(index.keyAt(slot)!));
    expect(found).toContain(key);
  }
}

function smallWorkflow(): Workflow {
  const w = montageLike(40);
  // Some explicit dependencies too, one naming an unknown job.
  return { ...w, dependencies: [{ id: w.jobs[0]!.id, children: [w.jobs[12]!.id, 'nobody'] }] };
}

function positioned(workflow: Workflow): EditableDocument {
  const positions = new Map<string, { x: number; y: number }>();
  workflow.jobs.forEach((job, i) => positions.set(`j:${job.id}`, { x: (i % 8) * 220, y: Math.floor(i / 8) * 200 }));
  return { workflow, positions };
}

type Step = (doc: EditableDocument, pick: (n: number) => number) => EditResult;

const STEPS: Step[] = [
  (doc, pick) => removeSelection(doc, [`j:${doc.workflow.jobs[pick(doc.workflow.jobs.length)]!.id}`]),
  (doc, pick) => addJob(doc, { kind: 'job' }, { x: pick(2000), y: pick(2000) }),
  (doc, pick) => addFile(doc, { x: pick(2000), y: pick(2000) }),
  (doc, pick) => {
    const a = doc.workflow.jobs[pick(doc.workflow.jobs.length)]!;
    const b = doc.workflow.jobs[pick(doc.workflow.jobs.length)]!;
    return connect(doc, { kind: 'job', id: a.id }, { kind: 'job', id: b.id });
  },
  (doc, pick) => {
    const job = doc.workflow.jobs[pick(doc.workflow.jobs.length)]!;
    const use = job.uses[pick(job.uses.length)];
    return use ? disconnect(doc, { kind: 'use', jobId: job.id, lfn: use.lfn }) : connect(doc, { kind: 'job', id: job.id }, { kind: 'file', lfn: 'shared.dat' });
  },
  (doc, pick) => {
    const job = doc.workflow.jobs[pick(doc.workflow.jobs.length)]!;
    return renameJob(doc, job.id, `${job.id}_r${pick(99)}`);
  },
  (doc, pick) => {
    const job = doc.workflow.jobs[pick(doc.workflow.jobs.length)]!;
    const use = job.uses[pick(job.uses.length)];
    return use ? renameFile(doc, use.lfn, `${use.lfn}.v${pick(9)}`) : addJob(doc, { kind: 'job' }, { x: 0, y: 0 });
  },
  (doc, pick) => duplicate(doc, [`j:${doc.workflow.jobs[pick(doc.workflow.jobs.length)]!.id}`]),
  (doc, pick) => moveNodes(doc, [[`j:${doc.workflow.jobs[pick(doc.workflow.jobs.length)]!.id}`, { x: pick(3000), y: pick(3000) }]]),
];

describe('the canvas index of a large document', () => {
  for (const view of ['files', 'jobs'] as const) {
    it(`draws what the full mapping draws after every edit and undo (${view} view)`, () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat(STEPS.length - 1), fc.array(fc.nat(1_000_000), { minLength: 4, maxLength: 4 }), fc.boolean()), { minLength: 1, maxLength: 12 }), (script) => {
          let doc = positioned(smallWorkflow());
          const index = new CanvasIndex(doc, {}, view);
          expectSame(index, doc, view);
          for (const [which, numbers, undo] of script) {
            let n = 0;
            const pick = (max: number): number => (max <= 0 ? 0 : numbers[n++ % numbers.length]! % max);
            const result = STEPS[which]!(doc, pick);
            if (!result.ok) continue;
            let next = applyPatch(doc, result.edit.forward);
            expect(index.apply(result.edit.forward, next)).toBe(true);
            doc = next;
            expectSame(index, doc, view);
            if (undo) {
              const inverse = invertPatch(result.edit.forward);
              next = applyPatch(doc, inverse);
              expect(index.apply(inverse, next)).toBe(true);
              doc = next;
              expectSame(index, doc, view);
            }
          }
        }),
        { numRuns: 60 },
      );
    });
  }

  it('finds the edges of a job with thousands of files from the files in view', () => {
    const doc = positioned(fanOutFanIn(3_000));
    const index = new CanvasIndex(doc, {}, 'files');
    const all = buildEdges(graphModel(doc.workflow, undefined), 'files');
    const inView = new Set(['j:split', 'j:merge', 'j:work_0000007', 'f:chunk_0000007.dat', 'f:result_0000007.dat', 'f:chunk_0000009.dat', 'f:output.dat']);
    const expected = all.filter((e) => inView.has(e.source) && inView.has(e.target));
    expect(expected.length).toBe(6);
    expect(edgeSet(index.edgesAmong(inView))).toEqual(edgeSet(expected));
  });

  it('hands back the same node object while nothing it shows changed, and a new one when it did', () => {
    const doc = positioned(smallWorkflow());
    const index = new CanvasIndex(doc, {}, 'files');
    const slot = index.slotOfKey(`j:${doc.workflow.jobs[3]!.id}`)!;
    const first = index.node(slot);
    expect(index.node(slot)).toBe(first);
    expect(index.node(slot, new Map([[first!.id, { errors: 1, warnings: 0 }]]))).not.toBe(first);
    expect(index.node(slot, undefined, true)?.selected).toBe(true);
  });

  it('asks for a new index when the whole workflow is replaced', () => {
    const doc = positioned(smallWorkflow());
    const index = new CanvasIndex(doc, {}, 'files');
    const after = montageLike(10);
    expect(index.apply([{ kind: 'workflow', before: doc.workflow, after }], { ...doc, workflow: after })).toBe(false);
  });
});
