import { EdgeFlag } from '../../graph/dag';
import { transitiveReduction } from '../../graph/transitive-reduction';
import { forEachFileRole, inferDependencies, type DependencyGraph } from '../../infer';
import { transformationKey } from '../../model/job';
import type { Workflow } from '../../model/workflow';

export interface DotOptions {
  /** Draw files as nodes between the jobs that write and read them (default: jobs only). */
  files?: boolean;
  /** Jobs only: drop edges implied by others (transitive reduction) for a cleaner drawing. */
  reduce?: boolean;
  /** The dependency graph, when the caller already has it. */
  graph?: DependencyGraph;
}

/**
 * A DOT identifier or label: always quoted. Inside quotes DOT only unescapes `\"`, and labels
 * also read `\\`, `\n` and `\l`, so backslashes, quotes and line breaks are escaped; the same
 * name always gives the same text, so node identity is kept.
 */
export function dotQuote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r/g, '\\r').replace(/\n/g, '\\n')}"`;
}

/**
 * Graphviz DOT of a workflow. Jobs are boxes labelled with their id and transformation
 * (or node label). Without files, edges are job → job: solid when files explain them,
 * dashed when only an explicit dependency does. With files, files are ellipses (node ids
 * prefixed `file:` so a job and a file of the same name stay apart), jobs link to the files
 * they write and files to the jobs that read them (checkpoints dotted), and only explicit
 * dependencies are drawn job → job. Cost: O(jobs + uses + edges).
 */
export function toDot(workflow: Workflow, options: DotOptions = {}): string {
  const graph = options.graph ?? inferDependencies(workflow);
  const out: string[] = [
    `digraph ${dotQuote(workflow.name)} {`,
    '  rankdir=TB;',
    '  node [shape=box, style="rounded,filled", fillcolor="#e8f0fe", fontname="Helvetica"];',
    '  edge [color="#555555"];',
  ];
  const jobNode = (index: number) => dotQuote(workflow.jobs[index]!.id);
  for (const job of workflow.jobs) {
    const kind = job.type === 'job' ? transformationKey(job) : `${job.type}: ${job.file}`;
    const label = job.nodeLabel !== undefined ? `${job.id}\n${job.nodeLabel}` : `${job.id}\n${kind}`;
    out.push(`  ${dotQuote(job.id)} [label=${dotQuote(label)}];`);
  }

  if (options.files) {
    const declared = new Set<string>();
    const fileNode = (lfn: string) => {
      if (!declared.has(lfn)) {
        declared.add(lfn);
        out.push(
          `  ${dotQuote(`file:${lfn}`)} [label=${dotQuote(lfn)}, shape=ellipse, style=filled, fillcolor="#fff4d6"];`,
        );
      }
      return dotQuote(`file:${lfn}`);
    };
    workflow.jobs.forEach((job, i) => {
      const seen = new Set<string>();
      forEachFileRole(job, (lfn, role) => {
        const key = `${role}:${lfn}`;
        if (seen.has(key)) return;
        seen.add(key);
        out.push(role === 'produces' ? `  ${jobNode(i)} -> ${fileNode(lfn)};` : `  ${fileNode(lfn)} -> ${jobNode(i)};`);
      });
      for (const use of job.uses)
        if (use.type === 'checkpoint') out.push(`  ${jobNode(i)} -> ${fileNode(use.lfn)} [style=dotted];`);
    });
    for (let v = 0; v < graph.nodeCount; v++) {
      for (let e = graph.offsets[v]!; e < graph.offsets[v + 1]!; e++) {
        if (!(graph.flags[e]! & EdgeFlag.Inferred))
          out.push(`  ${jobNode(v)} -> ${jobNode(graph.targets[e]!)} [style=dashed];`);
      }
    }
  } else {
    const dag = (options.reduce && transitiveReduction(graph)?.dag) || graph;
    for (let v = 0; v < dag.nodeCount; v++) {
      for (let e = dag.offsets[v]!; e < dag.offsets[v + 1]!; e++) {
        const style = dag.flags[e]! & EdgeFlag.Inferred ? '' : ' [style=dashed]';
        out.push(`  ${jobNode(v)} -> ${jobNode(dag.targets[e]!)}${style};`);
      }
    }
  }
  out.push('}', '');
  return out.join('\n');
}
