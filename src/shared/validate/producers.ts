import { report, quoteList, type DiagnosticSink, type ValidationContext } from './context';
import { ReplicaIndex, type UncheckableReplica } from './replica-index';

/**
 * PC203 files produced by several jobs; PC206 inputs that no job produces and no replica
 * provides; PC219 regex replicas that cannot be checked. Local files are not looked at:
 * whether a replica's PFN exists is a question for the machine that plans.
 * Cost: O(unproduced inputs + replicas), using what inference found; no extra pass over all uses.
 */
export function checkProducers(context: ValidationContext): void {
  const { workflow, graph, bundle } = context;
  for (const [lfn, producers] of graph.multiProducers) {
    reportMultiProducer(
      context,
      lfn,
      producers.map((index) => workflow.jobs[index]!.id),
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
  for (const entry of replicas.uncheckable) reportUncheckableReplica(context, entry);

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
    reportMissingInput(context, job.id, lfn, checkpointWriter(lfn));
  }
}

/** PC203: `lfn` has several producers, `ids` in document order (the last is kept). Cost: O(1). */
export function reportMultiProducer(sink: DiagnosticSink, lfn: string, ids: readonly string[]): void {
  const kept = ids[ids.length - 1]!;
  report(
    sink,
    'PC203',
    `File '${lfn}' is produced by ${ids.length} jobs: ${quoteList(ids)}. pegasus-plan keeps the last one in the file ('${kept}') as the producer and gives the others no edge to its readers; the Python API picks one arbitrarily. Give each job its own output file.`,
    { kind: 'file', lfn, jobId: kept },
  );
}

/** PC219: a regex replica that cannot be checked. Cost: O(1). */
export function reportUncheckableReplica(sink: DiagnosticSink, entry: UncheckableReplica): void {
  report(
    sink,
    'PC219',
    `Regex replica '${entry.lfn}' cannot be checked (${entry.reason}); inputs it may provide are assumed present.`,
    {
      kind: 'replica',
      lfn: entry.lfn,
    },
  );
}

/**
 * PC206: job `jobId` reads `lfn`, which nothing provides; `checkpointBy` is the first job
 * that writes it as a checkpoint, if any (named in the message). Cost: O(1).
 */
export function reportMissingInput(
  sink: DiagnosticSink,
  jobId: string,
  lfn: string,
  checkpointBy: string | undefined,
): void {
  const why = checkpointBy
    ? ` Job '${checkpointBy}' writes it as a checkpoint, which makes no dependency and is not a producer.`
    : '';
  report(
    sink,
    'PC206',
    `Job '${jobId}' reads '${lfn}', which no job produces and no replica catalog entry provides; pegasus-plan will not find it unless another replica source (--input-dir, a replica catalog in the properties) has it.${why}`,
    { kind: 'file', lfn, jobId },
  );
}
