import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, isSeq, parseDocument, type Document, type YAMLMap } from 'yaml';
import { SubmitError } from './submit-error';

/**
 * What goes into a run folder on the host: the workflow, its catalogs and properties, the
 * inputs whose replicas are on the laptop, and stageable scripts. Catalog entries that point at
 * laptop files are rewritten to the uploaded copies, and the `local` site's directories to the
 * run folder, since on the host `local` is the submit host itself.
 */

/** One file to upload. */
export interface RunFile {
  /** Local file to send (the original, or a rewritten copy in the staging folder). */
  local: string;
  /** Path inside the remote run folder, `/`-separated. */
  remote: string;
  mode?: number;
}

export interface RunFolder {
  files: RunFile[];
  /** The workflow's name. */
  workflowName: string;
  jobIds: string[];
  /** The workflow file's name inside the run folder (the planner's positional argument). */
  workflowFile: string;
  /** LFN → remote absolute path, for each uploaded input. */
  inputs: Record<string, string>;
}

export interface RunFolderOptions {
  sitesFile?: string;
  replicasFile?: string;
  transformationsFile?: string;
  propertiesFile?: string;
}

/** Catalog file names pegasus-plan reads from its working directory by default. */
const BESIDE = { sites: 'sites.yml', replicas: 'replicas.yml', transformations: 'transformations.yml', properties: 'pegasus.properties' };

/**
 * Lays out the run folder for `workflowFile`: rewritten catalogs go to `stagingDir`, the list
 * of files says what to upload where. `remoteDir` is the run folder's absolute path on the host.
 */
export async function prepareRunFolder(workflowFile: string, remoteDir: string, stagingDir: string, options: RunFolderOptions = {}): Promise<RunFolder> {
  const workflowPath = path.resolve(workflowFile);
  const dir = path.dirname(workflowPath);
  const workflow = await readYaml(workflowPath);
  const name = stringAt(workflow.contents, 'name');
  if (name === undefined) throw new SubmitError('LOCAL_FILE', `${workflowPath}: no workflow 'name' (is this a Pegasus workflow?)`);
  const jobIds = jobIdsOf(workflow);
  await mkdir(stagingDir, { recursive: true });
  const files: RunFile[] = [];
  const inputs: Record<string, string> = {};
  const used = new Set<string>();
  const uploadAs = (local: string, folder: string, base: string, mode?: number): string => {
    let remote = `${folder}/${safeName(base)}`;
    for (let index = 2; used.has(remote); index++) remote = `${folder}/${index}-${safeName(base)}`;
    used.add(remote);
    files.push({ local, remote, ...(mode === undefined ? {} : { mode }) });
    return `${remoteDir}/${remote}`;
  };
  const rewrite = (doc: Document): boolean => {
    let changed = rewriteReplicas(doc, dir, (lfn, local) => {
      const remote = uploadAs(local, 'inputs', lfn);
      inputs[lfn] = remote;
      return remote;
    });
    changed = rewriteExecutables(doc, dir, (local) => uploadAs(local, 'bin', path.basename(local), 0o755)) || changed;
    return rewriteLocalSite(doc, remoteDir) || changed;
  };

  const workflowName = 'workflow.yml';
  files.push({ local: await stage(workflow, rewrite(workflow), workflowPath, stagingDir, workflowName), remote: workflowName });
  const catalogs: [keyof typeof BESIDE, string | undefined][] = [
    ['sites', options.sitesFile],
    ['replicas', options.replicasFile],
    ['transformations', options.transformationsFile],
  ];
  for (const [kind, given] of catalogs) {
    const file = given ? path.resolve(given) : path.join(dir, BESIDE[kind]);
    if (!given && !existsSync(file)) continue;
    const doc = await readYaml(file);
    files.push({ local: await stage(doc, rewrite(doc), file, stagingDir, BESIDE[kind]), remote: BESIDE[kind] });
  }
  const properties = options.propertiesFile ? path.resolve(options.propertiesFile) : path.join(dir, BESIDE.properties);
  if (options.propertiesFile || existsSync(properties)) files.push({ local: properties, remote: BESIDE.properties });
  for (const file of files) {
    if (!existsSync(file.local)) throw new SubmitError('LOCAL_FILE', `${file.local}: no such file`);
  }
  return { files, workflowName: name, jobIds, workflowFile: workflowName, inputs };
}

/** The `name:` of a workflow file, for naming its run (throws LOCAL_FILE when unreadable). */
export async function workflowNameOf(workflowFile: string): Promise<string> {
  const name = stringAt((await readYaml(path.resolve(workflowFile))).contents, 'name');
  if (name === undefined) throw new SubmitError('LOCAL_FILE', `${path.resolve(workflowFile)}: no workflow 'name' (is this a Pegasus workflow?)`);
  return name;
}

async function readYaml(file: string): Promise<Document> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new SubmitError('LOCAL_FILE', `${file}: cannot read the file`);
  }
  const doc = parseDocument(text);
  const error = doc.errors[0];
  if (error) throw new SubmitError('LOCAL_FILE', `${file}:${error.linePos?.[0]?.line ?? '?'}: ${error.message.split('\n')[0]}`);
  return doc;
}

/** Writes the rewritten document to the staging folder; an unchanged one is sent as it is. */
async function stage(doc: Document, changed: boolean, original: string, stagingDir: string, name: string): Promise<string> {
  if (!changed) return original;
  const copy = path.join(stagingDir, name);
  await writeFile(copy, doc.toString({ lineWidth: 0 }));
  return copy;
}

function stringAt(node: unknown, key: string): string | undefined {
  if (!isMap(node)) return undefined;
  const value = node.get(key, true);
  return isScalar(value) && value.value !== null && value.value !== undefined ? String(value.value) : undefined;
}

function jobIdsOf(doc: Document): string[] {
  const jobs = isMap(doc.contents) ? doc.contents.get('jobs') : undefined;
  if (!isSeq(jobs)) return [];
  return jobs.items.map((job) => stringAt(job, 'id')).filter((id): id is string => id !== undefined);
}

/** The list under `key` of a standalone catalog, or of the catalog embedded under `embedded`. */
function entries(doc: Document, key: string, embedded: string): YAMLMap[] {
  const root = doc.contents;
  if (!isMap(root)) return [];
  const inner = root.get(embedded);
  const list = isMap(inner) ? inner.get(key) : root.get(key);
  return isSeq(list) ? list.items.filter((item): item is YAMLMap => isMap(item)) : [];
}

/** A laptop path for a `local` PFN that names an existing file: file:// URL or absolute path. */
function laptopFile(pfn: string, baseDir: string): string | undefined {
  let file: string | undefined;
  if (pfn.startsWith('file://')) {
    try {
      file = fileURLToPath(pfn);
    } catch {
      return undefined;
    }
  } else if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(pfn)) file = path.resolve(baseDir, pfn);
  if (file === undefined) return undefined;
  try {
    return statSync(file).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

function rewritePfn(original: string, remote: string): string {
  return original.startsWith('file://') ? `file://${remote}` : remote;
}

function rewriteReplicas(doc: Document, baseDir: string, upload: (lfn: string, local: string) => string): boolean {
  let changed = false;
  for (const replica of entries(doc, 'replicas', 'replicaCatalog')) {
    const lfn = stringAt(replica, 'lfn');
    const pfns = replica.get('pfns');
    if (lfn === undefined || replica.get('regex') === true || !isSeq(pfns)) continue;
    for (const entry of pfns.items) {
      const pfn = stringAt(entry, 'pfn');
      if (!isMap(entry) || stringAt(entry, 'site') !== 'local' || pfn === undefined) continue;
      const local = laptopFile(pfn, baseDir);
      if (local === undefined) continue;
      entry.set('pfn', rewritePfn(pfn, upload(lfn, local)));
      changed = true;
    }
  }
  return changed;
}

function rewriteExecutables(doc: Document, baseDir: string, upload: (local: string) => string): boolean {
  let changed = false;
  for (const transformation of entries(doc, 'transformations', 'transformationCatalog')) {
    const sites = transformation.get('sites');
    if (!isSeq(sites)) continue;
    for (const site of sites.items) {
      const pfn = stringAt(site, 'pfn');
      if (!isMap(site) || stringAt(site, 'name') !== 'local' || stringAt(site, 'type') !== 'stageable' || pfn === undefined) continue;
      const local = laptopFile(pfn, baseDir);
      if (local === undefined) continue;
      site.set('pfn', rewritePfn(pfn, upload(local)));
      changed = true;
    }
  }
  return changed;
}

/** Scratch-type directories of the `local` site go to `<run>/scratch`, storage ones to `<run>/outputs`. */
function rewriteLocalSite(doc: Document, remoteDir: string): boolean {
  let changed = false;
  for (const site of entries(doc, 'sites', 'siteCatalog')) {
    const directories = site.get('directories');
    if (stringAt(site, 'name') !== 'local' || !isSeq(directories)) continue;
    for (const directory of directories.items) {
      const type = stringAt(directory, 'type');
      if (!isMap(directory) || type === undefined) continue;
      const target = `${remoteDir}/${/Scratch$/.test(type) ? 'scratch' : 'outputs'}`;
      directory.set('path', target);
      const servers = directory.get('fileServers');
      if (isSeq(servers)) {
        for (const server of servers.items) if (isMap(server) && stringAt(server, 'url')?.startsWith('file://')) server.set('url', `file://${target}`);
      }
      changed = true;
    }
  }
  return changed;
}

function safeName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
  return cleaned === '' ? 'file' : cleaned;
}
