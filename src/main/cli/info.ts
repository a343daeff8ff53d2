import path from 'node:path';
import { inferDependencies } from '../../shared/infer';
import { graphFacts, type GraphFacts } from '../../shared/validate';
import { loadWorkflowBundle, type BundleFiles, type LoadBundleOptions } from '../services/workspace/load-bundle';
import type { WorkflowBundle } from '../../shared/model';
import { CATALOG_OPTIONS_USAGE, takeCatalogOption } from './bundle-options';
import { UsageError, type CliCommand, type CliIo } from './command';
import { UNREADABLE_CODES, diagnosticLine, displayPath } from './report';

const usage = `usage: pegasus-canvas info FILE [--json] [catalog options]

Prints the shape of the workflow FILE: counts of jobs, files and dependencies, levels (the
longest path from a root, as pegasus-plan levels jobs), width (most jobs on one level), roots,
leaves, and the critical path by the pegasus "runtime" profile (transformation catalog first,
then the job).

  --json                    one JSON document on stdout
${CATALOG_OPTIONS_USAGE}
`;

type CatalogOrigin = 'embedded' | 'file' | 'embedded+file' | 'none';

function origins(
  bundle: WorkflowBundle,
  files: BundleFiles,
  cwd: string,
): Record<'sites' | 'replicas' | 'transformations', { origin: CatalogOrigin; file?: string }> {
  const one = (embedded: boolean, file: string | undefined) => {
    const origin: CatalogOrigin = embedded ? (file ? 'embedded+file' : 'embedded') : file ? 'file' : 'none';
    return file ? { origin, file: displayPath(file, cwd) } : { origin };
  };
  const wf = bundle.workflow;
  return {
    sites: one(wf.siteCatalog !== undefined, files.sites),
    replicas: one(wf.replicaCatalog !== undefined, files.replicas),
    transformations: one(wf.transformationCatalog !== undefined, files.transformations),
  };
}

function seconds(s: number): string {
  if (s < 60) return `${s} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = Math.round(s % 60);
  return `${s} s (${h > 0 ? `${h} h ` : ''}${m} min${rest > 0 ? ` ${rest} s` : ''})`;
}

function textReport(name: string, file: string, facts: GraphFacts, catalogs: ReturnType<typeof origins>): string {
  const rows: Array<[string, string]> = [
    ['workflow', `${name} (${file})`],
    ['jobs', String(facts.jobs)],
    ['files', String(facts.files)],
    ['edges', `${facts.edges} (${facts.inferredEdges} inferred from files, ${facts.explicitEdges} explicit only)`],
    ['levels', facts.acyclic ? String(facts.levels) : '- (the dependencies have a cycle: run validate)'],
    ['width', facts.acyclic ? String(facts.width) : '-'],
    ['roots', String(facts.roots)],
    ['leaves', String(facts.leaves)],
  ];
  if (facts.criticalPath) {
    const path = facts.criticalPath.jobs;
    const shown = path.length > 12 ? [...path.slice(0, 5), `… ${path.length - 10} more …`, ...path.slice(-5)] : path;
    const missing =
      facts.jobsWithoutRuntime > 0 ? `; ${facts.jobsWithoutRuntime} job(s) without a runtime count as 0 s` : '';
    rows.push(
      ['critical path', `${path.length} job(s), ${seconds(facts.criticalPath.seconds)}${missing}`],
      ['', shown.join(' -> ')],
    );
  } else rows.push(['critical path', '-']);
  const describe = (c: { origin: CatalogOrigin; file?: string }) => (c.file ? `${c.origin} (${c.file})` : c.origin);
  rows.push(
    ['catalogs', `sites: ${describe(catalogs.sites)}`],
    ['', `replicas: ${describe(catalogs.replicas)}`],
    ['', `transformations: ${describe(catalogs.transformations)}`],
  );
  return `${rows.map(([k, v]) => `${k.padEnd(14)}${v}`).join('\n')}\n`;
}

export const infoCommand: CliCommand = {
  name: 'info',
  summary: 'counts of jobs, files, edges, levels, width, roots, leaves and the critical path',
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    const options: LoadBundleOptions = {};
    let file: string | undefined;
    let json = false;
    for (let i = 0; i < args.length;) {
      const used = takeCatalogOption(args, i, io.cwd, options);
      if (used > 0) {
        i += used;
        continue;
      }
      const arg = args[i]!;
      if (arg === '--json') json = true;
      else if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}'`);
      else if (file === undefined) file = path.resolve(io.cwd, arg);
      else throw new UsageError(`one workflow file only ('${arg}' is extra)`);
      i++;
    }
    if (file === undefined) throw new UsageError('missing the workflow FILE');
    const loaded = await loadWorkflowBundle(file, options);
    if (!loaded.ok) {
      io.stderr(
        `${loaded.diagnostics
          .filter((d) => d.severity === 'error')
          .map((d) => diagnosticLine(d, file, io.cwd))
          .join('\n')}\n`,
      );
      return loaded.diagnostics.some((d) => UNREADABLE_CODES.has(d.code)) ? 2 : 1;
    }
    const { workflow } = loaded.bundle;
    const facts = graphFacts(workflow, inferDependencies(workflow), loaded.bundle.catalogs.transformations);
    const catalogs = origins(loaded.bundle, loaded.files, io.cwd);
    if (json)
      io.stdout(
        `${JSON.stringify({ workflow: workflow.name, file: displayPath(file, io.cwd), ...facts, catalogs }, null, 2)}\n`,
      );
    else io.stdout(textReport(workflow.name, displayPath(file, io.cwd), facts, catalogs));
    return 0;
  },
};
