import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { packagePath } from '../util/package-path.js';

/**
 * One template folder (e.g. templates/lbf-2015-2018): its main templates and
 * partials compiled once in an isolated handlebars environment. Strict mode makes a
 * misspelt field in a template an error instead of a silent blank; noEscape because
 * the view model already escaped every value for Markdown (HTML escaping would be
 * wrong for Markdown). Content is only ever data, never compiled.
 */
export interface TemplateSet {
  folder: string;
  render(name: string, data: unknown): string;
  /** Words around each document, by template name (document.json). */
  documents: Record<string, DocumentWords>;
}

export interface DocumentWords {
  title: string;
  subject: string;
  author: string;
  keywords: string[];
  footer: string;
  pageLabel: string;
  fileName: string;
}

const cache = new Map<string, TemplateSet>();

export function loadTemplateSet(folder: string): TemplateSet {
  const cached = cache.get(folder);
  if (cached) return cached;
  const dir = packagePath(`templates/${folder}`);
  const hbs = Handlebars.create();
  const partialsDir = join(dir, 'partials');
  for (const file of readdirSync(partialsDir).filter((f) => f.endsWith('.hbs')).sort()) {
    hbs.registerPartial(basename(file, '.hbs'), readFileSync(join(partialsDir, file), 'utf8'));
  }
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  const options: CompileOptions = { strict: true, noEscape: true, preventIndent: true };
  const set: TemplateSet = {
    folder,
    render(name, data) {
      let template = compiled.get(name);
      if (!template) {
        template = hbs.compile(readFileSync(join(dir, `${name}.hbs`), 'utf8'), options);
        compiled.set(name, template);
      }
      return template(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
    },
    documents: JSON.parse(readFileSync(join(dir, 'document.json'), 'utf8')) as Record<string, DocumentWords>,
  };
  cache.set(folder, set);
  return set;
}

/** Small templates from document.json (metadata, footer), rendered over raw values. */
export function renderWords(template: string, data: unknown): string {
  return Handlebars.compile(template, { strict: false, noEscape: true })(data);
}
