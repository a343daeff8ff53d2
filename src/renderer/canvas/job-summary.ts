/**
 * The few facts a job node shows: its transformation, cores and memory (Pegasus profiles
 * `pegasus.cores`, `pegasus.memory` in MB, or the HTCondor `request_*` equivalents).
 */
import { type Job, scalarNumber, scalarText, transformationKey } from '../../shared/model';

export function jobTransformation(job: Job): string {
  if (job.type !== 'job') return job.type === 'pegasusWorkflow' ? `sub-workflow ${job.file}` : `DAG ${job.file}`;
  return transformationKey(job);
}

export function jobResources(job: Job): string {
  const pegasus = job.profiles?.pegasus ?? {};
  const condor = job.profiles?.condor ?? {};
  const cores = pegasus.cores ?? condor.request_cpus;
  const memory = pegasus.memory ?? condor.request_memory;
  const parts: string[] = [];
  if (cores !== undefined) parts.push(`${scalarText(cores)} core${scalarNumber(cores) === 1 ? '' : 's'}`);
  if (memory !== undefined) {
    const mb = scalarNumber(memory);
    parts.push(mb === undefined ? scalarText(memory) : mb >= 1024 ? `${+(mb / 1024).toFixed(1)} GB` : `${mb} MB`);
  }
  return parts.join(' · ');
}
