import standalone from 'ajv/dist/standalone/index.js';
import { schemaAjv } from './schema-compile.js';

/**
 * The source of a CommonJS module that takes validators.ts's place in the bundle: ajv's
 * standalone code for both schemas, and the same `loadValidators`. Its validators return
 * the same error objects as the compiled ones (tests/standalone.test.ts).
 */
export function standaloneValidators(): string {
  const { ajv, ids } = schemaAjv({ code: { source: true } });
  // A CommonJS module to TypeScript: its function is `default` (as it is at run time too).
  const code = standalone.default(ajv, ids);
  return `${code}\nexports.loadValidators = () => ({ delaftale: exports.delaftale, plan: exports.plan });\n`;
}
