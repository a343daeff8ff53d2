import { describe, expect, it } from 'vitest';
import { bundledAnnexSystems } from '../../../src/shared/remote/annex-systems';
import { validateAnnexRequest, type AnnexRequest } from '../../../src/shared/remote/annex-validate';

const systems = bundledAnnexSystems();

function check(partial: Partial<AnnexRequest>) {
  return validateAnnexRequest(systems, { verb: 'create', annexName: 'alice', system: 'expanse', queue: 'compute', project: 'abc123', ...partial });
}

function message(partial: Partial<AnnexRequest>): string {
  const result = check(partial);
  if (result.ok) throw new Error('expected the request to be refused');
  return result.message;
}

describe('validateAnnexRequest: the rules htcondor annex checks, with its messages', () => {
  it('accepts the ACCESS Pegasus guide request (1 node of compute@expanse for an hour)', () => {
    const result = check({ nodes: 1, lifetime: 3600 });
    expect(result.ok).toBe(true);
  });

  it('(A) names the supported queues and the default for an unknown queue', () => {
    expect(message({ queue: 'gpu-large' })).toBe(
      "'gpu-large' is not a supported queue on the system named 'Expanse'.  Supported queues are:\n    compute\n    gpu\n    shared\n    gpu-shared\nUse 'compute' if you're not sure.",
    );
  });

  it('refuses an unknown system and lists the known ones', () => {
    const text = message({ system: 'stampede2' });
    expect(text).toContain("'stampede2' is not a supported system.");
    expect(text).toContain('bridges2');
  });

  it('folds the case of the system name, not of the queue', () => {
    expect(check({ system: 'Bridges2', queue: 'RM', project: undefined }).ok).toBe(true);
    expect(message({ system: 'bridges2', queue: 'rm' })).toContain("'rm' is not a supported queue on the system named 'Bridges-2'.");
  });

  it('(B) a shared queue needs CPUs or memory', () => {
    expect(message({ queue: 'shared' })).toBe(
      "The 'shared' queue is not a whole-node queue.  You must specify either CPUs (--cpus) or memory (--mem_mb).",
    );
  });

  it("(C) a whole-node queue refuses CPUs and memory, and more nodes than it allows", () => {
    expect(message({ cpus: 4 })).toBe("The 'compute' queue is a whole-node queue.  You can't specify CPUs (--cpus) or memory (--mem_mb).");
    expect(message({ nodes: 33 })).toBe("The 'compute' queue is limited to 32 nodes per job.  Use --nodes to set.");
    expect(check({ nodes: 32 }).ok).toBe(true);
  });

  it('(D) a shared queue has per-node limits', () => {
    expect(message({ queue: 'shared', memMb: 262145 })).toBe("The 'shared' queue is limited to 262144 MB per node.  Use --mem_mb to set.");
    expect(message({ queue: 'shared', cpus: 129 })).toBe("The 'shared' queue is limited to 128 cores per node.");
    expect(message({ queue: 'shared', cpus: 8, nodes: 2 })).toBe("The 'shared' queue is limited to 1 nodes per job.  Use --nodes to set.");
    expect(check({ queue: 'shared', cpus: 8, memMb: 16000 }).ok).toBe(true);
  });

  it('(E) the lifetime must fit the queue', () => {
    expect(message({ lifetime: 172801 })).toBe(
      "The 'compute' queue has a maximum duration of 172800 seconds, which is less than the requested lifetime (172801 seconds).  Use --lifetime to set.",
    );
  });

  it('(G) the idle time must not exceed the lifetime', () => {
    expect(message({ lifetime: 200 })).toBe('You may not specify an idle time (--idle-time) longer than the lifetime (--lifetime).');
    expect(check({ lifetime: 200, idleTime: 100 }).ok).toBe(true);
  });

  it('(H) Expanse, Delta and Perlmutter need a project; Bridges-2 does not', () => {
    expect(message({ project: undefined })).toBe(
      "The system named 'Expanse' requires you to specify a project (--project), even if you only have one.",
    );
    expect(check({ system: 'bridges2', queue: 'RM', project: undefined }).ok).toBe(true);
  });

  it('(I) a whole-node GPU queue assigns all its GPUs, and GPU counts multiply by nodes', () => {
    expect(message({ queue: 'gpu', gpus: '2' })).toBe("The 'gpu' queue always assigns 4 GPUs per node.  Set --gpus to match.");
    expect(message({ queue: 'gpu', gpus: '5' })).toBe("The 'gpu' queue is limited to 4 GPUs per node.  Use --gpus to set.");
    const result = check({ queue: 'gpu', nodes: 2 });
    expect(result).toMatchObject({ ok: true, gpus: 8 });
  });

  it('(I) a shared GPU queue needs a GPU count', () => {
    expect(message({ queue: 'gpu-shared', cpus: 4 })).toBe("The 'gpu-shared' queue is a GPU queue.  You must specify a number of GPUs (--gpus).");
    expect(check({ queue: 'gpu-shared', cpus: 4, gpus: '1' }).ok).toBe(true);
  });

  it('(L) no GPUs from a queue without them; (M) no GPU type where there is one type', () => {
    expect(message({ gpus: '1' })).toBe("The 'compute' queue does not offer GPUs.  Do not set --gpus for this queue.");
    expect(message({ queue: 'gpu', gpuType: 'a100' })).toBe("The 'gpu' queue only has one type of GPU.  Do not set --gpu-type for this queue.");
  });

  it('Bridges-2 GPU queues need a GPU type, given as --gpu-type or TYPE:N', () => {
    expect(message({ system: 'bridges2', queue: 'GPU', project: undefined })).toBe(
      'The system Bridges-2 has the following types of GPUs: v100-16, v100-32.  Use --gpu-type to select.',
    );
    expect(check({ system: 'bridges2', queue: 'GPU', gpus: 'v100-32:8' })).toMatchObject({ ok: true, gpus: 8 });
    expect(check({ system: 'bridges2', queue: 'GPU', gpuType: 'v100-16', nodes: 2 })).toMatchObject({ ok: true, gpus: 16 });
    expect(check({ system: 'bridges2', queue: 'GPU-shared', gpus: 'v100-16:2' })).toMatchObject({ ok: true, gpus: 2 });
    expect(message({ system: 'bridges2', queue: 'GPU-shared', gpus: 'v100-16:5' })).toBe(
      "The 'GPU-shared' queue is limited to 4 GPUs per node.  Use --gpus to set.",
    );
  });

  it('(J) Bridges-2 GPU-shared sizes CPUs and memory from the GPUs', () => {
    expect(message({ system: 'bridges2', queue: 'GPU-shared', gpus: 'v100-16:1', cpus: 4 })).toBe(
      "The 'GPU-shared' queue always assigns CPUs and RAM in proportion to the ratio of requested GPUs to total GPUs.  You can't specify CPUs (--cpus) or memory (--mem_mb).",
    );
  });

  it('(K) Bridges-2 RM-shared and EM rules', () => {
    expect(message({ system: 'bridges2', queue: 'RM-shared', cpus: 4, memMb: 1000 })).toBe(
      "The 'RM-shared' queue assigns memory proportional to the number of CPUs.  Do not specify --mem_mb for this queue.",
    );
    expect(message({ system: 'bridges2', queue: 'EM', cpus: 30 })).toBe(
      "The 'EM-shared' queue only allows requests of 24, 47, 72, or 96 CPUs.  Use --cpus to specify.",
    );
    expect(check({ system: 'bridges2', queue: 'EM', cpus: 48 }).ok).toBe(true);
  });

  it('Perlmutter computes its limits from the GPU request', () => {
    expect(message({ system: 'perlmutter', queue: 'regular', nodes: 3073 })).toBe(
      "The 'regular' queue is limited to 3072 nodes per job.  Use --nodes to set.",
    );
    expect(message({ system: 'perlmutter', queue: 'regular', gpus: '4', nodes: 1537 })).toBe(
      "The 'regular' queue is limited to 1536 nodes per job.  Use --nodes to set.",
    );
    expect(message({ system: 'perlmutter', queue: 'shared', cpus: 2, gpus: '1' })).toBe("'shared' is not a GPU queue on the system named 'Perlmutter'.");
  });

  it('points each refusal at its form field', () => {
    expect(check({ nodes: 99 })).toMatchObject({ ok: false, field: 'nodes' });
    expect(check({ project: '' })).toMatchObject({ ok: false, field: 'project' });
    expect(check({ nodes: 1.5 })).toMatchObject({ ok: false, field: 'nodes', message: 'Nodes (--nodes) must be a whole number.' });
    expect(check({ gpus: 'lots' })).toMatchObject({ ok: false, field: 'gpus' });
    expect(check({ annexName: ' ' })).toMatchObject({ ok: false, field: 'annexName' });
  });
});
