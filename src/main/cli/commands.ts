import type { CliCommand } from './command';
import { annexCommand } from './annex';
import { jetstreamCommand } from './jetstream';
import { validateCommand } from './validate';
import { exportCommand } from './export';
import { infoCommand } from './info';
import { planCommand } from './plan';
import { runCommand } from './run';

/** Every sub-command, in the order `pegasus-canvas help` lists them. Add one line per command. */
export const commands: CliCommand[] = [
  validateCommand,
  exportCommand,
  infoCommand,
  planCommand,
  runCommand,
  annexCommand,
  jetstreamCommand,
];
