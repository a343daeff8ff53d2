import type { CliCommand } from './command';
import { annexCommand } from './annex';
import { jetstreamCommand } from './jetstream';
import { validateCommand } from './validate';
import { exportCommand } from './export';
import { infoCommand } from './info';
import { planCommand } from './plan';
import { runCommand } from './run';
import { submitCommand, statusCommand, analyzeCommand, removeCommand, rerunCommand, fetchCommand } from './submit-commands';

/** Every sub-command, in the order `pegasus-canvas help` lists them. Add one line per command. */
export const commands: CliCommand[] = [
  validateCommand,
  exportCommand,
  infoCommand,
  planCommand,
  runCommand,
  submitCommand, statusCommand, analyzeCommand, removeCommand, rerunCommand, fetchCommand,
  annexCommand,
  jetstreamCommand,
];
