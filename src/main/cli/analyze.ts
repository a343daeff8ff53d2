import { analyzeRun, type JobDiagnosis } from '../services/submit/run-actions';
import { parseCommandLine, type CliCommand, type CliIo } from './command';
import { RUN_USAGE, openRunArgument, withRunHost } from './remote-run-support';

const usage = `usage: pegasus-canvas analyze RUN [--json] [--runs-dir DIR]

Runs pegasus-analyzer -j on the run's submit directory and prints each failed job with its
last state, exit code, site and captured stdout and stderr, and each held job with HTCondor's
hold reason. Exit status: 0 no job failed, 1 some job failed (or the analyzer could not run).

${RUN_USAGE}`;

const options = { json: { type: 'boolean' }, 'runs-dir': { type: 'string' } } as const;

function indent(text: string): string {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
}

function describe(job: JobDiagnosis): string {
  const head = `${job.kind === 'held' ? 'HELD' : 'FAILED'}  ${job.jobId ?? job.name}${job.jobId ? ` (${job.name})` : ''}`;
  const facts = [
    job.state ? `    last state: ${job.state}` : undefined,
    job.exitCode === undefined ? undefined : `    exit code:  ${job.exitCode}`,
    job.site ? `    site:       ${job.site}${job.hostname ? ` (${job.hostname})` : ''}` : undefined,
    job.reason ? `    reason:     ${job.reason}` : undefined,
    job.stdoutFile ? `    stdout file: ${job.stdoutFile}` : undefined,
    job.stderrFile ? `    stderr file: ${job.stderrFile}` : undefined,
    job.stdout ? `    stdout:\n${indent(job.stdout)}` : undefined,
    job.stderr ? `    stderr:\n${indent(job.stderr)}` : undefined,
    job.subWorkflowDir ? `    sub-workflow: pegasus-analyzer -d ${job.subWorkflowDir}` : undefined,
  ].filter(Boolean);
  return [head, ...facts].join('\n');
}

async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, options);
  const { record } = await openRunArgument(positionals, values['runs-dir'], io);
  return withRunHost(record, io, 'analyze', async (host) => {
    const analysis = await analyzeRun(host, record);
    if (values.json) io.stdout(`${JSON.stringify(analysis, null, 2)}\n`);
    else {
      for (const workflow of analysis.report.workflows) {
        io.stdout(
          `${workflow.wfName ?? workflow.key}: ${workflow.status ?? 'unknown'} — ${workflow.total} jobs, ${workflow.succeeded} succeeded, ${workflow.failed} failed, ${workflow.held} held, ${workflow.unsubmitted} unsubmitted\n`,
        );
      }
      for (const job of analysis.jobs) io.stdout(`\n${describe(job)}\n`);
      if (analysis.jobs.length === 0) io.stdout('No failed or held jobs.\n');
    }
    return analysis.jobs.some((job) => job.kind === 'failed') ? 1 : 0;
  });
}

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: "show a run's failed and held jobs with their output (pegasus-analyzer)",
  usage,
  run,
};
