import { Ajv2020, _, type Options } from 'ajv/dist/2020.js';
import { readPackageJson } from '../util/package-path.js';
import { decimalsOf } from './budget.js';
// The agreement's schema, and the plan file's (it refers to the agreement schema's definitions).
import { PLAN_SCHEMA_FILE, SCHEMA_FILE } from './schema-files.js';

/**
 * An ajv with both schemas, as schema.ts's validators are compiled: at run time
 * (validators.ts) or, for the bundle, once at build time as standalone code
 * (standalone.ts, scripts/bundle.mjs). One definition, so the two cannot drift apart.
 */
export function schemaAjv(options: Options = {}): { ajv: Ajv2020; ids: { delaftale: string; plan: string } } {
  const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true, ...options });
  // Amounts: at most N decimals, read from the number's shortest decimal string (multipleOf is unreliable with floats).
  // Generated code, not a `validate` function, so that standalone code can carry it: it calls
  // decimalsOf, in standalone code through the name "delaftale:budget" that the bundle resolves
  // to budget.ts. Its error is ajv's default for a keyword, as a `validate` function's was.
  ajv.addKeyword({
    keyword: 'maksDecimaler',
    type: 'number',
    schemaType: 'number',
    code(cxt) {
      const decimals = cxt.gen.scopeValue('func', { ref: decimalsOf, code: _`require("delaftale:budget").decimalsOf` });
      cxt.fail(_`${decimals}(${cxt.data}) > ${cxt.schemaCode}`);
    },
  });
  const delaftale = readPackageJson<{ $id: string }>(SCHEMA_FILE);
  const plan = readPackageJson<{ $id: string }>(PLAN_SCHEMA_FILE);
  ajv.addSchema(delaftale).addSchema(plan);
  return { ajv, ids: { delaftale: delaftale.$id, plan: plan.$id } };
}
