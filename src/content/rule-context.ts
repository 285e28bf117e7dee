import { loadPortalProfile } from '../portal/profile.js';
import { readPackageJson } from '../util/package-path.js';
import type { RuleContext } from './rules/rule.js';

/**
 * The package's data the rules and templates read (LBF periods, CFBU categories, portal
 * profiles), loaded once per process. Its own module so that rendering (generate.ts)
 * does not load the validator (ajv and the schema) just to read it.
 */
let ruleContext: RuleContext | undefined;
export function loadRuleContext(): RuleContext {
  if (!ruleContext) {
    const perioder: RuleContext['perioder'] = readPackageJson('templates/perioder.json');
    ruleContext = {
      perioder,
      cfbu: readPackageJson('templates/cfbu.json'),
      portal(periode) {
        const folder = perioder.perioder[periode]?.skabelon;
        return folder ? loadPortalProfile(folder) : undefined;
      },
    };
  }
  return ruleContext;
}
