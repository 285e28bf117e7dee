import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { toTemplateError } from './errors.js';
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
  // A template reads the content it is given and nothing else: no helper that writes to the console.
  hbs.unregisterHelper('log');
  const options: CompileOptions = { strict: true, noEscape: true, preventIndent: true };
  const partialsDir = join(dir, 'partials');
  for (const file of readdirSync(partialsDir).filter((f) => f.endsWith('.hbs')).sort()) {
    // Compiled here, each wrapped so that a fault inside it names this file (handlebars' own errors name none).
    const path = join(partialsDir, file);
    const source = readFileSync(path, 'utf8');
    const partial = hbs.compile(source, options);
    hbs.registerPartial(basename(file, '.hbs'), ((context: unknown, o: Handlebars.RuntimeOptions) => {
      try {
        return partial(context, o);
      } catch (e) {
        throw toTemplateError(e, path, source);
      }
    }) as unknown as Handlebars.Template);
  }
  const wordsFile = join(dir, 'tekster.json');
  const words = existsSync(wordsFile) ? JSON.parse(readFileSync(wordsFile, 'utf8')) as TemplateWords : undefined;
  const compiled = new Map<string, { template: Handlebars.TemplateDelegate; path: string; source: string }>();
  const set: TemplateSet = {
    folder,
    render(name, data) {
      let entry = compiled.get(name);
      if (!entry) {
        const path = join(dir, `${name}.hbs`);
        const source = readFileSync(path, 'utf8');
        entry = { template: hbs.compile(source, options), path, source };
        compiled.set(name, entry);
      }
      try {
        return entry.template(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
      } catch (e) {
        throw toTemplateError(e, entry.path, entry.source);
      }
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
