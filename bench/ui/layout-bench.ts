/**
 * The layered layout on montage-like jobs-and-files graphs (5 wide levels, each job reading
 * the outputs of 2–3 jobs of the level above, near its own index; every job writes one file):
 * prints nodes, edges and milliseconds, beside ELK's layered layout (elkjs, the library
 * React Flow's examples use) on the same graphs where it finishes in reasonable time.
 * Run: `npm run bench:layout`.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import { type LayoutInput, layeredLayout } from '../../src/renderer/canvas/layout/layered';
import { prng } from '../../test/e2e/scale/scale-workflows';

/** Montage-like bipartite graph of about `nodes` nodes: job j of level l is node, its output file follows. */
export function montageLayoutInput(nodes: number): LayoutInput {
  const levels = 5;
  const width = Math.max(1, Math.round(nodes / (levels * 2 + 1)));
  const random = prng(42);
  const sources: number[] = [];
  const targets: number[] = [];
  const raw = (i: number): number => i; // raw input files: nodes 0..width-1
  const job = (l: number, i: number): number => width + (l * width + i) * 2;
  const out = (l: number, i: number): number => job(l, i) + 1;
  for (let l = 0; l < levels; l++) {
    for (let i = 0; i < width; i++) {
      if (l === 0) {
        sources.push(raw(i));
        targets.push(job(0, i));
      } else {
        const parents = 2 + Math.floor(random() * 2);
        const seen = new Set<number>();
        for (let p = 0; p < parents; p++) {
          const k = Math.min(width - 1, Math.max(0, i + Math.floor(random() * 7) - 3));
          if (seen.has(k)) continue;
          seen.add(k);
          sources.push(out(l - 1, k));
          targets.push(job(l, i));
        }
      }
      sources.push(job(l, i));
      targets.push(out(l, i));
    }
  }
  const nodeCount = width + levels * width * 2;
  const widths = new Float64Array(nodeCount).fill(190);
  const heights = new Float64Array(nodeCount).fill(64);
  return { nodeCount, sources: Uint32Array.from(sources), targets: Uint32Array.from(targets), widths, heights };
}

/** ELK's layered layout of the same graph (milliseconds), or why it did not finish. */
async function elkLayout(input: LayoutInput): Promise<string> {
  const elk = new ELK();
  const graph = {
    id: 'root',
    layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'DOWN' },
    children: Array.from({ length: input.nodeCount }, (_, i) => ({ id: String(i), width: input.widths[i]!, height: input.heights[i]! })),
    edges: Array.from(input.sources, (source, e) => ({ id: `e${e}`, sources: [String(source)], targets: [String(input.targets[e]!)] })),
  };
  const started = performance.now();
  try {
    await elk.layout(graph);
    return `${Math.round(performance.now() - started)}`;
  } catch (error) {
    return `failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  }
}

/** ELK is measured up to this many nodes: past it a run takes minutes or overflows the stack. */
const ELK_MAX_NODES = 2_500;

async function main(): Promise<void> {
  const rows: string[] = ['| nodes | edges | layered layout (ms) | ELK layered (ms) |', '| ---: | ---: | ---: | ---: |'];
  for (const size of [1_000, 2_000, 10_000, 100_000]) {
    const input = montageLayoutInput(size);
    const started = performance.now();
    layeredLayout(input);
    const ours = Math.round(performance.now() - started);
    const elk = input.nodeCount <= ELK_MAX_NODES ? await elkLayout(input) : 'not run';
    rows.push(`| ${input.nodeCount.toLocaleString('en-US')} | ${input.sources.length.toLocaleString('en-US')} | ${ours} | ${elk} |`);
  }
  process.stdout.write(`${rows.join('\n')}\n`);
}

if (process.argv[1]?.endsWith('layout-bench.ts')) void main();
