import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  JETSTREAM_IDLE_REMINDER,
  JetstreamService,
  type PilotCredentials,
} from '../services/jetstream/jetstream-service';
import { writeFileAtomic } from '../services/workspace/atomic-write';
import { checkPilotToken, insertVmConf } from '../../shared/remote/jetstream-bootscript';
import { parseCommandLine, UsageError, type CliCommand, type CliIo } from './command';
import { CONNECTION_USAGE, connectFromArgs, connectionOptions } from './remote-connection';

const usage = `usage: pegasus-canvas jetstream bootscript [--in FILE] [-o FILE] (--user NAME --token-file FILE | --host H ...)

Adds the ACCESS Pegasus start-up command to a Jetstream2 boot script copied from Exosphere
(read from --in FILE or standard input), as a bootcmd entry, and prints the result (or
writes it to -o FILE). With --user and --token-file it works offline; otherwise it reads
your username and ~/.condor/pilot.token on the ACCESS Pegasus host. The token is never
printed anywhere but in the boot script.

${CONNECTION_USAGE}`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function run(args: string[], io: CliIo): Promise<number> {
  const [verb, ...rest] = args;
  if (verb !== 'bootscript') throw new UsageError(`unknown jetstream verb '${verb ?? ''}'`);
  const { values, positionals } = parseCommandLine(rest, {
    ...connectionOptions,
    in: { type: 'string' },
    out: { type: 'string', short: 'o' },
    'token-file': { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected '${positionals[0]}'`);
  const offline = values['token-file'] !== undefined;
  if (offline && !values.user) throw new UsageError('--token-file needs --user NAME (your ACCESS username)');
  if (!offline && !values.host)
    throw new UsageError('give --user and --token-file, or --host to read them from the ACCESS Pegasus host');

  let script: string;
  try {
    script = values.in ? await readFile(path.resolve(io.cwd, values.in), 'utf8') : await readStdin();
  } catch (error) {
    io.stderr(`pegasus-canvas jetstream: cannot read ${values.in}: ${(error as Error).message}\n`);
    return 2;
  }

  let credentials: PilotCredentials;
  if (offline) {
    let tokenText: string;
    try {
      tokenText = await readFile(path.resolve(io.cwd, values['token-file']!), 'utf8');
    } catch (error) {
      io.stderr(`pegasus-canvas jetstream: cannot read the token file: ${(error as Error).message}\n`);
      return 2;
    }
    const token = checkPilotToken(tokenText);
    if (!token.ok) {
      io.stderr(`${token.message}\n`);
      return 1;
    }
    credentials = { username: values.user!, token: token.token };
  } else {
    const host = await connectFromArgs(values, io);
    try {
      credentials = await new JetstreamService(host).credentials();
    } catch (error) {
      io.stderr(`${(error as Error).message}\n`);
      return 1;
    } finally {
      host.close();
    }
  }

  const result = insertVmConf(script, credentials.username, credentials.token);
  if (!result.ok) {
    io.stderr(`${result.message}\n`);
    return 1;
  }
  if (values.out) {
    await writeFileAtomic(path.resolve(io.cwd, values.out), result.text);
    io.stderr(`Wrote ${values.out}.\n`);
  } else io.stdout(result.text);
  io.stderr(`${JETSTREAM_IDLE_REMINDER}\n`);
  return 0;
}

export const jetstreamCommand: CliCommand = {
  name: 'jetstream',
  summary: 'prepare a Jetstream2 boot script that joins the instance to ACCESS Pegasus',
  usage,
  run,
};
