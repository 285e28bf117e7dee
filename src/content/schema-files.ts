/**
 * Where the agreement's schema and the plan file's lie in the package. A module of its own:
 * the edit server and `edit`'s copy of the embedded agreement name the schema file without
 * loading ajv's compiler, which the bundle leaves out (validators.ts).
 */
export const SCHEMA_FILE = 'schema/delaftale.schema.json';
export const PLAN_SCHEMA_FILE = 'schema/plan.schema.json';
