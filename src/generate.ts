import type { Root } from 'mdast';
import type { Plan } from './content/plan.js';
import type { Delaftale, Person } from './content/types.js';
import { loadRuleContext } from './content/rule-context.js';
import type { RenderOptions } from './render/options.js';
import { loadTemplateSet, renderWords, type DocumentWords } from './template/environment.js';
import { samarbejdsaftaleModel } from './template/samarbejdsaftale-model.js';
import { viewModel } from './template/view-model.js';
import { markdownFields } from './content/fields.js';
import { expandFields } from './tree/expand-fields.js';
import { parseMarkdown } from './tree/parse.js';
import { formatDate } from './util/danish-format.js';
import { fitFileName } from './util/file-names.js';

/**
 * The one place that knows the order of the stages:
 * content → view model → template (Markdown + directives, with placeholders for the
 * content's Markdown fields) → document tree → each field parsed on its own in its place.
 * Renderers take the tree and the options this returns.
 */
export interface Prepared {
  markdown: string;
  tree: Root;
  options: RenderOptions;
  /** Base file name without extension, e.g. "delaftale-tryghed-og-trivsel-v1.0". */
  fileName: string;
}

/** The template folder an agreement is built with: the secretariat's own (`egen`, --skabelon) or its period's built-in one. */
export function templateFolder(content: Delaftale, egen?: string): string {
  if (egen !== undefined) return egen;
  const folder = loadRuleContext().perioder.perioder[content.periode]?.skabelon;
  if (!folder) throw new NoTemplateError(content.periode);
  return folder;
}

export class NoTemplateError extends Error {
  constructor(readonly periode: string) {
    // Validation (rule "skabelon") stops such content first; this guards a caller that skipped it.
    super(`der findes ingen indbygget skabelon for LBF-perioden ${periode}`);
  }
}

export type TemplateName = 'delaftale' | 'aktivitetsark';

export interface PrepareOptions {
  template?: TemplateName;
  /** Only these activities (by index), for the portal sheets of one activity. */
  only?: number[];
  sourceDateEpoch?: string;
  /** A secretariat's own template folder (absolute path), instead of the period's built-in one. */
  skabelon?: string;
}

export function prepare(content: Delaftale, { template = 'delaftale', only, sourceDateEpoch, skabelon }: PrepareOptions = {}): Prepared {
  const set = loadTemplateSet(templateFolder(content, skabelon));
  const markdown = set.render(template, { ...viewModel(content, only), ...set.words(content.indsatsomraade) });
  const words = set.documents[template]!;
  const alone = only?.length === 1 ? only[0]! : undefined;
  const { revision } = content;
  const raw = {
    ...content,
    // Dates as the body writes them ("15. marts 2016"), as the view model gives them to the templates.
    revision: {
      ...revision,
      dato: formatDate(revision.dato),
      godkendt: revision.godkendt ? { ...revision.godkendt, dato: formatDate(revision.godkendt.dato) } : undefined,
    },
    /** The indsats as the footer names it: the short name when there is one. */
    kort: content.kortnavn ?? content.indsats,
    slug: fileSlug(content),
    aktivitet: alone !== undefined ? content.aktiviteter[alone]?.navn : undefined,
    aktivitetNummer: alone !== undefined ? alone + 1 : undefined,
  };
  const date = documentDate(content.revision.dato, sourceDateEpoch);
  return { markdown, tree: contentTree(markdown, content), ...documentWords(words, raw, date, content.personer) };
}

/** A document's file name and render options from its words in document.json, rendered over `raw`. */
function documentWords(words: DocumentWords, raw: { slug: string }, date: Date, personer: Record<string, Person>): Pick<Prepared, 'fileName' | 'options'> {
  const w = (s: string) => renderWords(s, raw);
  return {
    // Cut to the length a Windows share allows, with a hash of the whole (util/file-names.ts).
    fileName: fitFileName((slug) => renderWords(words.fileName, { ...raw, slug }), raw.slug).name,
    options: {
      metadata: {
        title: w(words.title),
        subject: w(words.subject),
        author: w(words.author),
        keywords: words.keywords.map(w),
        language: 'da-DK',
        date,
      },
      footer: { text: w(words.footer), pageLabel: words.pageLabel },
      names: Object.values(personer).map((p) => p.navn),
    },
  };
}

/**
 * The longest base name each document of the agreement can get (the activity sheets of
 * its last activity alone), and whether the slug had to be shortened for it: for
 * validate's warning (rule filnavn), from the same words the build uses.
 */
export function longestFileNames(content: Delaftale, skabelon?: string): { name: string; shortened: boolean }[] {
  const set = loadTemplateSet(templateFolder(content, skabelon));
  const raw = { ...content, slug: fileSlug(content), aktivitetNummer: Math.max(1, content.aktiviteter.length) };
  return (['delaftale', 'aktivitetsark'] as const).map((t) => fitFileName((slug) => renderWords(set.documents[t]!.fileName, { ...raw, slug }), raw.slug));
}

/**
 * The plan's strategisk samarbejdsaftale, from the plan file and the delaftaler that name it;
 * undefined when the template has none (the 2015-18 template).
 */
export function prepareSamarbejdsaftale(plan: Plan, delaftaler: Delaftale[], { sourceDateEpoch, skabelon }: Omit<PrepareOptions, 'template' | 'only'> = {}): Prepared | undefined {
  const periode = loadRuleContext().perioder.perioder[plan.periode];
  const folder = skabelon ?? periode?.skabelon;
  if (!folder) throw new NoTemplateError(plan.periode);
  const set = loadTemplateSet(folder);
  const words = set.documents['samarbejdsaftale'];
  if (!words) return undefined;
  const markdown = set.render('samarbejdsaftale', { ...samarbejdsaftaleModel(plan, delaftaler, periode?.indsatsomraader ?? []), ...set.words('') });
  const name = plan.kortnavn ?? plan.navn;
  const raw = { ...plan, dato: formatDate(plan.samarbejdsaftale.dato), kort: name, slug: slug(name) };
  const date = documentDate(plan.samarbejdsaftale.dato, sourceDateEpoch);
  return { markdown, tree: parseMarkdown(markdown), ...documentWords(words, raw, date, plan.personer) };
}

/** The template's tree with the content's Markdown fields in their places. */
export function contentTree(markdown: string, content: Delaftale): Root {
  const fields = new Map(markdownFields(content).map((f) => [f.pointer, f.text]));
  return expandFields(parseMarkdown(markdown), fields, Object.keys(content.fodnoter ?? {}));
}

/**
 * Outputs carry the content's revision date, never the clock, so the same content
 * gives the same bytes on any day and in any time zone. SOURCE_DATE_EPOCH (the
 * reproducible-builds convention) overrides it.
 */
export function documentDate(revisionDate: string, sourceDateEpoch?: string): Date {
  if (sourceDateEpoch && /^\d+$/.test(sourceDateEpoch)) return new Date(Number(sourceDateEpoch) * 1000);
  return new Date(`${revisionDate}T12:00:00Z`);
}

/**
 * The part of every file name that says which agreement it is: the boligsocial
 * indsats and the indsatsområde, so a housing organisation's many delaftaler (one
 * folder, one batch build) never share a file name.
 */
export function fileSlug(content: Pick<Delaftale, 'indsats' | 'indsatsomraade' | 'kortnavn'>): string {
  return slug(`${content.kortnavn ?? content.indsats} ${content.indsatsomraade}`);
}

export function slug(text: string): string {
  return text.toLowerCase()
    .replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa')
    .normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
