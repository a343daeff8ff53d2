import { report, quoteList, type ValidationContext } from './context';
import { ReplicaIndex } from './replica-index';

/**
 * PC203 files produced by several jobs; PC206 inputs that no job produces and no replica
 * provides; PC219 regex replicas that cannot be checked. Local files are not looked at:
 * whether a replica's PFN exists is a question for the machine that plans.
 * Cost: O(unproduced inputs + replicas), using what inference found; no extra pass over all uses.
 */
export function checkProducers(context: ValidationContext): void {
  const { workflow, graph, bundle } = context;
  for (const [lfn, producers] of graph.multiProducers) {
    const ids = producers.map((index) => workflow.jobs[index]!.id);
    const kept = ids[ids.length - 1]!;
    report(
      context,
      'PC203',
      `File '${lfn}' is produced by ${ids.length} jobs: ${quoteList(ids)}. pegasus-plan keeps the last one in the file ('${kept}') as the producer and gives the others no edge to its readers; the Python API picks one arbitrarily. Give each job its own output file.`,
      { kind: 'file', lfn, jobId: kept },
    );
  }

  // Checkpoint writers, indexed on first need: only to explain a missing input.
  let checkpoints: Map<string, string> | undefined;
  const checkpointWriter = (lfn: string): string | undefined => {
    if (!checkpoints) {
      checkpoints = new Map();
      for (const job of workflow.jobs)
        for (const use of job.uses)
          if (use.type === 'checkpoint' && !checkpoints.has(use.lfn)) checkpoints.set(use.lfn, job.id);
    }
    return checkpoints.get(lfn);
  };

  const replicas = new ReplicaIndex(bundle);
  for (const entry of replicas.uncheckable) {
    report(
      context,
      'PC219',
      `Regex replica '${entry.lfn}' cannot be checked (${entry.reason}); inputs it may provide are assumed present.`,
      {
        kind: 'replica',
        lfn: entry.lfn,
      },
    );
  }

  // Optional inputs of the job last asked about (inputs come grouped by job).
  let optionalJob = -1;
  let optional = new Set<string>();
  const optionalIn = (index: number): Set<string> => {
    if (index !== optionalJob) {
      optionalJob = index;
      optional = new Set(workflow.jobs[index]!.uses.filter((use) => use.optional).map((use) => use.lfn));
    }
    return optional;
  };

  // Inference already found the inputs no job produces; only those need a replica.
  let reported: Set<string> | undefined;
  for (const [index, lfn] of graph.unproducedInputs) {
    if (replicas.provides(lfn)) continue;
    const job = workflow.jobs[index]!;
    if (optionalIn(index).has(lfn)) continue;
    const key = `${index}\u0000${lfn}`;
    reported ??= new Set();
    if (reported.has(key)) continue; // stdin and a uses entry name the same file
    reported.add(key);
    const checkpointBy = checkpointWriter(lfn);
    const why = checkpointBy
      ? ` Job '${checkpointBy}' writes it as a checkpoint, which makes no dependency and is not a producer.`
      : '';
    report(
      context,
      'PC206',
      `Job '${job.id}' reads '${lfn}', which no job produces and no replica catalog entry provides; pegasus-plan will not find it unless another replica source (--input-dir, a replica catalog in the properties) has it.${why}`,
      { kind: 'file', lfn, jobId: job.id },
    );
  }
}
