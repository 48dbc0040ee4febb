import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import draft06MetaSchema from 'ajv/dist/refs/json-schema-draft-06.json';
import { CARD_SCHEMA_FILE } from './shared-files';

/** The Adaptive Cards 1.5 schema, compiled (the caller checks first that the file is there). */
export function compileCardSchema(): ValidateFunction {
  const { id, ...schema } = JSON.parse(readFileSync(CARD_SCHEMA_FILE, 'utf8')) as { id?: string } & Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addMetaSchema(draft06MetaSchema);
  // The schema is draft-06 and names itself with `id`; Ajv 8 only reads `$id`.
  return ajv.compile({ ...schema, $id: id });
}
