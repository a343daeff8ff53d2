import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { sharedPath } from '../../support/shared-path';

const BASE = 'https://pegasus.isi.edu/schema/';
const FILES = ['common.yml', 'rc-5.0.yml', 'tc-5.0.yml', 'sc-5.0.yml', 'wf-5.0.yml'] as const;

/** The official Pegasus 5.0 schemas, compiled with Ajv under one base URI (as their README says). */
export function pegasusSchemas(): Record<'workflow' | 'sites' | 'replicas' | 'transformations', ValidateFunction> {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
  for (const file of FILES) {
    const schema = parse(readFileSync(sharedPath('pegasus-schema', file), 'utf8')) as Record<string, unknown>;
    ajv.addSchema({ ...schema, $id: BASE + file });
  }
  const get = (file: string) => {
    const validate = ajv.getSchema(BASE + file);
    if (!validate) throw new Error(`schema ${file} did not compile`);
    return validate;
  };
  return { workflow: get('wf-5.0.yml'), sites: get('sc-5.0.yml'), replicas: get('rc-5.0.yml'), transformations: get('tc-5.0.yml') };
}
