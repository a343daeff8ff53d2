import { commands } from './cli/commands';
import { UsageError, type CliIo } from './cli/command';

/**
 * `pegasus-canvas COMMAND [ARGS]`: the command line of Pegasus Canvas.
 * Each command is a module in `src/main/cli/`; this file only dispatches.
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = args[0] && commands.find((command) => command.name === args[0]);
    io.stdout(topic ? `${topic.usage}\n` : usage());
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr(`pegasus-canvas: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`pegasus-canvas ${command.name}: ${error.message}\n\n${command.usage}\n`);
      return 2;
    }
    throw error;
  }
}

function usage(): string {
  const width = Math.max(0, ...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return `usage: pegasus-canvas COMMAND [ARGS]\n\ncommands:\n${lines.join('\n')}\n\nRun 'pegasus-canvas help COMMAND' for a command's options.\n`;
}

const isEntryPoint = process.argv[1] !== undefined && /cli\.(ts|mjs|js)$/.test(process.argv[1]);
if (isEntryPoint) {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const io: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    signal: controller.signal,
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`pegasus-canvas: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
