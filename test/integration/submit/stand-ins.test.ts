// The stand-in Pegasus tools, called over the real sshd as the app calls them: they refuse
// what the real tools refuse, with the real messages and exit codes, and take hostile file
// names as one literal argument.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RemoteHost } from '../../../src/main/services/ssh';
import { buildPlanCommand, parsePlanOutput } from '../../../src/shared/remote/pegasus-plan';
import { remoteHostFor } from '../support/remote';
import { accessHostBinDir, startSshd, type SshdServer } from '../support/sshd';

describe('stand-in Pegasus tools on the test host', () => {
  let server: SshdServer;
  let remote: RemoteHost;

  beforeAll(async () => {
    server = await startSshd({ pathPrepend: [accessHostBinDir()] });
    remote = remoteHostFor(server);
  });
  afterAll(async () => {
    remote?.close();
    await server?.dispose();
  });

  it('pegasus-plan: an unknown option, --nocleanup and a second positional argument fail as in the real planner', async () => {
    const unknown = await remote.exec(['pegasus-plan', '--frobnicate', 'workflow.yml']);
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toContain("pegasus-plan: unrecognized option '--frobnicate'");
    expect(unknown.stderr).toContain('Incorrect option or option usage');
    expect(unknown.stdout).toContain('Usage : pegasus-plan [-Dprop=value');
    expect((await remote.exec(['pegasus-plan', '--nocleanup', 'w.yml'])).stderr).toContain('Incorrect option or option usage n');
    const extra = await remote.exec(['pegasus-plan', 'a.yml', 'b.yml']);
    expect(extra.exitCode).toBe(1);
    expect(extra.stderr).toContain('Unparsed component "a.yml" of the command line argument string');
    const missing = await remote.exec(['pegasus-plan', '--dir', '/tmp', '--', 'missing.yml']);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toMatch(/Unable to read the abstract workflow file .*missing\.yml/);
  });

  it('pegasus-plan takes a hostile workflow file name as one argument and plans it', async () => {
    const name = "it's $(touch PWNED) `id` a;b.yml";
    await remote.sftp.writeFile(`${server.homeDir}/${name}`, 'name: hostile\njobs:\n- type: job\n  name: ls\n  id: ID0000001\n');
    const argv = buildPlanCommand({ dir: `${server.homeDir}/submit`, workflowFile: name, submit: false });
    expect(argv.ok).toBe(true);
    if (!argv.ok) return;
    const result = await remote.exec(argv.value, { cwd: server.homeDir });
    expect(result.exitCode).toBe(0);
    const plan = parsePlanOutput(result.stdout);
    expect(plan.ok && plan.value.braindump.dax).toBe(`${server.homeDir}/${name}`);
    expect(await remote.sftp.stat(`${server.homeDir}/PWNED`)).toBeUndefined();
  });

  it('the Python tools want exactly one SUBMIT_DIR and a planned one', async () => {
    for (const tool of ['pegasus-status', 'pegasus-analyzer', 'pegasus-remove', 'pegasus-run', 'pegasus-statistics']) {
      const none = await remote.exec([tool]);
      expect(none.exitCode, tool).toBe(2);
      expect(none.stderr, tool).toContain("Error: Missing argument 'SUBMIT_DIR'.");
      const bad = await remote.exec([tool, '--bogus', '/tmp']);
      expect(bad.exitCode, tool).toBe(2);
      expect(bad.stderr, tool).toContain('Error: No such option: --bogus');
      const two = await remote.exec([tool, '/tmp', '/var']);
      expect(two.stderr, tool).toContain('Error: Got unexpected extra argument (/var)');
      const empty = await remote.exec([tool, '--', server.homeDir]);
      expect(empty.exitCode, tool).toBe(1);
      expect(empty.stderr, tool).toContain('is not a workflow submit directory (no braindump.yml)');
    }
    const level = await remote.exec(['pegasus-statistics', '-s', 'everything', '/tmp']);
    expect(level.exitCode).toBe(2);
    expect(level.stderr).toContain("Invalid value for '-s' / '--statistics-level': 'everything'");
  });
});
