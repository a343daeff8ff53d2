/**
 * The executable workflow as the Plan view draws it: one node per planned job with its kind
 * (compute, cluster, or an auxiliary job), the abstract jobs it came from, the edges as typed
 * arrays, and positions from the canvas's layered layout. Built in the plan worker, so a
 * 10,000-job plan costs the page nothing but drawing the visible nodes. Cost: O(jobs + edges)
 * plus the layout's.
 */
import type { ExecutableWorkflow, PlanJobKind } from '../../../shared/plan';
import { layeredLayout } from '../layout/layered';

/** Size of a node in the Plan view. */
export const PLAN_NODE_SIZE = { width: 190, height: 50 } as const;

/** Abstract job ids listed per node at most; the rest are counted. */
export const MAX_FROM = 6;

export interface PlanViewJob {
  /** DAGMan node name, as pegasus-plan names it. */
  name: string;
  kind: PlanJobKind;
  site: string;
  transformation: string;
  /** Abstract job ids this node runs (compute, cluster) or serves (auxiliary: its compute neighbours). */
  from: string[];
  /** How many more abstract jobs than listed in `from`. */
  fromMore: number;
}

export interface PlanViewModel {
  jobs: PlanViewJob[];
  /** Edge i: `sources[i]` → `targets[i]` (job indices). */
  sources: Uint32Array;
  targets: Uint32Array;
  /** Top-left of job i at `2i`, `2i + 1`. */
  positions: Float64Array;
}

/** True for the kinds that run abstract jobs themselves. */
function runsTasks(kind: PlanJobKind): boolean {
  return kind === 'compute' || kind === 'cluster' || kind === 'dax' || kind === 'dag';
}

/** Builds the view of an executable workflow (see module comment). */
export function buildPlanView(executable: ExecutableWorkflow): PlanViewModel {
  const { jobs, graph, workflow } = executable;
  const n = jobs.length;
  const edgeCount = graph.offsets[n] ?? 0;
  const sources = new Uint32Array(edgeCount);
  const targets = new Uint32Array(edgeCount);
  const parents: number[][] = Array.from({ length: n }, () => []);
  for (let v = 0; v < n; v++) {
    for (let e = graph.offsets[v]!; e < graph.offsets[v + 1]!; e++) {
      sources[e] = v;
      targets[e] = graph.targets[e]!;
      parents[graph.targets[e]!]!.push(v);
    }
  }
  // An auxiliary job serves the compute jobs it reaches through other auxiliary jobs, down
  // (stage-in, create-dir) and up (stage-out, registration, cleanup). `seen` stamps each search.
  const seen = new Int32Array(n).fill(-1);
  const served = (start: number): Set<number> => {
    const ids = new Set<number>();
    for (const down of [true, false]) {
      const stack = [start];
      seen[start] = start;
      while (stack.length > 0) {
        const u = stack.pop()!;
        const next = down ? graph.targets.subarray(graph.offsets[u]!, graph.offsets[u + 1]!) : parents[u]!;
        for (const w of next) {
          if (seen[w] === start) continue;
          seen[w] = start;
          if (runsTasks(jobs[w]!.kind)) for (const t of jobs[w]!.tasks) ids.add(t);
          else stack.push(w);
        }
      }
      // Both directions start afresh, but a compute job met going down is not met again going up.
      if (ids.size > 0) break;
    }
    return ids;
  };
  const view: PlanViewJob[] = jobs.map((job, v) => {
    const ids = runsTasks(job.kind) ? new Set(job.tasks) : served(v);
    if (!runsTasks(job.kind)) for (const t of job.tasks) ids.add(t);
    const all = [...ids];
    const from = all.slice(0, MAX_FROM).map((t) => workflow.jobs[t]?.id ?? `#${t}`);
    return { name: job.name, kind: job.kind, site: job.site, transformation: job.transformation, from, fromMore: all.length - from.length };
  });
  const widths = new Float64Array(n).fill(PLAN_NODE_SIZE.width);
  const heights = new Float64Array(n).fill(PLAN_NODE_SIZE.height);
  const { positions } = layeredLayout({ nodeCount: n, sources, targets, widths, heights });
  return { jobs: view, sources, targets, positions };
}

/** The label of a kind in the legend and on nodes. */
export const KIND_LABEL: Readonly<Record<PlanJobKind, string>> = {
  compute: 'compute',
  cluster: 'cluster',
  'stage-in': 'stage-in',
  'inter-site': 'inter-site',
  'stage-out': 'stage-out',
  registration: 'registration',
  'create-dir': 'create-dir',
  'stage-worker': 'worker package',
  cleanup: 'cleanup',
  'leaf-cleanup': 'leaf cleanup',
  dax: 'sub-workflow',
  dag: 'sub-DAG',
  noop: 'no-op',
};
