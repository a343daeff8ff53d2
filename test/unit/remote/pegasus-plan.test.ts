import { describe, expect, it } from 'vitest';
import { buildPlanCommand, parsePlanOutput } from '../../../src/shared/remote/pegasus-plan';
import { commandLine } from '../../../src/shared/remote/quote';
import { recordedBlock } from './recorded-samples';

/** The recorded braindump.yml as the JSON pegasus-plan --json prints (plus message and pegasus-run). */
function recordedPlanJson(): string {
  const object: Record<string, string | null> = {};
  for (const line of recordedBlock('### 1a.', 2).split('\n')) {
    const match = /^(\w[\w-]*): (.*)$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) object[match[1]] = match[2] === 'null' ? null : (JSON.parse(match[2]) as string);
  }
  const message = recordedBlock('### 1a.', 0);
  object.message = message;
  object['pegasus-run'] = `pegasus-run  ${object.submit_dir}`;
  return JSON.stringify(object, null, 2);
}

describe('pegasus-plan', () => {
  it('builds the argv with -D first, the options, --submit --json and the one positional after --', () => {
    const built = buildPlanCommand({
      properties: { 'pegasus.mode': 'development' },
      dir: '/home/u/runs/r1/submit',
      sites: ['compute'],
      stagingSite: { compute: 'staging' },
      outputSites: ['local'],
      cleanup: 'leaf',
      cluster: ['horizontal', 'label'],
      force: true,
      submit: true,
      workflowFile: 'workflow.yml',
    });
    expect(built).toEqual({
      ok: true,
      value: [
        'pegasus-plan', '-Dpegasus.mode=development', '--dir', '/home/u/runs/r1/submit', '--sites', 'compute',
        '--staging-site', 'compute=staging', '--output-sites', 'local', '--cleanup', 'leaf', '--cluster', 'horizontal,label',
        '--force', '--submit', '--json', '--', 'workflow.yml',
      ],
    });
  });

  it('refuses a site name that is not an identifier and a relative --dir, saying which', () => {
    const bad = buildPlanCommand({ dir: '/x', sites: ['compute;rm -rf ~'], submit: true, workflowFile: 'w.yml' });
    expect(bad).toEqual({ ok: false, error: "site 'compute;rm -rf ~' may only contain letters, digits, '_', '.' and '-'" });
    const relative = buildPlanCommand({ dir: 'submit', submit: false, workflowFile: 'w.yml' });
    expect(relative.ok).toBe(false);
    if (!relative.ok) expect(relative.error).toContain('--dir must be an absolute path');
  });

  it('quotes a hostile workflow file name as one argument', () => {
    const built = buildPlanCommand({ dir: '/x', submit: false, workflowFile: "a b'$(id).yml" });
    expect(built.ok && commandLine(built.value)).toBe("'pegasus-plan' '--dir' '/x' '--json' '--' 'a b'\\''$(id).yml'");
  });

  it('reads the braindump JSON: submit dir, uuid, dag and the pegasus-run hint', () => {
    const result = parsePlanOutput(recordedPlanJson());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      submitDir: '/home/mzalam/processwf/submit/mzalam/pegasus/process/run0001',
      rootWfUuid: 'f00c0056-abd4-4e8e-b793-24eb760dda1f',
      dag: 'process-0.dag',
      wfName: 'process-0',
      plannerVersion: '5.0.5',
      pegasusRun: 'pegasus-run  /home/mzalam/processwf/submit/mzalam/pegasus/process/run0001',
    });
    expect(result.value.message).toContain('I have concretized your abstract workflow.');
  });

  it('reports the console text of a plan without --json, and a JSON without submit_dir, as errors', () => {
    for (const garbage of [recordedBlock('### 1a.', 0), '{"wf_uuid": "x"}', '', 'Exception in thread "main" java.lang.OutOfMemoryError']) {
      const result = parsePlanOutput(garbage);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/^pegasus-plan: expected the JSON braindump pegasus-plan --json prints \(with "submit_dir"\), got: /);
    }
  });
});
