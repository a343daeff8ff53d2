import { hostMatches, parseSshConfig } from './ssh-config';

/**
 * One-time set-up of `htcondor annex` on the ACCESS Pegasus host (annex.md §5): a key pair
 * `~/.ssh/annex` whose public half the user installs on each HPC system, and a `Host` block
 * per system in `~/.ssh/config` naming the user's remote username and that key.
 */

/** The key the annex logins use, relative to the login directory. */
export const ANNEX_KEY = '.ssh/annex';

/** How to find one's project (allocation) id on each system, once logged in there. */
export const PROJECT_ID_COMMANDS: Readonly<Record<string, { command: string; note: string }>> = {
  bridges2: { command: 'projects', note: 'Lists your Bridges-2 allocations; use the Charge ID.' },
  anvil: { command: 'mybalance', note: 'Lists your Anvil allocations and their balances; use the Account name.' },
  expanse: { command: 'module load sdsc; expanse-client user -p', note: 'Lists your Expanse projects; use the Name column.' },
  delta: { command: 'accounts', note: 'Lists your Delta accounts.' },
  perlmutter: { command: 'iris', note: 'Your NERSC projects are listed in Iris (iris.nersc.gov).' },
  spark: { command: '', note: 'Spark uses your default allocation; no project is needed.' },
  'path-facility': { command: '', note: 'The PATh Facility uses your credit account; no project is needed.' },
};

/** Creates the annex key if it is missing (no passphrase: the HPC site's MFA still applies). */
export function ensureAnnexKeyArgv(): string[] {
  // A fixed script with no user input in it; `test -f` keeps an existing key untouched.
  return ['sh', '-c', `mkdir -p .ssh && chmod 700 .ssh && (test -f ${ANNEX_KEY} || ssh-keygen -q -t ed25519 -N '' -C annex -f ${ANNEX_KEY}) && cat ${ANNEX_KEY}.pub`];
}

/** Reads `~/.ssh/config` (empty output when it does not exist). */
export function readSshConfigArgv(): string[] {
  return ['sh', '-c', 'test -f .ssh/config && cat .ssh/config || true'];
}

/** Copies `~/.ssh/config` to a backup before it is changed. */
export function backupSshConfigArgv(backupName: string): string[] {
  if (!/^config\.[A-Za-z0-9._-]+$/.test(backupName)) throw new Error(`'${backupName}' is not a backup name for ~/.ssh/config.`);
  return ['sh', '-c', `test -f .ssh/config && cp -p .ssh/config ".ssh/$1" || true`, 'sh', backupName];
}

export interface AnnexHostEntry {
  /** The HPC login host, e.g. `login.expanse.sdsc.edu`. */
  host: string;
  /** The user's username on that system (from the ACCESS allocations profile). */
  user: string;
}

export type SshConfigEdit =
  | { ok: true; text: string; added: string[]; alreadyThere: string[] }
  | { ok: false; message: string };

const USERNAME = /^[A-Za-z0-9._-]+$/;
const HOSTNAME = /^[A-Za-z0-9.-]+$/;

/**
 * Adds a `Host` block for each system to the text of `~/.ssh/config`, without duplicating or
 * breaking what is there: a host that some existing block already matches is left as the
 * user wrote it (reported in `alreadyThere`); new blocks go at the end, after a blank line,
 * so they never fall inside an earlier `Host` or `Match` block's scope. A config that does not
 * parse is not touched.
 */
export function addAnnexHostEntries(configText: string, entries: readonly AnnexHostEntry[]): SshConfigEdit {
  for (const entry of entries) {
    if (!HOSTNAME.test(entry.host)) return { ok: false, message: `'${entry.host}' is not a host name.` };
    if (!USERNAME.test(entry.user)) return { ok: false, message: `'${entry.user}' is not a username for ${entry.host}.` };
  }
  const parsed = parseSshConfig(configText, { file: '~/.ssh/config' });
  if (!parsed.ok) {
    return { ok: false, message: `~/.ssh/config on the host does not parse, so it was left alone: ${parsed.diagnostics[0]?.message ?? 'unknown problem'}` };
  }
  const added: string[] = [];
  const alreadyThere: string[] = [];
  const blocks: string[] = [];
  for (const entry of entries) {
    const existing = parsed.value.blocks.some((block) => block.patterns.length > 0 && !block.patterns.includes('*') && hostMatches(block.patterns, entry.host));
    if (existing || added.includes(entry.host)) {
      alreadyThere.push(entry.host);
      continue;
    }
    added.push(entry.host);
    blocks.push([`Host ${entry.host}`, `    User ${entry.user}`, `    IdentityFile ~/${ANNEX_KEY}`, ''].join('\n'));
  }
  if (blocks.length === 0) return { ok: true, text: configText, added, alreadyThere };
  const eol = configText.includes('\r\n') ? '\r\n' : '\n';
  let text = configText;
  if (text.length > 0 && !text.endsWith('\n')) text += eol;
  if (text.length > 0) text += eol;
  text += `# Added by Pegasus Canvas for htcondor annex${eol}` + blocks.join(eol).replace(/\n/g, eol);
  return { ok: true, text, added, alreadyThere };
}
