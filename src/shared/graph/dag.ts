/**
 * A directed graph on integer node ids `0..nodeCount-1` in compressed sparse row form:
 * the children of node `v` are `targets[offsets[v] .. offsets[v+1])`, sorted ascending and
 * without duplicates. `flags[e]` carries per-edge bits chosen by the builder (see `EdgeFlag`).
 *
 * CSR keeps a 10^6-job graph in a few typed arrays (8 bytes an edge plus 4 a node) instead
 * of millions of small objects, and every algorithm over it is a linear scan.
 */
export interface Dag {
  readonly nodeCount: number;
  readonly offsets: Uint32Array;
  readonly targets: Uint32Array;
  readonly flags: Uint8Array;
}

/** Bits of `Dag.flags` for workflow dependency graphs. */
export const EdgeFlag = {
  /** Pegasus infers this edge from the files the two jobs use. */
  Inferred: 1,
  /** The workflow lists this edge in `jobDependencies` and files do not explain it. */
  Explicit: 2,
} as const;

/**
 * Growable edge list used to build a {@link Dag}. Edges may be added in any order and more
 * than once; {@link buildDag} merges duplicates by OR-ing their flags.
 */
export class EdgeListBuilder {
  private parents: Uint32Array;
  private children: Uint32Array;
  private edgeFlags: Uint8Array;
  private count = 0;

  constructor(initialCapacity = 1024) {
    const capacity = Math.max(16, initialCapacity);
    this.parents = new Uint32Array(capacity);
    this.children = new Uint32Array(capacity);
    this.edgeFlags = new Uint8Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  add(parent: number, child: number, flag: number): void {
    if (this.count === this.parents.length) this.grow();
    this.parents[this.count] = parent;
    this.children[this.count] = child;
    this.edgeFlags[this.count] = flag;
    this.count++;
  }

  /** Cost: O(nodeCount + edges) time (counting sort by parent, then per-parent sort). */
  build(nodeCount: number): Dag {
    return buildDag(
      nodeCount,
      this.parents.subarray(0, this.count),
      this.children.subarray(0, this.count),
      this.edgeFlags.subarray(0, this.count),
    );
  }

  private grow(): void {
    const capacity = this.parents.length * 2;
    const parents = new Uint32Array(capacity);
    parents.set(this.parents);
    const children = new Uint32Array(capacity);
    children.set(this.children);
    const flags = new Uint8Array(capacity);
    flags.set(this.edgeFlags);
    this.parents = parents;
    this.children = children;
    this.edgeFlags = flags;
  }
}

/**
 * Builds a CSR graph from parallel edge arrays. Duplicate edges are merged (flags OR-ed).
 * Self-loops are kept: cycle detection reports them.
 *
 * Cost: O(n + e) for the bucket pass plus O(Σ d·log d) for sorting each node's children,
 * which is linear for the bounded out-degrees of real workflows.
 */
export function buildDag(nodeCount: number, parents: Uint32Array, children: Uint32Array, flags: Uint8Array): Dag {
  const edgeCount = parents.length;
  const counts = new Uint32Array(nodeCount + 1);
  for (let e = 0; e < edgeCount; e++) counts[parents[e]! + 1]!++;
  for (let v = 0; v < nodeCount; v++) counts[v + 1]! += counts[v]!;
  const cursor = counts.slice(0, nodeCount);
  const rawTargets = new Uint32Array(edgeCount);
  const rawFlags = new Uint8Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    const slot = cursor[parents[e]!]!++;
    rawTargets[slot] = children[e]!;
    rawFlags[slot] = flags[e]!;
  }

  // Sort each parent's children and merge duplicates.
  const offsets = new Uint32Array(nodeCount + 1);
  const targets = new Uint32Array(edgeCount);
  const outFlags = new Uint8Array(edgeCount);
  let written = 0;
  let order: number[] = [];
  for (let v = 0; v < nodeCount; v++) {
    offsets[v] = written;
    const start = counts[v]!;
    const end = counts[v + 1]!;
    if (end === start) continue;
    if (end - start === 1) {
      targets[written] = rawTargets[start]!;
      outFlags[written] = rawFlags[start]!;
      written++;
      continue;
    }
    order = order.length >= end - start ? order : new Array<number>(end - start);
    let k = 0;
    for (let e = start; e < end; e++) order[k++] = e;
    const slice = order.slice(0, k).sort((a, b) => rawTargets[a]! - rawTargets[b]!);
    for (const e of slice) {
      const target = rawTargets[e]!;
      if (written > offsets[v]! && targets[written - 1] === target) {
        outFlags[written - 1]! |= rawFlags[e]!;
      } else {
        targets[written] = target;
        outFlags[written] = rawFlags[e]!;
        written++;
      }
    }
  }
  offsets[nodeCount] = written;
  return {
    nodeCount,
    offsets,
    targets: written === edgeCount ? targets : targets.slice(0, written),
    flags: written === edgeCount ? outFlags : outFlags.slice(0, written),
  };
}

/** Number of edges of a graph. */
export function edgeCount(dag: Dag): number {
  return dag.offsets[dag.nodeCount]!;
}

/**
 * The reverse graph (parents of each node), same flags. Cost: O(n + e).
 */
export function reverseDag(dag: Dag): Dag {
  const e = edgeCount(dag);
  const parents = new Uint32Array(e);
  const children = new Uint32Array(e);
  const flags = new Uint8Array(e);
  for (let v = 0; v < dag.nodeCount; v++) {
    for (let i = dag.offsets[v]!; i < dag.offsets[v + 1]!; i++) {
      parents[i] = dag.targets[i]!;
      children[i] = v;
      flags[i] = dag.flags[i]!;
    }
  }
  return buildDag(dag.nodeCount, parents, children, flags);
}
