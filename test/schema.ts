import { readdirSync, readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** Compile the report schema with its parts (schema/*.schema.json) so tests validate real output against it. */
export function reportValidator() {
  const dir = new URL('../../schema/', import.meta.url);
  const ajv = new Ajv2020.default({ allErrors: true, strict: false });
  addFormats.default(ajv);
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.schema.json'))) {
    ajv.addSchema(JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as object);
  }
  const validate = ajv.getSchema('pyvet-report.schema.json');
  if (!validate) throw new Error('schema/pyvet-report.schema.json did not load');
  return (doc: unknown): void => {
    if (!validate(doc)) throw new Error(`report does not match its schema:\n${JSON.stringify(validate.errors?.slice(0, 10), null, 2)}`);
  };
}
