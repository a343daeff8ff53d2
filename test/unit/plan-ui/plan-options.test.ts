import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PLAN_FORM,
  formatStagingSites,
  parseNames,
  parsePlanSidecar,
  parseStagingSites,
  toPlanOptions,
} from '../../../src/renderer/panels/plan/plan-options';

describe('plan options of a document', () => {
  it('reads back what it wrote', () => {
    const form = { ...DEFAULT_PLAN_FORM, sites: ['condorpool'], stagingSites: { condorpool: 'staging' }, cleanup: 'leaf' as const, cluster: ['label' as const], force: true, relativeDir: 'me/run9', slots: 16 };
    expect(parsePlanSidecar(JSON.parse(JSON.stringify(form)))).toEqual(form);
  });

  it('falls back to defaults for missing or wrong fields, field by field', () => {
    expect(parsePlanSidecar(undefined)).toEqual(DEFAULT_PLAN_FORM);
    expect(parsePlanSidecar('nonsense')).toEqual(DEFAULT_PLAN_FORM);
    const read = parsePlanSidecar({ sites: 'condorpool', cleanup: 'sometimes', dataConfiguration: 'sharedfs', cluster: ['horizontal', 'bogus'], slots: -3, stagingSites: { a: 'b c', d: 'e' } });
    expect(read).toEqual({ ...DEFAULT_PLAN_FORM, dataConfiguration: 'sharedfs', cluster: ['horizontal'], stagingSites: { d: 'e' } });
  });

  it('parses site lists and staging pairs, reporting what it cannot read', () => {
    expect(parseNames(' local, condorpool  staging ')).toEqual(['local', 'condorpool', 'staging']);
    expect(parseNames('bad/name, ok')).toEqual(['ok']);
    expect(parseStagingSites('condorpool=staging, *=local, broken, a=b=c')).toEqual({ map: { condorpool: 'staging', '*': 'local' }, bad: ['broken', 'a=b=c'] });
    expect(formatStagingSites({ condorpool: 'staging', '*': 'local' })).toBe('condorpool=staging, *=local');
  });

  it('maps the form to the planner options, leaving defaults to the planner', () => {
    expect(toPlanOptions(DEFAULT_PLAN_FORM)).toEqual({ dataConfiguration: 'condorio', cleanup: 'inplace', cluster: [], force: false, outputSites: ['local'] });
    const options = toPlanOptions({ ...DEFAULT_PLAN_FORM, sites: ['a'], stagingSites: { a: 'b' }, relativeDir: ' x/y ' });
    expect(options).toMatchObject({ sites: ['a'], stagingSites: { a: 'b' }, relativeDir: 'x/y' });
  });
});
