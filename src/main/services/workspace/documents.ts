import { constants as fsConstants, promises as fsp } from 'node:fs';
import path from 'node:path';
import type { CanvasLayout, CatalogPaths, DocumentFormat, ExportedFile, ExportFormat, OpenedDocument, SavedDocument } from '../../../shared/ipc';
import type { CatalogFiles, Diagnostic, Workflow } from '../../../shared/model';
import { writeFileAtomic } from './atomic-write';
import { CATALOG_FILE_NAMES, type DocumentFormats } from './document-formats';
import type { PathGuard } from './path-guard';
import type { RecentStore } from './recent';
import type { RecoveryStore } from './recovery';
import { fsError, ServiceError } from './service-error';
import { readSidecar, sidecarPath, sidecarText } from './sidecar';
import { readWorkflow, writeWorkflow } from '../../../shared/formats/pegasus-yaml';

/**
 * The text to write when the renderer sent its YAML text: that text, if it is YAML and reads
 * back to the same workflow (so comments and key order the user wrote survive the save);
 * otherwise `undefined`, and the writer's output is written.
 */
export function keptText(input: Pick<SaveInput, 'text' | 'workflow'>, format: DocumentFormat): string | undefined {
  if (input.text === undefined || format !== 'yaml') return undefined;
  const read = readWorkflow(input.text);
  if (!read.ok) return undefined;
  return writeWorkflow(read.value, { format: 'json' }) === writeWorkflow(input.workflow, { format: 'json' }) ? input.text : undefined;
}

export interface SaveInput {
  path: string;
  workflow: Workflow;
  layout: CanvasLayout | null;
  format?: DocumentFormat;
  catalogs?: CatalogFiles;
  catalogPaths?: CatalogPaths;
  recoveryId?: string;
  /** The YAML as the code view holds it (the user's comments kept); see {@link keptText}. */
  text?: string;
}

export interface ExportInput {
  path: string;
  workflow: Workflow;
  catalogs?: CatalogFiles;
  format: ExportFormat;
  files?: boolean;
  reduce?: boolean;
  overwrite?: boolean;
}

export interface DocumentServiceDeps {
  formats: DocumentFormats;
  guard: PathGuard;
  recent: RecentStore;
  recovery: RecoveryStore;
}

/** `.json` → json, anything else → yaml (the Pegasus default). */
export function formatOf(file: string): DocumentFormat {
  return path.extname(file).toLowerCase() === '.json' ? 'json' : 'yaml';
}

/** `file:line:column: message` for the first error, the way compilers print it. */
export function describeDiagnostic(file: string, diagnostic: Diagnostic): string {
  const where = diagnostic.location ? `${path.basename(diagnostic.location.file ?? file)}:${diagnostic.location.line}:${diagnostic.location.column}` : path.basename(file);
  return `${where}: ${diagnostic.message}`;
}

/**
 * Open, Save, Save As and Export. Every path goes through the guard first; every write is
 * atomic ({@link writeFileAtomic}); a file that cannot be read throws `UNREADABLE` with the
 * reader's diagnostics and changes nothing (not even the Recent list).
 */
export class DocumentService {
  constructor(private readonly deps: DocumentServiceDeps) {}

  /**
   * Reads a workflow file once (the loader's text is reused). `withText: false` leaves the
   * file's text out of the answer: the page that opens a document does not use it, and at
   * 10^5 jobs it is some 20 MB more to send and parse.
   */
  async open(requested: string, options: { withText?: boolean } = {}): Promise<OpenedDocument> {
    const file = await this.deps.guard.check(requested, 'read');
    const stat = await fsp.stat(file).catch((error: unknown) => {
      throw fsError(error, file, 'opening');
    });
    if (!stat.isFile()) throw new ServiceError('IO_ERROR', `${file}: not a file`);
    // Permission is checked first so that a file that cannot be read says so (not "unreadable YAML").
    await fsp.access(file, fsConstants.R_OK).catch((error: unknown) => {
      throw fsError(error, file, 'reading');
    });
    const loaded = await this.deps.formats.loadWorkflowBundle(file);
    if (!loaded.ok) {
      const first = loaded.diagnostics.find((d) => d.severity === 'error') ?? loaded.diagnostics[0];
      const message = first ? describeDiagnostic(file, first) : `${path.basename(file)}: not a Pegasus workflow`;
      throw new ServiceError('UNREADABLE', message, loaded.diagnostics);
    }
    const catalogFiles: CatalogPaths = {};
    for (const key of ['sites', 'replicas', 'transformations'] as const) {
      const found = loaded.files[key];
      if (found) {
        catalogFiles[key] = found;
        this.deps.guard.grant(found);
      }
    }
    const text =
      loaded.text ??
      (await fsp.readFile(file, 'utf8').catch((error: unknown) => {
        throw fsError(error, file, 'reading');
      }));
    const sidecar = await readSidecar(file);
    const recent = await this.deps.recent.add(file);
    const opened: OpenedDocument = {
      path: file,
      name: path.basename(file),
      format: /^\s*\{/.test(text) ? 'json' : 'yaml',
      ...(options.withText === false ? {} : { text }),
      bundle: loaded.bundle,
      diagnostics: loaded.diagnostics,
      catalogFiles,
      layout: sidecar.layout,
      recent,
    };
    if (sidecar.problem) opened.layoutProblem = sidecar.problem;
    return opened;
  }

  async save(input: SaveInput): Promise<SavedDocument> {
    const file = await this.deps.guard.check(input.path, 'write');
    return this.write(file, input);
  }

  /** Save under a new name; refuses to replace an existing file unless `overwrite`. */
  async saveAs(input: SaveInput & { overwrite?: boolean }): Promise<SavedDocument> {
    const file = await this.deps.guard.check(input.path, 'write');
    if (!input.overwrite && (await exists(file))) throw new ServiceError('EXISTS', `${path.basename(file)} already exists; replace it?`);
    const saved = await this.write(file, input);
    this.deps.guard.grant(file);
    return saved;
  }

  /** Writes the workflow in another format; no sidecar, no Recent entry. */
  async export(input: ExportInput): Promise<ExportedFile> {
    const file = await this.deps.guard.check(input.path, 'write');
    if (!input.overwrite && (await exists(file))) throw new ServiceError('EXISTS', `${path.basename(file)} already exists; replace it?`);
    const text = this.deps.formats.exportWorkflow({ workflow: input.workflow, catalogs: input.catalogs ?? {} }, input.format, { files: input.files, reduce: input.reduce });
    const bytes = await this.writeText(file, text);
    return { path: file, format: input.format, bytes };
  }

  private async write(file: string, input: SaveInput): Promise<SavedDocument> {
    const format = input.format ?? formatOf(file);
    // Serialise everything first: a writer problem must stop the save before any file changes.
    const text = keptText(input, format) ?? this.deps.formats.writeWorkflow(input.workflow, { format });
    const catalogTargets: Array<[keyof CatalogFiles, string, string]> = [];
    for (const [key, catalogText] of this.catalogTexts(input.catalogs)) {
      const named = input.catalogPaths?.[key];
      const target = named ? await this.deps.guard.check(named, 'write') : path.join(path.dirname(file), CATALOG_FILE_NAMES[key]);
      catalogTargets.push([key, target, catalogText]);
    }
    const bytes = await this.writeText(file, text);
    let layoutPath: string | null = null;
    if (input.layout) {
      layoutPath = sidecarPath(file);
      await this.writeText(layoutPath, sidecarText(input.layout));
    }
    const catalogFiles: CatalogPaths = {};
    for (const [key, catalogFile, catalogText] of catalogTargets) {
      await this.writeText(catalogFile, catalogText);
      catalogFiles[key] = catalogFile;
    }
    if (input.recoveryId) await this.deps.recovery.discard(input.recoveryId);
    const recent = await this.deps.recent.add(file);
    return { path: file, name: path.basename(file), format, bytes, layoutPath, catalogFiles, recent };
  }

  private catalogTexts(catalogs: CatalogFiles | undefined): Array<[keyof CatalogFiles, string]> {
    const out: Array<[keyof CatalogFiles, string]> = [];
    if (!catalogs) return out;
    const { formats } = this.deps;
    if (catalogs.sites) out.push(['sites', formats.writeSiteCatalog(catalogs.sites)]);
    if (catalogs.replicas) out.push(['replicas', formats.writeReplicaCatalog(catalogs.replicas)]);
    if (catalogs.transformations) out.push(['transformations', formats.writeTransformationCatalog(catalogs.transformations)]);
    return out;
  }

  private async writeText(file: string, text: string): Promise<number> {
    try {
      return await writeFileAtomic(file, text);
    } catch (error) {
      throw fsError(error, file, 'saving');
    }
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fsp.lstat(file);
    return true;
  } catch {
    return false;
  }
}
