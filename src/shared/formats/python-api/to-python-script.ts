import type { WorkflowBundle } from '../../model/workflow';
import {
  replicaCatalogCode,
  siteCatalogCode,
  transformationCatalogCode,
  type Section,
  type TransformationVariables,
} from './catalogs';
import { FileVariables } from './files';
import { jobCode } from './jobs';
import { NameAllocator } from './names';
import { applyCalls, hookCalls, metadataCall, profileCalls } from './profiles';
import { pyNote, pyString } from './python-literal';

export interface PythonScriptOptions {
  /** File the script writes the workflow to (default `<name>.yml`). */
  workflowFile?: string;
  /** Files for catalogs that live beside the workflow (defaults: sites.yml, replicas.yml, transformations.yml). */
  catalogFiles?: { sites?: string; replicas?: string; transformations?: string };
  /** Where the document came from, for the docstring. */
  source?: string;
}

/**
 * A Python script that builds the same workflow with the Pegasus 5 Python API
 * (`from Pegasus.api import *`) and writes it, as a person would write it: sites,
 * transformations and files declared once and named after themselves, jobs built with
 * `add_args`/`add_inputs`/`add_outputs`, catalogs embedded or written to their own files as
 * in the source. What the API cannot express is listed in comments where it applies.
 *
 * Cost: O(jobs + uses + catalog entries); the script is about ten lines per job.
 */
export function toPythonScript(bundle: WorkflowBundle, options: PythonScriptOptions = {}): string {
  const { workflow, catalogs } = bundle;
  const names = new NameAllocator();
  const files = new FileVariables(names);
  const tcVars: TransformationVariables = new Map();
  const workflowFile = options.workflowFile ?? `${workflow.name}.yml`;
  const out: string[] = [
    '#!/usr/bin/env python3',
    `"""Builds the Pegasus workflow ${pyString(workflow.name).slice(1, -1)} and writes it to ${pyString(workflowFile).slice(1, -1)}.`,
    '',
    `Written by Pegasus Canvas${options.source ? ` from ${pyString(options.source).slice(1, -1)}` : ''}; needs the Pegasus 5 Python API (pegasus-wms.api).`,
    '"""',
    'from Pegasus.api import *',
    '',
  ];
  const section = (rawTitle: string, code: Section) => {
    // Titles name catalog files; a line break there must not end the comment.
    // eslint-disable-next-line no-control-regex
    const title = rawTitle.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
    out.push(`# --- ${title} ${'-'.repeat(Math.max(3, 72 - title.length))}`);
    for (const note of code.notes) out.push(pyNote(note));
    append(out, code.lines);
    out.push('');
  };

  const fileNames = {
    sites: 'sites.yml',
    replicas: 'replicas.yml',
    transformations: 'transformations.yml',
    ...options.catalogFiles,
  };
  const embedded: string[] = [];
  const written: string[] = [];
  if (workflow.siteCatalog) {
    section('Sites', siteCatalogCode(workflow.siteCatalog, 'sc', names));
    embedded.push('wf.add_site_catalog(sc)');
  }
  if (catalogs.sites) {
    const v = workflow.siteCatalog ? 'sc_file' : 'sc';
    section(`Sites (${fileNames.sites})`, siteCatalogCode(catalogs.sites, v, names));
    written.push(`${v}.write(${pyString(fileNames.sites)})`);
  }
  if (workflow.replicaCatalog) {
    section('Replicas', replicaCatalogCode(workflow.replicaCatalog, 'rc'));
    embedded.push('wf.add_replica_catalog(rc)');
  }
  if (catalogs.replicas) {
    const v = workflow.replicaCatalog ? 'rc_file' : 'rc';
    section(`Replicas (${fileNames.replicas})`, replicaCatalogCode(catalogs.replicas, v));
    written.push(`${v}.write(${pyString(fileNames.replicas)})`);
  }
  if (workflow.transformationCatalog) {
    section('Transformations', transformationCatalogCode(workflow.transformationCatalog, 'tc', names, tcVars));
    embedded.push('wf.add_transformation_catalog(tc)');
  }
  if (catalogs.transformations) {
    const v = workflow.transformationCatalog ? 'tc_file' : 'tc';
    const fileVars: TransformationVariables = new Map();
    section(
      `Transformations (${fileNames.transformations})`,
      transformationCatalogCode(catalogs.transformations, v, names, fileVars),
    );
    for (const [key, name] of fileVars) if (!tcVars.has(key)) tcVars.set(key, name);
    written.push(`${v}.write(${pyString(fileNames.transformations)})`);
  }

  // Jobs first (they declare the files they use), then files are printed above them.
  const wfNotes: string[] = [];
  const jobLines: string[] = [`wf = Workflow(${pyString(workflow.name)})`];
  jobLines.push(
    ...applyCalls('wf', [
      ...profileCalls(workflow.profiles, wfNotes),
      ...hookCalls(workflow.hooks, wfNotes),
      ...metadataCall(workflow.metadata),
    ]),
  );
  if (workflow.version !== undefined) wfNotes.push(`workflow version '${workflow.version}'`);
  const otherExtra = Object.keys(workflow.extra ?? {}).filter((key) => key !== 'x-pegasus');
  if (otherExtra.length > 0) wfNotes.push(`workflow keys ${otherExtra.join(', ')} (the API writes its own x-pegasus)`);
  const jobVars = new Map<string, string>();
  for (const job of workflow.jobs) {
    if (jobVars.has(job.id)) {
      jobLines.push('', pyNote(`a second job with id ${pyString(job.id)} (add_jobs refuses duplicate ids)`));
      continue;
    }
    const v = names.allocate(`job_${job.id}`, 'job');
    jobVars.set(job.id, v);
    jobLines.push('');
    append(jobLines, jobCode(job, v, files, tcVars));
    jobLines.push(`wf.add_jobs(${v})`);
  }

  const dependencyLines: string[] = [];
  for (const dependency of workflow.dependencies) {
    const parent = jobVars.get(dependency.id);
    const children = [...new Set(dependency.children)];
    const known = children.filter((child) => jobVars.has(child)).map((child) => jobVars.get(child)!);
    const unknown = children.filter((child) => !jobVars.has(child));
    if (!parent || unknown.length > 0)
      wfNotes.push(`dependency ${dependency.id} -> ${(parent ? unknown : children).join(', ')} (unknown job id)`);
    if (parent && known.length > 0)
      dependencyLines.push(`wf.add_dependency(${parent}, children=[${known.join(', ')}])`);
  }

  if (files.declarations.length > 0) {
    out.push(`# --- Files ${'-'.repeat(66)}`);
    append(out, files.declarations);
    out.push('');
  }
  out.push(`# --- Workflow ${'-'.repeat(63)}`);
  append(out, wfNotes.map(pyNote));
  append(out, jobLines);
  out.push('');
  if (dependencyLines.length > 0) {
    out.push('# Dependencies that files do not explain (the others are inferred on write).');
    append(out, dependencyLines);
    out.push('');
  }
  out.push(...embedded, ...written, `wf.write(${pyString(workflowFile)})`, '');
  return out.join('\n');
}

/** `target.push(...items)` without spreading: a workflow may have 10^6 lines, more than a call's arguments. */
function append(target: string[], items: readonly string[]): void {
  for (const item of items) target.push(item);
}
