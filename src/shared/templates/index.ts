/**
 * File → New templates. Each builds a {@link WorkflowBundle} in code, so it always matches
 * the model; the tests check that every template validates without diagnostics.
 */
import type { TemplateId, TemplateInfo } from '../ipc';
import type { WorkflowBundle } from '../model/workflow';
import { blankTemplate, diamondTemplate, fanOutFanInTemplate, helloWorldTemplate } from './simple-templates';
import { variantCallingTemplate } from './variant-calling';

export { blankTemplate, diamondTemplate, fanOutFanInTemplate, helloWorldTemplate, variantCallingTemplate };

/** Limits of the fan-out width. */
export const FAN_OUT = { min: 1, max: 1000, default: 4 } as const;

/** The templates offered by File → New, in menu order. */
export const TEMPLATES: readonly TemplateInfo[] = [
  { id: 'blank', title: 'Blank', description: 'An empty workflow.' },
  { id: 'hello-world', title: 'Hello world', description: 'Two jobs in a chain, as in the ACCESS Pegasus quickstart.' },
  { id: 'diamond', title: 'Diamond', description: 'One job fans out to two, which join in a fourth.' },
  { id: 'fan-out-fan-in', title: 'Fan-out / fan-in', description: 'Split into N parts, process each, merge the results.', n: { ...FAN_OUT } },
  { id: 'variant-calling', title: 'Variant calling (ACCESS)', description: 'SRA download → bwa index and align → samtools → bcftools, from the ACCESS Pegasus examples.' },
];

/**
 * Builds template `id`. `n` is the fan-out width (clamped to {@link FAN_OUT}); `name` the
 * workflow name (each template has its own default). Cost: O(size of the result).
 */
export function buildTemplate(id: TemplateId, options: { n?: number; name?: string } = {}): WorkflowBundle {
  const { name } = options;
  switch (id) {
    case 'blank':
      return blankTemplate(name);
    case 'hello-world':
      return helloWorldTemplate(name);
    case 'diamond':
      return diamondTemplate(name);
    case 'fan-out-fan-in': {
      const n = Math.min(FAN_OUT.max, Math.max(FAN_OUT.min, Math.trunc(options.n ?? FAN_OUT.default)));
      return fanOutFanInTemplate(n, name);
    }
    case 'variant-calling':
      return variantCallingTemplate(name);
  }
}
