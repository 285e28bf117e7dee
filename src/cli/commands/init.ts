import { dirname, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { draft } from '../../content/draft.js';
import type { Plan } from '../../content/plan.js';
import { loadRuleContext } from '../../content/rule-context.js';
import { validatePlan } from '../../content/validate.js';
import { EXIT, type ExitCode } from '../../diagnostics/exit-codes.js';
import { formatHuman, sortDiagnostics } from '../../diagnostics/format.js';
import { packagePath } from '../../util/package-path.js';
import { fsProblem } from '../fs-problem.js';
import { writeNew } from '../fs-steps.js';
import { readInput } from '../inputs.js';
import type { CliIo } from '../io.js';

export interface InitArgs {
  file: string;
  periode?: string;
  indsatsomraade?: string;
  /** A plan file the new delaftale shares its parties and names with. */
  plan?: string;
}

/**
 * `delaftale init FIL --periode P --indsatsomraade O [--plan PLANFIL]`: writes a new delaftale's
 * draft (content/draft.ts). Without period or area on a terminal it asks; elsewhere it says which
 * flags are missing. It never replaces a file: the draft is created exclusively.
 */
export async function initCommand(args: InitArgs, io: CliIo): Promise<ExitCode> {
  const target = resolve(io.cwd, args.file);
  const perioder = loadRuleContext().perioder.perioder;
  const buildable = Object.keys(perioder).filter((p) => perioder[p]!.skabelon);

  let plan: { path: string; plan: Plan } | undefined;
  if (args.plan !== undefined) {
    const path = resolve(io.cwd, args.plan);
    const bytes = await readInput({ name: args.plan, path });
    if (!(bytes instanceof Uint8Array)) {
      io.stderr.write(`${formatHuman([bytes])}\n`);
      return EXIT.input;
    }
    const checked = validatePlan({ bytes, file: args.plan });
    if (!checked.plan) {
      io.stderr.write(`${formatHuman(sortDiagnostics(checked.diagnostics))}\nPlanfilen har fejl; intet blev skrevet.\n`);
      return EXIT.indhold;
    }
    plan = { path: relative(dirname(target), path).split('\\').join('/'), plan: checked.plan };
  }

  let periode = args.periode ?? plan?.plan.periode;
  let omraade = args.indsatsomraade;
  if (periode === undefined || omraade === undefined) {
    if (!io.stdin?.isTTY) {
      io.stderr.write(`delaftale: angiv ${[periode === undefined ? '--periode' : '', omraade === undefined ? '--indsatsomraade' : ''].filter(Boolean).join(' og ')}, fx "delaftale init ${args.file} --periode ${buildable.at(-1)} --indsatsomraade Beskæftigelse" (i en terminal spørger init selv).\n`);
      return EXIT.brug;
    }
    const rl = createInterface({ input: io.stdin, output: io.stdout as NodeJS.WritableStream });
    try {
      periode ??= (await rl.question(`LBF-periode (${buildable.join(', ')}) [${buildable.at(-1)}]: `)).trim() || buildable.at(-1)!;
      const areas = perioder[periode]?.indsatsomraader ?? [];
      if (omraade === undefined && areas.length > 0) {
        const answer = (await rl.question(`Indsatsområde:\n${areas.map((a, i) => `  ${i + 1}. ${a}`).join('\n')}\nVælg 1-${areas.length} eller skriv navnet: `)).trim();
        omraade = /^\d+$/.test(answer) ? areas[Number(answer) - 1] ?? answer : answer;
      }
    } finally {
      rl.close();
    }
  }

  const period = perioder[periode];
  if (!period?.skabelon) {
    io.stderr.write(`delaftale: der kan laves udkast for perioderne ${buildable.join(' og ')}, ikke "${periode}".\n`);
    return EXIT.brug;
  }
  if (omraade === undefined || !period.indsatsomraader.includes(omraade)) {
    io.stderr.write(`delaftale: "${omraade ?? ''}" er ikke et indsatsområde i perioden ${periode}; vælg et af: ${period.indsatsomraader.join(', ')}.\n`);
    return EXIT.brug;
  }
  if (plan && plan.plan.periode !== periode) {
    io.stderr.write(`delaftale: planen ${args.plan} hører til perioden ${plan.plan.periode}, ikke ${periode}.\n`);
    return EXIT.brug;
  }

  const content = draft({ periode, period, indsatsomraade: omraade, plan, today: new Date().toISOString().slice(0, 10) });
  const schema = relative(dirname(target), packagePath('schema/delaftale.schema.json')).split('\\').join('/');
  const text = `${JSON.stringify({ $schema: schema, ...content }, null, 2)}\n`;
  try {
    // Exclusive (fs-steps' writeNew): an existing file (a signed agreement, perhaps) is never replaced, nor a link followed.
    await writeNew(target, new TextEncoder().encode(text));
  } catch (e) {
    const exists = (e as NodeJS.ErrnoException).code === 'EEXIST';
    io.stderr.write(`delaftale: ${args.file}: ${exists ? 'filen findes allerede; init erstatter aldrig en fil. Vælg et andet filnavn' : fsProblem(e)}\n`);
    return EXIT.output;
  }
  io.stdout.write(`Skrev ${args.file}: et udkast til delaftalen for ${omraade} (${periode}). Erstat hvert «udfyld: …», og tjek med "delaftale validate ${args.file}".\n`);
  return EXIT.ok;
}
