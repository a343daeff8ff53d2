/**
 * The contract between the renderer and the main process (DESIGN.md §1).
 *
 * One table: channel → zod request schema; {@link IpcValues} gives each channel's answer.
 * Every answer is an {@link IpcResult}: `{ ok: true, value }` or `{ ok: false, error }`.
 * The main process validates every request against its schema at run time
 * (`src/main/handlers.ts`); the Electron preload and the browser-mode WebSocket client both
 * implement {@link WindowApi}, one named function per channel (`document.open` →
 * `documentOpen`). Main → renderer messages are menu commands ({@link AppCommand}) and events (`ipc-events.ts`).
 *
 * Paths are absolute file-system paths of the machine running the main process. In browser
 * mode they are confined to the server's roots (see `fs.listDir`).
 */
import { z } from 'zod';
import { CHANNEL_NAMES, type AppCommand, type ChannelName, type MethodName } from './ipc-channels';
import type { AppEvent } from './ipc-events';
import { localRunChannels, type LocalRunIpcValues } from './ipc-local-run';
import { remoteChannels, type RemoteIpcValues } from './ipc-remote';
import { positionsProblem, workflowShapeProblem } from './ipc-shape';
import type { CatalogFiles, Diagnostic, Workflow, WorkflowBundle } from './model';

export { APP_COMMANDS, CHANNEL_NAMES, COMMAND_CHANNEL, WEB_SOCKET_PATH, methodName } from './ipc-channels';
export type { AppCommand, ChannelName, MethodName } from './ipc-channels';
export { EVENT_CHANNEL, isAppEvent } from './ipc-events';
export type { AppEvent, ConnectionStatus, PromptField, PromptKind, PromptRequest, RunSummary } from './ipc-events';

// ---------------------------------------------------------------- results and errors

/**
 * Error codes an answer may carry. `BAD_REQUEST`: the request failed its schema (the message
 * names the field). `UNREADABLE`: the file exists but its text is not a readable document
 * (the message gives `file:line:column`, `diagnostics` gives every problem).
 */
export const IPC_ERROR_CODES = [
  'BAD_REQUEST',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN',
  'NOT_FOUND',
  'EXISTS',
  'UNREADABLE',
  'IO_ERROR',
  'NOT_AVAILABLE',
  'INTERNAL',
] as const;

export type IpcErrorCode = (typeof IPC_ERROR_CODES)[number];

export interface IpcError {
  code: IpcErrorCode;
  message: string;
  /** For `UNREADABLE`: the reader's diagnostics, with line and column. */
  diagnostics?: Diagnostic[];
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

// ---------------------------------------------------------------- shared schemas

const pathSchema = z.string().min(1, 'a path is required').max(4096);

/** A node position on the canvas. */
export const pointSchema = z.object({ x: z.number(), y: z.number() });

/**
 * The sidecar `NAME.canvas.json`: canvas positions, kept out of the YAML so that the
 * workflow file stays what pegasus-plan reads (DESIGN.md §2). Unknown keys are kept.
 */
const positionsSchema = z.unknown().superRefine((value, ctx) => {
  const problem = positionsProblem(value, []);
  if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
});

export const canvasLayoutSchema = z
  .object({
    version: z.literal(1),
    /** Job id → position (checked by a loop, not a zod record: a layout holds one entry per job). */
    jobs: positionsSchema,
    /** LFN → position. */
    files: positionsSchema,
    viewport: z.object({ x: z.number(), y: z.number(), zoom: z.number().positive() }).optional(),
    /** Which view the canvas showed: jobs and files, or jobs only. */
    view: z.enum(['files', 'jobs']).optional(),
  })
  .loose()
  .transform((value) => value as unknown as CanvasLayout);

/** The sidecar's content (see {@link canvasLayoutSchema}); unknown keys are kept. */
export interface CanvasLayout {
  version: 1;
  jobs: Record<string, Point>;
  files: Record<string, Point>;
  viewport?: { x: number; y: number; zoom: number };
  view?: 'files' | 'jobs';
  [key: string]: unknown;
}
export type Point = z.infer<typeof pointSchema>;

/**
 * A {@link Workflow} as the renderer sends it. The run-time check covers the structure the
 * writers rely on (jobs, uses, arguments, dependencies) with the plain loops of
 * `ipc-shape.ts`; the writers keep every other field as it is.
 */
export const workflowSchema = z
  .unknown()
  .superRefine((value, ctx) => {
    const problem = workflowShapeProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
  })
  .transform((value) => value as Workflow);

const catalogFilesSchema = z
  .object({
    sites: z.object({ sites: z.array(z.unknown()) }).loose().optional(),
    replicas: z.object({ replicas: z.array(z.unknown()) }).loose().optional(),
    transformations: z.object({ transformations: z.array(z.unknown()) }).loose().optional(),
  })
  .transform((value) => value as unknown as CatalogFiles);

/** Written workflow formats. */
export const documentFormatSchema = z.enum(['yaml', 'json']);
export type DocumentFormat = z.infer<typeof documentFormatSchema>;

/** Export formats (`src/shared/formats/export.ts`): Pegasus YAML or JSON, a Python API script, Graphviz DOT. */
export const exportFormatSchema = z.enum(['yaml', 'json', 'python', 'dot']);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

/** Templates for File → New (built by `src/shared/templates`). */
export const TEMPLATE_IDS = ['blank', 'hello-world', 'diamond', 'fan-out-fan-in', 'variant-calling'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

/** A recovery id: made by the renderer (one per open document), safe as a file name. */
const recoveryIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ only (1–64)');

const saveRequestSchema = z.object({
  path: pathSchema,
  workflow: workflowSchema,
  /** The sidecar to write beside the file; `null` writes none (and leaves an old one alone). */
  layout: canvasLayoutSchema.nullable(),
  /** Default: from the extension (`.json` → json), else yaml. */
  format: documentFormatSchema.optional(),
  /** Catalog files to write beside the workflow (`sites.yml`, `replicas.yml`, `transformations.yml`). */
  catalogs: catalogFilesSchema.optional(),
  /**
   * Where each catalog goes: the paths `document.open` answered in `catalogFiles` (a catalog
   * may live in `NAME-catalogs/`). Default: `sites.yml` etc. beside the workflow.
   */
  catalogPaths: z.object({ sites: pathSchema.optional(), replicas: pathSchema.optional(), transformations: pathSchema.optional() }).optional(),
  /** A recovery entry to discard once the file is safely on disk. */
  recoveryId: recoveryIdSchema.optional(),
  /**
   * The YAML text with the user's comments (the code view's document): written instead of the
   * writer's output when it reads back to `workflow`, so hand edits survive the save.
   */
  text: z.string().optional(),
});

// ---------------------------------------------------------------- channels

const empty = z.object({}).strict();

/**
 * Every channel and its request schema. Add a channel here, give it a value type in
 * {@link IpcValues} and a handler in `src/main/handlers.ts`; the preload and the web
 * client pick it up from this list.
 */
export const channels = {
  /** Where the renderer runs: native dialogs (`electron`) or in-page ones (`web`). */
  'app.info': empty,
  /** The document name shown in the window title (`null`: no document). */
  'app.setTitle': z.object({ name: z.string().max(500).nullable() }),
  /** Marks unsaved edits: title mark and the close guard. */
  'app.setDirty': z.object({ dirty: z.boolean() }),
  /** Closes the window after the renderer has saved (answer to the `file.saveThenClose` command). */
  'app.close': z.object({ force: z.boolean().optional() }),

  'templates.list': empty,
  'document.new': z.object({
    template: z.enum(TEMPLATE_IDS),
    /** Fan-out width for `fan-out-fan-in` (1–1000, default 4). */
    n: z.number().int().min(1).max(1000).optional(),
    /** Workflow name; default from the template. */
    name: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,100}$/, 'letters, digits, ".", "-" and "_" only')
      .optional(),
  }),
  /** `text: false` leaves the file's text out of the answer (the page opening a document does not need it). */
  'document.open': z.object({ path: pathSchema, text: z.boolean().optional() }),
  'document.save': saveRequestSchema,
  /** As save; refuses an existing file (`EXISTS`) unless `overwrite`. */
  'document.saveAs': saveRequestSchema.extend({ overwrite: z.boolean().optional() }),
  /**
   * Writes the workflow in another format to `path` (atomic); the document's own file is
   * untouched. `python`: a Pegasus 5 API script (uses `catalogs` too); `dot`: Graphviz.
   */
  'document.export': z.object({
    path: pathSchema,
    workflow: workflowSchema,
    catalogs: catalogFilesSchema.optional(),
    format: exportFormatSchema,
    /** dot only: draw files as nodes; drop edges implied by others. */
    files: z.boolean().optional(),
    reduce: z.boolean().optional(),
    overwrite: z.boolean().optional(),
  }),

  'recent.list': empty,
  'recent.remove': z.object({ path: pathSchema }),

  /** Autosave: the renderer calls this every few seconds while there are unsaved edits. */
  'recovery.write': z.object({
    id: recoveryIdSchema,
    /** The document's file, or `null` when it was never saved. */
    path: pathSchema.nullable(),
    name: z.string().max(500),
    workflow: workflowSchema,
    layout: canvasLayoutSchema.nullable(),
    catalogs: catalogFilesSchema.optional(),
  }),
  /** Entries left by a previous run (offered for restore at start). */
  'recovery.list': empty,
  'recovery.restore': z.object({ id: recoveryIdSchema }),
  'recovery.discard': z.object({ id: recoveryIdSchema }),

  /** Native dialogs (Electron only; `NOT_AVAILABLE` in browser mode, where the renderer draws its own). */
  'dialog.openFile': z.object({ title: z.string().max(200).optional(), defaultPath: pathSchema.optional() }),
  'dialog.saveFile': z.object({
    title: z.string().max(200).optional(),
    defaultPath: pathSchema.optional(),
    format: documentFormatSchema.optional(),
  }),
  'dialog.confirm': z.object({
    message: z.string().min(1).max(2000),
    detail: z.string().max(4000).optional(),
    /** Button labels, left to right (1–3). */
    buttons: z.array(z.string().min(1).max(60)).min(1).max(3),
    defaultId: z.number().int().min(0).max(2).optional(),
    cancelId: z.number().int().min(0).max(2).optional(),
  }),

  /** Lists a folder for the in-page file chooser. Default: the first root. Confined to the roots. */
  'fs.listDir': z.object({ path: pathSchema.optional(), showHidden: z.boolean().optional() }),
  /** A text file beside the workflow (a transformation's local script, a DAG file), at most 5 MB. */
  'script.read': z.object({ path: pathSchema }),
  /** Writes a text file (atomic); the path is checked like a document's. */
  'script.write': z.object({ path: pathSchema, text: z.string().max(5 * 1024 * 1024) }),

  /** Connection, runs, annex and Jetstream2: see `ipc-remote.ts`. */
  ...remoteChannels,

  /** Runs on this machine (`Run locally`): see `ipc-local-run.ts`. */
  ...localRunChannels,
} as const;

export type Channel = keyof typeof channels;

/** The channel names, in declaration order. */
export const channelNames: readonly Channel[] = CHANNEL_NAMES;

// ---------------------------------------------------------------- value types

export interface AppInfo {
  mode: 'electron' | 'web';
  /** `native` in Electron; `in-page` in browser mode. */
  dialogs: 'native' | 'in-page';
  /** `process.platform` of the main process. */
  platform: string;
  version: string;
  /** A file named on the command line, to open at start. */
  initialFile: string | null;
  /** Where the in-page file chooser may go (browser mode); empty in Electron. */
  roots: string[];
}

export interface TitleValue {
  /** The title now shown, e.g. `• diamond.yml — Pegasus Canvas` (browser mode sets `document.title` to it). */
  title: string;
}

export interface TemplateInfo {
  id: TemplateId;
  title: string;
  description: string;
  /** Present when the template takes the fan-out width `n`. */
  n?: { min: number; max: number; default: number };
}

export interface NewDocument {
  /** Suggested file name, e.g. `diamond.yml`. */
  name: string;
  bundle: WorkflowBundle;
  /** Diagnostics of the template (empty: every template validates clean). */
  diagnostics: Diagnostic[];
}

export interface CatalogPaths {
  sites?: string;
  replicas?: string;
  transformations?: string;
}

export interface RecentEntry {
  path: string;
  /** File name without folder. */
  name: string;
  /** ISO 8601. */
  openedAt: string;
}

export interface OpenedDocument {
  path: string;
  name: string;
  format: DocumentFormat;
  /** The workflow file as read; absent when the request said `text: false`. */
  text?: string;
  /** The workflow and the catalog files found beside it. */
  bundle: WorkflowBundle;
  /** Reader warnings (the file opened). */
  diagnostics: Diagnostic[];
  /** Catalog files read from beside the workflow. */
  catalogFiles: CatalogPaths;
  /** The sidecar `NAME.canvas.json`, or `null` when absent or unreadable. */
  layout: CanvasLayout | null;
  /** Why the sidecar was ignored, when it was there but unreadable. */
  layoutProblem?: string;
  recent: RecentEntry[];
}

export interface SavedDocument {
  path: string;
  name: string;
  format: DocumentFormat;
  bytes: number;
  /** Sidecar path written, if any. */
  layoutPath: string | null;
  /** Catalog files written. */
  catalogFiles: CatalogPaths;
  recent: RecentEntry[];
}

export interface ExportedFile {
  path: string;
  format: ExportFormat;
  bytes: number;
}

export interface RecoveryEntry {
  id: string;
  path: string | null;
  name: string;
  /** ISO 8601. */
  savedAt: string;
  bytes: number;
}

export interface RecoveredDocument extends RecoveryEntry {
  bundle: WorkflowBundle;
  layout: CanvasLayout | null;
}

export interface DialogPath {
  /** `null`: the user cancelled. */
  path: string | null;
}

export interface DirEntry {
  name: string;
  path: string;
  kind: 'file' | 'dir';
  /** Bytes, files only. */
  size?: number;
}

export interface DirListing {
  path: string;
  /** `null` at a root. */
  parent: string | null;
  roots: string[];
  /** Folders first, then files, each by name. */
  entries: DirEntry[];
}

/** The answer value of each channel. */
export interface IpcValues extends RemoteIpcValues, LocalRunIpcValues {
  'app.info': AppInfo;
  'app.setTitle': TitleValue;
  'app.setDirty': TitleValue;
  'app.close': Record<string, never>;
  'templates.list': TemplateInfo[];
  'document.new': NewDocument;
  'document.open': OpenedDocument;
  'document.save': SavedDocument;
  'document.saveAs': SavedDocument;
  'document.export': ExportedFile;
  'recent.list': RecentEntry[];
  'recent.remove': RecentEntry[];
  'recovery.write': RecoveryEntry;
  'recovery.list': RecoveryEntry[];
  'recovery.restore': RecoveredDocument;
  'recovery.discard': Record<string, never>;
  'dialog.openFile': DialogPath;
  'dialog.saveFile': DialogPath;
  'dialog.confirm': { response: number };
  'fs.listDir': DirListing;
  'script.read': { path: string; text: string };
  'script.write': { path: string; bytes: number };
}

// Compile-time check that IpcValues and channels name the same channels.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _channelsMatch: Same<keyof IpcValues, Channel> = true;
// …and that the zod-free list in ipc-channels.ts (used by the sandboxed preload) names them too.
const _namesMatch: Same<ChannelName, Channel> = true;
void _channelsMatch;
void _namesMatch;

export type IpcRequest<C extends Channel> = z.output<(typeof channels)[C]>;
export type IpcValue<C extends Channel> = IpcValues[C];
export type IpcResponse<C extends Channel> = IpcResult<IpcValues[C]>;

// ---------------------------------------------------------------- the window API

type EmptyRequest<C extends Channel> = Record<string, never> extends IpcRequest<C> ? true : false;

/** One function per channel; channels whose request may be empty take an optional argument. */
export type ChannelApi = {
  [C in Channel as MethodName<C>]: EmptyRequest<C> extends true
    ? (request?: IpcRequest<C>) => Promise<IpcResponse<C>>
    : (request: IpcRequest<C>) => Promise<IpcResponse<C>>;
};

/**
 * What the renderer sees as `window.api`: one named function per channel and a menu
 * command subscription (returns the unsubscribe function). Nothing else.
 */
export type WindowApi = ChannelApi & {
  onCommand(listener: (command: AppCommand) => void): () => void;
  /** Server → page events (prompts, connection state, run updates, annex lines); returns the unsubscribe function. */
  onEvent(listener: (event: AppEvent) => void): () => void;
  /**
   * Sends a request frame (`ipc-frame.ts`: save, save as or autosave built as bytes off the
   * page's thread); the buffer is handed over, not copied. The answer is the frame channel's
   * usual one. Absent where the transport cannot carry bytes: send the request as an object.
   */
  invokeFrame?(frame: ArrayBuffer): Promise<IpcResult<unknown>>;
};

// ---------------------------------------------------------------- helpers

/**
 * The window title: `NAME — Pegasus Canvas`, with `• ` before the name while there are
 * unsaved edits (as most editors mark it); `Pegasus Canvas` with no document.
 */
export function windowTitle(name: string | null, dirty: boolean): string {
  if (name === null || name === '') return 'Pegasus Canvas';
  return `${dirty ? '• ' : ''}${name} — Pegasus Canvas`;
}

/**
 * Validates a request; on failure the message names the first bad field
 * (`workflow.jobs.2.id: expected string`). Cost: one zod parse.
 */
export function parseRequest<C extends Channel>(channel: C, request: unknown): IpcResult<IpcRequest<C>> {
  const schema = channels[channel] as z.ZodType;
  const parsed = schema.safeParse(request ?? {});
  if (parsed.success) return { ok: true, value: parsed.data as IpcRequest<C> };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : 'request';
  return { ok: false, error: { code: 'BAD_REQUEST', message: `${channel}: ${where}: ${issue?.message ?? 'invalid'}` } };
}

/** True for a known channel name (the preload and the web server refuse others). */
export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(channels, value);
}

// ---------------------------------------------------------------- browser-mode wire format

/** Browser mode, client → server: one request. `id` pairs it with its answer. */
export interface WireRequest {
  id: number;
  channel: string;
  request: unknown;
}

/** Browser mode, server → client: an answer, a pushed command, or a pushed event. */
export type WireMessage = { id: number; response: IpcResult<unknown> } | { command: AppCommand } | { event: AppEvent };
