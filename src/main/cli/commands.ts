import type { CliCommand } from './command';
import { validateCommand } from './validate';
import { exportCommand } from './export';
import { infoCommand } from './info';

/** Every sub-command, in the order `pegasus-canvas help` lists them. Add one line per command. */
export const commands: CliCommand[] = [
  validateCommand,
  exportCommand,
  infoCommand,
];
