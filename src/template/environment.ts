import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { templateDir } from './folder.js';

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
  /**
   * The words inside the documents (tekster.json), for templates that keep their headings and
   * fixed sentences as data: `tekst` and the indsatsområde's own words as `omraade`. Empty for
   * a folder without tekster.json (2015-18 writes its words in the .hbs files).
   */
  words(indsatsomraade: string): { tekst?: Record<string, string>; omraade?: Record<string, string> | null };
}

/** tekster.json: each entry's text with whether it is checked against LBF's own words, and where it comes from. */
interface Entry { tekst: string; verificeret: boolean; kilde?: string }
interface TemplateWords { tekster: Record<string, Entry>; omraader?: Record<string, Record<string, Entry>> }

const texts = (entries: Record<string, Entry>): Record<string, string> =>
  Object.fromEntries(Object.entries(entries).map(([id, e]) => [id, e.tekst]));


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
  const dir = templateDir(folder);
  const hbs = Handlebars.create();
  const partialsDir = join(dir, 'partials');
  for (const file of readdirSync(partialsDir).filter((f) => f.endsWith('.hbs')).sort()) {
    hbs.registerPartial(basename(file, '.hbs'), readFileSync(join(partialsDir, file), 'utf8'));
  }
  const wordsFile = join(dir, 'tekster.json');
  const words = existsSync(wordsFile) ? JSON.parse(readFileSync(wordsFile, 'utf8')) as TemplateWords : undefined;
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
    words(indsatsomraade) {
      if (!words) return {};
      const omraade = words.omraader?.[indsatsomraade];
      return { tekst: texts(words.tekster), omraade: omraade ? texts(omraade) : null };
    },
  };
  cache.set(folder, set);
  return set;
}

/** Small templates from document.json (metadata, footer), rendered over raw values. */
export function renderWords(template: string, data: unknown): string {
  return Handlebars.compile(template, { strict: false, noEscape: true })(data);
}
