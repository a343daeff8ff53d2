import { AnnexService } from '../services/annex/annex-service';
import { bundledAnnexSystems, type AnnexSystem } from '../../shared/remote/annex-systems';
import { validateAnnexRequest, type AnnexRequest } from '../../shared/remote/annex-validate';
import { parseCommandLine, UsageError, type CliCommand, type CliIo } from './command';
import { CONNECTION_USAGE, connectFromArgs, connectionOptions } from './remote-connection';
import { ask } from './terminal';

const usage = `usage: pegasus-canvas annex systems [--host H ...]
       pegasus-canvas annex create|add --host H [options] NAME QUEUE@SYSTEM
       pegasus-canvas annex status --host H [NAME]
       pegasus-canvas annex shutdown --host H NAME [--yes]

Runs htcondor annex on the ACCESS Pegasus host. create and add check the request with the
tool's own rules first, then run on a terminal: the HPC site's questions (key passphrase,
password, Duo menu, passcode) are asked here. On ACCESS Pegasus, NAME is your username.
Without --host, 'systems' prints the table bundled with Pegasus Canvas.

create/add options (those of htcondor annex):
  --nodes N  --lifetime SECONDS  --project ID  --cpus N  --mem_mb MB  --gpus N|TYPE:N
  --gpu-type TYPE  --idle-time SECONDS  --login-name NAME  --login-host HOST

${CONNECTION_USAGE}`;

const createOptions = {
  ...connectionOptions,
  nodes: { type: 'string' },
  lifetime: { type: 'string' },
  project: { type: 'string' },
  cpus: { type: 'string' },
  mem_mb: { type: 'string' },
  gpus: { type: 'string' },
  'gpu-type': { type: 'string' },
  'idle-time': { type: 'string' },
  'login-name': { type: 'string' },
  'login-host': { type: 'string' },
  yes: { type: 'boolean' },
} as const;

function whole(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value))
    throw new UsageError(`--${name} wants a whole number, not '${text}'`);
  return value;
}

function printSystems(systems: AnnexSystem[], io: CliIo): void {
  for (const system of systems) {
    io.stdout(
      `${system.name} (${system.prettyName})${system.projectRequired ? ', needs --project' : ''}${system.limitsKnown ? '' : ', limits unknown'}\n`,
    );
    for (const queue of system.queues) {
      const limits = [
        queue.allocationType === 'node'
          ? 'whole nodes'
          : queue.allocationType === 'cores_or_ram'
            ? 'shared nodes'
            : 'shared GPU nodes',
        queue.maxNodesPerJob !== undefined ? `up to ${queue.maxNodesPerJob} nodes` : undefined,
        queue.maxDuration !== undefined ? `up to ${queue.maxDuration / 3600} h` : undefined,
        queue.coresPerNode !== undefined ? `${queue.coresPerNode} cores/node` : undefined,
        queue.ramPerNode !== undefined ? `${queue.ramPerNode} MB/node` : undefined,
        queue.gpusPerNode !== undefined ? `${queue.gpusPerNode} GPUs/node` : undefined,
      ].filter(Boolean);
      io.stdout(`    ${queue.name}${queue.name === system.defaultQueue ? ' (default)' : ''}: ${limits.join(', ')}\n`);
    }
  }
}

async function run(args: string[], io: CliIo): Promise<number> {
  const [verb, ...rest] = args;
  if (!verb || !['systems', 'create', 'add', 'status', 'shutdown'].includes(verb))
    throw new UsageError(`unknown annex verb '${verb ?? ''}'`);
  const { values, positionals } = parseCommandLine(rest, createOptions);

  if (verb === 'systems' && !values.host) {
    printSystems(bundledAnnexSystems(), io);
    return 0;
  }
  if (!values.host) throw new UsageError('--host is required');

  let request: AnnexRequest | undefined;
  if (verb === 'create' || verb === 'add') {
    if (positionals.length !== 2) throw new UsageError('give NAME and QUEUE@SYSTEM');
    const [annexName, queueAtSystem] = positionals as [string, string];
    const at = queueAtSystem.indexOf('@');
    if (at <= 0) throw new UsageError(`'${queueAtSystem}' is not QUEUE@SYSTEM (for example compute@expanse)`);
    request = { verb, annexName, queue: queueAtSystem.slice(0, at), system: queueAtSystem.slice(at + 1) };
    const numbers = {
      nodes: whole('nodes', values.nodes),
      lifetime: whole('lifetime', values.lifetime),
      cpus: whole('cpus', values.cpus),
      memMb: whole('mem_mb', values.mem_mb),
      idleTime: whole('idle-time', values['idle-time']),
    };
    for (const [key, value] of Object.entries(numbers))
      if (value !== undefined) (request as unknown as Record<string, unknown>)[key] = value;
    if (values.project) request.project = values.project;
    if (values.gpus) request.gpus = values.gpus;
    if (values['gpu-type']) request.gpuType = values['gpu-type'];
    if (values['login-name']) request.loginName = values['login-name'];
    if (values['login-host']) request.loginHost = values['login-host'];
    // The tool's rules first, offline: no connection, no Duo push, for a request it would refuse.
    const offline = validateAnnexRequest(bundledAnnexSystems(), request);
    if (!offline.ok && offline.field !== 'system' && offline.field !== 'queue') {
      io.stderr(`${offline.message}\n`);
      return 1;
    }
  } else if (verb === 'shutdown' && positionals.length !== 1) throw new UsageError('give the annex NAME');

  const host = await connectFromArgs(values, io);
  try {
    const annex = new AnnexService(host);
    if (verb === 'systems') {
      const list = await annex.systems();
      if (list.source === 'bundled') io.stderr(`Using the bundled table: ${list.reason}\n`);
      printSystems(list.systems, io);
      return 0;
    }
    if (verb === 'status') {
      const name = positionals[0] ?? (await annex.whoami());
      const card = await annex.status(name);
      for (const item of card.status.annexes) {
        io.stdout(
          `${item.name}: ${item.notFound ? 'no such annex' : item.established ? 'established' : 'not established'}\n`,
        );
        if (item.cpusTotal !== undefined) io.stdout(`  CPUs busy ${item.cpusBusy ?? 0} of ${item.cpusTotal}\n`);
        if (item.nodesRequested !== undefined)
          io.stdout(`  nodes established ${item.nodesEstablished ?? 0} of ${item.nodesRequested} requested\n`);
        if (item.oldestRetireInHours !== undefined) io.stdout(`  retires in ${item.oldestRetireInHours} hours\n`);
        if (item.requests)
          io.stdout(
            `  requests: ${item.requests.pending} pending, ${item.requests.established} established, ${item.requests.retired} retired\n`,
          );
      }
      for (const sentence of card.status.unparsed) io.stdout(`  ${sentence}\n`);
      for (const slot of card.slots)
        io.stdout(`  slot ${slot.name}: ${slot.cpus} CPUs${slot.state ? `, ${slot.state}` : ''}\n`);
      if (card.slotsError) io.stderr(`Could not list the annex's slots: ${card.slotsError}\n`);
      return 0;
    }
    if (verb === 'shutdown') {
      const name = positionals[0]!;
      if (!values.yes) {
        const answer = await ask(`Shut down every established resource of annex '${name}'? (yes/no) `);
        if (answer?.trim().toLowerCase() !== 'yes') {
          io.stderr('Nothing was shut down.\n');
          return 1;
        }
      }
      for (const line of await annex.shutdown(name)) io.stdout(`${line}\n`);
      return 0;
    }
    io.stdout(`${annex.commandFor(request!)}\n`);
    const outcome = await annex.create(request!, {
      signal: io.signal,
      onLine: (line) => io.stdout(`${line}\n`),
      onPrompt: (prompt) => ask(`${prompt.text} `, { hidden: prompt.secret }),
    });
    if (!outcome.ok) {
      io.stderr(`${outcome.message}\n`);
      return 1;
    }
    return 0;
  } finally {
    host.close();
  }
}

export const annexCommand: CliCommand = {
  name: 'annex',
  summary: 'start, watch and stop HTCondor annexes on ACCESS systems',
  usage,
  run,
};
