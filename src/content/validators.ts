import type { ValidateFunction } from 'ajv/dist/2020.js';
import { schemaAjv } from './schema-compile.js';

/**
 * The agreement's and the plan file's validators, compiled by ajv from schema/ when first
 * asked for. The bundle (scripts/bundle.mjs) puts the same validators in this module's
 * place as standalone code generated at build time (standalone.ts), so a cold start does
 * not load ajv's compiler nor compile the schemas.
 */
export function loadValidators(): { delaftale: ValidateFunction; plan: ValidateFunction } {
  const { ajv, ids } = schemaAjv();
  return { delaftale: ajv.getSchema(ids.delaftale)!, plan: ajv.getSchema(ids.plan)! };
}
