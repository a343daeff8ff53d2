import { inferDependencies } from '../infer';
import type { Diagnostic, Result } from '../model/diagnostic';
import type { WorkflowBundle } from '../model/workflow';
import { mergeCatalogs } from './catalogs';
import { cluster } from './clustering';
import { addCreateDirs } from './create-dir';
import { dataReuse } from './data-reuse';
import { PLAN_CODES, planError, planInfo } from './diagnostics';
import { keptLevels, topologicalOrder } from './graph-utils';
import { addInPlaceCleanup } from './inplace-cleanup';
import { addLeafCleanup } from './leaf-cleanup';
import { resolveOptions } from './options';
import { assignPriorities } from './priorities';
import { addRegistrations } from './registration';
import { selectSites } from './site-selection';
import { addTransfers } from './staging';
import type { ExecutableWorkflow, PlanOptions, PlanState } from './types';
import { addWorkerPackage } from './worker-package';

/**
 * Plans an abstract workflow offline, as pegasus-plan does (pegasus.md §4), into the
 * executable workflow that the DAGMan writers and the local executor take.
 *
 * Passes, in pegasus-plan's order: cycle check → data reuse → site and staging-site
 * selection → clustering → stage-in, inter-site and stage-out jobs → registration jobs →
 * worker package → create-dir jobs → in-place cleanup → leaf cleanup → priorities.
 * Each pass is a pure function of the previous state.
 *
 * Fails (ok: false) with PC4xx errors naming the job and the reason when pegasus-plan would
 * refuse the workflow. Cost: O(jobs + uses + edges) (plus ⌈staging sites/32⌉ factors).
 */
export function plan(
  bundle: WorkflowBundle,
  options: PlanOptions = {},
  hooks: PlanHooks = {},
): Result<ExecutableWorkflow> {
  const workflow = bundle.workflow;
  let passIndex = 0;
  const done = (pass: PlanPass): void => hooks.onPass?.(pass, ++passIndex, PLAN_PASSES.length);
  const diagnostics: Diagnostic[] = [];
  if (workflow.jobs.length === 0) {
    return {
      ok: false,
      diagnostics: [
        planError(PLAN_CODES.empty, `Workflow ${workflow.name} has no jobs: pegasus-plan refuses an empty workflow.`, {
          kind: 'workflow',
        }),
      ],
    };
  }

  const catalogs = mergeCatalogs(
    workflow,
    bundle.catalogs,
    (options.submitDir ?? '/submit').replace(/\/+$/, '') || '/',
  );
  for (const site of catalogs.autoCreated) {
    diagnostics.push(
      planInfo(
        PLAN_CODES.siteCreated,
        `Site ${site} is not in the site catalog: created with pegasus-plan's defaults.`,
        { kind: 'site', name: site },
      ),
    );
  }
  const resolved = resolveOptions(options, workflow, catalogs);
  diagnostics.push(...resolved.diagnostics);
  const opts = resolved.options;
  if (hasErrors(diagnostics)) return { ok: false, diagnostics };

  const graph = inferDependencies(workflow);
  const order = topologicalOrder(graph);
  if (!order) {
    diagnostics.push(
      planError(
        PLAN_CODES.cycle,
        `Workflow ${workflow.name} has a dependency cycle: pegasus-plan stops at its cycle check.`,
        { kind: 'workflow' },
      ),
    );
    return { ok: false, diagnostics };
  }
  const reuse = dataReuse(workflow, graph, order, catalogs.replicas, opts.force);
  const levels = keptLevels(graph, order, reuse.pruned);
  done('data reuse');
  const prunedJobs = workflow.jobs.filter((_, i) => reuse.pruned[i] === 1).map((job) => job.id);
  const label = workflow.name;

  let state: PlanState;
  if (reuse.prunedCount === workflow.jobs.length) {
    // Nothing left to run; the existing outputs may still have to reach the output sites.
    const empty: PlanState = { jobs: [], edgeFrom: [], edgeTo: [] };
    const staged = addTransfers(empty, workflow, catalogs, opts, reuse.pruned);
    if (staged.state.jobs.length > 0) {
      diagnostics.push(
        planInfo(
          PLAN_CODES.allPruned,
          'Every job’s outputs already have replicas: only their stage-out to the output sites remains (use --force to run it all).',
          { kind: 'workflow' },
          'warning',
        ),
      );
      state = addRegistrations(staged.state, staged.registrations);
    } else {
      diagnostics.push(
        planInfo(
          PLAN_CODES.allPruned,
          `Every job's outputs already have replicas: the workflow is reduced to a single NOOP job (use --force to run it all).`,
          { kind: 'workflow' },
          'warning',
        ),
      );
      state = {
        jobs: [
          {
            name: `noop_${label}_${opts.index}`,
            kind: 'noop',
            site: 'local',
            level: 0,
            tasks: [],
            transformation: 'pegasus::noop',
          },
        ],
        edgeFrom: [],
        edgeTo: [],
      };
    }
  } else {
    const sited = selectSites(workflow, graph, levels, reuse.pruned, catalogs, opts);
    diagnostics.push(...sited.diagnostics);
    if (hasErrors(diagnostics)) return { ok: false, diagnostics };
    done('site selection');

    const clustered = cluster(sited.state, workflow, catalogs, opts.cluster);
    diagnostics.push(...clustered.diagnostics);
    if (hasErrors(diagnostics)) return { ok: false, diagnostics };
    done('clustering');

    const staged = addTransfers(clustered.state, workflow, catalogs, opts, reuse.pruned);
    diagnostics.push(...staged.diagnostics);
    if (hasErrors(diagnostics)) return { ok: false, diagnostics };
    done('staging');

    state = addRegistrations(staged.state, staged.registrations);
    done('registration');
    state = addWorkerPackage(state, label, opts);
    state = addCreateDirs(state, label, catalogs, opts);
    done('create-dir');
    if (opts.cleanup === 'inplace') {
      if (state.jobs.some((job) => job.kind === 'dax' || job.kind === 'dag')) {
        diagnostics.push(
          planInfo(
            PLAN_CODES.inplaceOff,
            'In-place cleanup is off in a hierarchical workflow (it cannot see files used across sub-workflows); only the leaf cleanup jobs are added.',
            {
              kind: 'workflow',
            },
          ),
        );
      } else state = addInPlaceCleanup(state, workflow, catalogs, opts.relativeDir);
    }
    if (opts.cleanup !== 'none') state = addLeafCleanup(state, label, catalogs, opts);
    done('cleanup');
  }

  const final = assignPriorities(state);
  passIndex = PLAN_PASSES.length - 1;
  done('priorities');
  return {
    ok: true,
    value: {
      name: label,
      index: opts.index,
      jobs: final.state.jobs,
      graph: final.graph,
      relativeDir: opts.relativeDir,
      options: opts,
      workflow,
      prunedJobs,
    },
    diagnostics,
  };
}

/** The passes {@link PlanHooks.onPass} reports, in order. */
export const PLAN_PASSES = [
  'data reuse',
  'site selection',
  'clustering',
  'staging',
  'registration',
  'create-dir',
  'cleanup',
  'priorities',
] as const;

/** One of {@link PLAN_PASSES}. */
export type PlanPass = (typeof PLAN_PASSES)[number];

/** Callbacks for a caller that shows progress (the app plans in a worker and reports each pass). */
export interface PlanHooks {
  /** Called after each pass with its 1-based position among `total`. */
  onPass?: (pass: PlanPass, index: number, total: number) => void;
}

function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
