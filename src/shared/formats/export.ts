import type { WorkflowBundle } from '../model/workflow';
import { toDot } from './dot';
import { writeWorkflow } from './pegasus-yaml';
import { toPythonScript, type PythonScriptOptions } from './python-api';

/** The formats a workflow can be exported to. */
export const EXPORT_FORMATS = ['yaml', 'json', 'python', 'dot'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions extends PythonScriptOptions {
  /** dot: draw files as nodes. */
  files?: boolean;
  /** dot: drop edges implied by others (jobs only). */
  reduce?: boolean;
}

/** True when `name` is one of {@link EXPORT_FORMATS}. */
export function isExportFormat(name: string): name is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(name);
}

/**
 * One export, shared by the app and the command line: Pegasus YAML or JSON (what
 * pegasus-plan reads, inferred edges written out), a Python script for the Pegasus 5 API, or
 * Graphviz DOT. Pure: returns the text; the caller writes it. Catalog files beside the
 * workflow are not part of the YAML/JSON output (they stay in their own files).
 */
export function exportWorkflow(bundle: WorkflowBundle, format: ExportFormat, options: ExportOptions = {}): string {
  switch (format) {
    case 'yaml':
    case 'json':
      return writeWorkflow(bundle.workflow, { format });
    case 'python':
      return toPythonScript(bundle, options);
    case 'dot':
      return toDot(bundle.workflow, { files: options.files, reduce: options.reduce });
  }
}
