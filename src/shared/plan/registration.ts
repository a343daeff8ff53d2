import { extendState } from './graph-utils';
import type { RegistrationRequest } from './staging';
import type { PlanJob, PlanState, Registration } from './types';

/**
 * Registration jobs (`register_<stagingSite>_<level>_<n>`), one per stage-out job that moves
 * a `registerReplica: true` file, as its child; a file registered without being staged out
 * gets the register job as a direct child of its producer. The jobs insert the replicas into
 * the output replica catalog. Cost: O(requests).
 */
export function addRegistrations(state: PlanState, requests: readonly RegistrationRequest[]): PlanState {
  if (requests.length === 0) return state;
  const byName = new Map<
    string,
    { index: number; job: PlanJob & { registrations: Registration[] }; parents: Set<number> }
  >();
  const jobs: PlanJob[] = [];
  for (const request of requests) {
    const name = `register_${request.stagingSite}_${request.level}_${request.container}`;
    let entry = byName.get(name);
    if (!entry) {
      const job = {
        name,
        kind: 'registration' as const,
        site: 'local',
        level: request.level,
        tasks: [],
        transformation: 'pegasus::rc-client',
        category: 'registration',
        registrations: [] as Registration[],
      };
      entry = { index: state.jobs.length + jobs.length, job, parents: new Set() };
      byName.set(name, entry);
      jobs.push(job);
    }
    entry.job.registrations.push({ lfn: request.lfn, site: request.site, url: request.url });
    entry.parents.add(request.parent);
  }
  const edgeFrom: number[] = [];
  const edgeTo: number[] = [];
  for (const entry of byName.values()) {
    for (const parent of entry.parents) {
      edgeFrom.push(parent);
      edgeTo.push(entry.index);
    }
  }
  return extendState(state, jobs, edgeFrom, edgeTo);
}
