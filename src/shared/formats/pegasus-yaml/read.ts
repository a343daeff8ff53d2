import type { ReplicaCatalog, SiteCatalog, TransformationCatalog } from '../../model/catalogs';
import type { Result } from '../../model/diagnostic';
import type { Job } from '../../model/job';
import type { Workflow } from '../../model/workflow';
import { explicitOnly } from '../../infer';
import { jobDependencyList } from './dependencies';
import { READ_CODES } from './codes';
import { readReplicaCatalogMap, readSiteCatalogMap, readTransformationCatalogMap } from './read-catalogs';
import { ReadContext, typeName } from './read-context';
import { notAWorkflow, readJob, readWorkflowMap } from './read-workflow';
import { parseSource, type SourceOptions } from './source';
import { hasKey, isTreeMap, type TreeMap, type TreeValue } from './tree';

/** Options of the readers: the file name for diagnostics, and the size cap (default 500 MB). */
export type ReadOptions = SourceOptions;

/**
 * Reads a Pegasus 5.0 workflow (YAML or JSON) into the model.
 *
 * It reads what pegasus-plan reads, also where the official schema is stricter (an embedded
 * site catalog without `pegasus:`, `uses[].size` as a number, any workflow name, the `stat`
 * profile namespace, workflow-level profiles). Schema problems become diagnostics with a code,
 * a file, line and column; the file still opens, and unknown keys are kept in `extra`.
 * `ok: false` only when the text cannot be a workflow: malformed YAML, not a mapping, no
 * `jobs` list, too large, too deep, an alias bomb.
 *
 * `jobDependencies` edges that the files explain are dropped (`explicitOnly`): the model
 * stores only control dependencies, and the writer writes inferred ∪ explicit again.
 *
 * Cost: O(text length) for parsing (a fast scanner for the block YAML the API writes,
 * `JSON.parse` for JSON, the `yaml` library otherwise), O(jobs + uses) for the rest; a second
 * parsing pass only when there are diagnostics to locate.
 */
export function readWorkflow(text: string, options: ReadOptions = {}): Result<Workflow> {
  // Jobs are mapped as the fast parser finishes each one (their parsed form then dies young).
  let ctx = new ReadContext();
  const jobs: Job[] = [];
  const onItem = (key: string, item: TreeValue, index: number): TreeValue => {
    if (key !== 'jobs') return item;
    ctx.path.length = 0;
    ctx.path.push('jobs', index);
    const job = readJob(ctx, item, index);
    if (job) jobs.push(job);
    ctx.path.length = 0;
    return null;
  };
  const parsed = parseSource(text, options, onItem);
  if (!parsed.ok) return parsed;
  const source = parsed.value;
  const why = notAWorkflow(source.root);
  if (why) {
    return {
      ok: false,
      diagnostics: [...source.diagnostics, { code: READ_CODES.notADocument, severity: 'error', message: why, location: source.locate(isTreeMap(source.root) && hasKey(source.root, 'jobs') ? ['jobs'] : [], 'value') ?? { line: 1, column: 1 } }],
    };
  }
  if (!source.hooked) ctx = new ReadContext();
  const workflow = readWorkflowMap(ctx, source.root as TreeMap, source.hooked ? jobs : undefined);
  // Only the edges files do not explain, in the order the writer uses (so that a written file
  // reads back the same). Files from the API have none left: then no second pass.
  const explicit = explicitOnly(workflow);
  workflow.dependencies = explicit.length === 0 ? explicit : explicitOnly({ ...workflow, dependencies: jobDependencyList({ ...workflow, dependencies: explicit }) });
  return { ok: true, value: workflow, diagnostics: ctx.finish(source) };
}

function readCatalog<T extends { pegasus?: string }>(
  text: string,
  options: ReadOptions,
  what: string,
  listKey: string,
  read: (ctx: ReadContext, map: TreeMap, standalone: boolean) => T,
): Result<T> {
  const parsed = parseSource(text, options);
  if (!parsed.ok) return parsed;
  const source = parsed.value;
  const root = source.root;
  if (!isTreeMap(root) || !hasKey(root, listKey)) {
    const message = isTreeMap(root) ? `this is not a ${what}: it has no "${listKey}:" list` : `a ${what} file holds a mapping, not ${typeName(root)}`;
    return { ok: false, diagnostics: [...source.diagnostics, { code: READ_CODES.notADocument, severity: 'error', message, location: source.locate([], 'value') ?? { line: 1, column: 1 } }] };
  }
  const ctx = new ReadContext();
  if (!hasKey(root, 'pegasus')) {
    // The schema (and so pegasus-plan's validation of catalog files) wants it; some hosted catalogs lack it.
    ctx.report(READ_CODES.missingKey, 'warning', `a ${what} file needs "pegasus: 5.0" at the top (the schema requires it)`, 'value');
  }
  const catalog = read(ctx, root, true);
  return { ok: true, value: catalog, diagnostics: ctx.finish(source) };
}

/** Reads a standalone site catalog (`sites.yml`); same rules as {@link readWorkflow}. */
export function readSiteCatalog(text: string, options: ReadOptions = {}): Result<SiteCatalog> {
  return readCatalog(text, options, 'site catalog', 'sites', readSiteCatalogMap);
}

/** Reads a standalone replica catalog (`replicas.yml`); same rules as {@link readWorkflow}. */
export function readReplicaCatalog(text: string, options: ReadOptions = {}): Result<ReplicaCatalog> {
  return readCatalog(text, options, 'replica catalog', 'replicas', readReplicaCatalogMap);
}

/** Reads a standalone transformation catalog (`transformations.yml`); same rules as {@link readWorkflow}. */
export function readTransformationCatalog(text: string, options: ReadOptions = {}): Result<TransformationCatalog> {
  return readCatalog(text, options, 'transformation catalog', 'transformations', readTransformationCatalogMap);
}
