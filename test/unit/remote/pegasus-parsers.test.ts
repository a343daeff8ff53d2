import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJobstateChunk, parseJobstateTail } from '../../../src/shared/remote/jobstate-log';
import { parseAnalyzerJson } from '../../../src/shared/remote/pegasus-analyzer';
import { parsePlanOutput } from '../../../src/shared/remote/pegasus-plan';
import { parseRemoveOutput } from '../../../src/shared/remote/pegasus-remove';
import { parseRunOutput } from '../../../src/shared/remote/pegasus-run';
import { parseStatisticsText } from '../../../src/shared/remote/pegasus-statistics';
import { parseStatusJson } from '../../../src/shared/remote/pegasus-status';
import { recordedBlock } from './recorded-samples';

const parsers: [string, (text: string) => { ok: boolean }][] = [
  ['pegasus-plan', parsePlanOutput],
  ['pegasus-run', (text) => parseRunOutput(text, text)],
  ['pegasus-status', parseStatusJson],
  ['pegasus-analyzer', parseAnalyzerJson],
  ['pegasus-statistics', parseStatisticsText],
  ['pegasus-remove', (text) => parseRemoveOutput(text.length % 50, text, text)],
  ['jobstate.log tail', (text) => parseJobstateTail(text, 3)],
];

/** Text that looks like tool output: recorded outputs cut, spliced and sprinkled with JSON. */
const toolish = fc.oneof(
  fc.string(),
  fc.json(),
  fc.jsonValue().map((value) => JSON.stringify({ totals: value, dags: value, workflows: value, submit_dir: value })),
  fc.tuple(fc.constantFrom(recordedBlock('### 3c.'), recordedBlock('### 4a.'), recordedBlock('## 5. pegasus-statistics')), fc.nat(), fc.nat()).map(([text, a, b]) =>
    text.slice(0, a % text.length) + text.slice(b % text.length),
  ),
);

describe('every parser of tool output', () => {
  it('returns a result for any text, never throws, and explains a failure by naming the tool', () => {
    for (const [tool, parse] of parsers) {
      fc.assert(
        fc.property(toolish, (text) => {
          const result = parse(text) as { ok: boolean; error?: string };
          if (!result.ok) expect(result.error, tool).toMatch(new RegExp(`^${tool.split(' ')[0]}`));
        }),
        { numRuns: 300 },
      );
    }
    fc.assert(fc.property(fc.string(), (text) => parseJobstateChunk(text).consumedBytes <= Buffer.byteLength(text)));
  });
});
