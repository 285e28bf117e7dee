import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapePunctuation } from '../template/escape.js';
import type { Delaftale } from '../content/types.js';
import { documentDate, fileSlug, templateFolder } from '../generate.js';
import type { RenderOptions } from '../render/options.js';
import { loadTemplateSet, renderWords } from '../template/environment.js';
import { escapeMarkdown } from '../template/escape.js';
import { formatDate } from '../util/danish-format.js';
import { templateDir } from '../template/folder.js';
import { compare, type Change, type Comparison } from './compare.js';
import { hunks, plainMarks } from './words.js';
import { fitFileName } from '../util/file-names.js';

/** aendringsrapport.json of a template folder: the report's words and the class of each change. */
export interface ReportWords {
  klasser: Record<string, string>;
  kategorier: Record<string, { klasse: string; konsekvenser: string[] }>;
  konsekvenser: Record<string, string>;
  udenKonsekvenser: string;
  ingen: string;
  /** Between an old and a new value, in the terminal and in the PDF. */
  pil: { tekst: string; pdf: string };
  handlinger: Record<string, string>;
  afsnit: Record<string, string>;
  felter: Record<string, { tekst: string; kategori: string; enhed?: string }>;
  niveauer: Record<string, string>;
  dokument: {
    title: string; subject: string; author: string; keywords: string[]; footer: string; pageLabel: string;
    fileName: string; redlineFileName: string; redlineAuthor: string;
  };
}

function reportWords(folder: string): ReportWords {
  return JSON.parse(readFileSync(join(templateDir(folder), 'aendringsrapport.json'), 'utf8')) as ReportWords;
}

/** How the report is written: plain text for the terminal (optionally coloured), or Markdown for the PDF. */
export type Flavour = 'tekst' | 'farve' | 'markdown';

export interface ClassifiedChange extends Change {
  nummer: number;
  kategori: string;
  klasse: string;
  konsekvenser: string[];
}

export interface Report {
  comparison: Comparison;
  changes: ClassifiedChange[];
  words: ReportWords;
  /** The template folder of the new version (its own with --skabelon). */
  folder: string;
}

export function diffAgreements(a: Delaftale, b: Delaftale, skabelon?: string): Report {
  const folder = templateFolder(b, skabelon);
  const words = reportWords(folder);
  const comparison = compare(a, b, words);
  // Numbered in the order of the report's sections (the agreement's order).
  const order = Object.keys(words.afsnit);
  const sorted = comparison.changes
    .map((c, i) => ({ c, i }))
    .sort((x, y) => order.indexOf(x.c.afsnit) - order.indexOf(y.c.afsnit) || (x.c.aktivitet?.nummer ?? 0) - (y.c.aktivitet?.nummer ?? 0) || x.i - y.i)
    .map(({ c }) => c);
  const changes = sorted.map((c, i) => {
    const felt = words.felter[c.felt];
    if (!felt) throw new Error(`feltet "${c.felt}" mangler i aendringsrapport.json`);
    const kategori = words.kategorier[felt.kategori];
    if (!kategori) throw new Error(`kategorien "${felt.kategori}" mangler i aendringsrapport.json`);
    return { ...c, nummer: i + 1, kategori: felt.kategori, klasse: kategori.klasse, konsekvenser: kategori.konsekvenser };
  });
  return { comparison, changes, words, folder };
}

const escapePiece = escapePunctuation;
const RED = (s: string) => `\u001b[31m${s}\u001b[39m`;
const GREEN = (s: string) => `\u001b[32m${s}\u001b[39m`;

/** The report's text: Markdown (flavour "markdown") or plain text for a terminal. */
export function reportText(a: Delaftale, b: Delaftale, report: Report, flavour: Flavour): string {
  const { words, changes } = report;
  const md = flavour === 'markdown';
  const v = (s: string) => (md ? escapeMarkdown(s) : s.replace(/\s*\n\s*/g, ' / '));
  const marks = md
    ? { del: (s: string) => escapePiece(plainMarks.del(s)), ins: (s: string) => escapePiece(plainMarks.ins(s)), same: escapePiece }
    : flavour === 'farve'
      ? { del: (s: string) => RED(plainMarks.del(s)), ins: (s: string) => GREEN(plainMarks.ins(s)), same: plainMarks.same }
      : plainMarks;
  const version = (d: Delaftale) => ({
    version: v(d.revision.version),
    dato: formatDate(d.revision.dato),
    godkendt: d.revision.godkendt ? { dato: formatDate(d.revision.godkendt.dato), af: v(d.revision.godkendt.af) } : null,
    resume: d.revision.resume ? v(d.revision.resume) : null,
  });

  const sections: { key: string; titel: string; aendringer: ClassifiedChange[] }[] = [];
  for (const c of changes) {
    const titel = c.aktivitet ? renderWords(words.afsnit[c.afsnit]!, c.aktivitet) : words.afsnit[c.afsnit]!;
    const last = sections.at(-1);
    if (last && last.titel === titel && last.key === c.afsnit) last.aendringer.push(c);
    else sections.push({ key: c.afsnit, titel, aendringer: [c] });
  }
  const count = (klasse: string) => changes.filter((c) => c.klasse === klasse).length;
  const numbers = (list: ClassifiedChange[]) => (list.length ? list.map((c) => c.nummer).join(', ') : words.ingen);

  const view = {
    indsatsomraade: v(b.indsatsomraade),
    pil: md ? words.pil.pdf : words.pil.tekst,
    fra: version(a),
    til: version(b),
    antal: { i_alt: changes.length, vaesentlig: count('vaesentlig'), redaktionel: count('redaktionel') },
    afsnit: sections.map((s) => ({
      titel: v(s.titel),
      aendringer: s.aendringer.map((c) => {
        const felt = words.felter[c.felt]!;
        const detaljer = c.tekst ? hunks(c.tekst, marks) : [];
        return {
          nummer: c.nummer,
          felt: v(c.navn ?? felt.tekst),
          handling: words.handlinger[c.handling]!,
          klasse: words.klasser[c.klasse]!,
          vaerdi: c.tekst ? null : { gammel: c.gammel ? v(c.gammel) : null, ny: c.ny ? v(c.ny) : null },
          enhed: felt.enhed ? v(felt.enhed) : null,
          detaljer,
        };
      }),
      budget: s.key === 'oekonomi' && report.comparison.budget ? report.comparison.budget : null,
    })),
    konsekvenser: [
      ...Object.entries(words.konsekvenser).map(([id, tekst]) => ({ tekst: v(tekst), numre: numbers(changes.filter((c) => c.konsekvenser.includes(id))) })),
      { tekst: v(words.udenKonsekvenser), numre: numbers(changes.filter((c) => c.konsekvenser.length === 0)) },
    ],
  };
  const markdown = loadTemplateSet(report.folder).render('aendringsrapport', view).replace(/\n{3,}/g, '\n\n').trim() + '\n';
  if (md) return markdown;
  // For the terminal, Markdown headings become underlined lines.
  return markdown.replace(/^(#{1,2}) (.*)$/gm, (_m, level: string, title: string) => `${title}\n${(level === '#' ? '=' : '-').repeat([...title].length)}`);
}

/** Names and metadata of the report and the redline, from aendringsrapport.json. */
export function reportDocument(a: Delaftale, b: Delaftale, words: ReportWords, sourceDateEpoch?: string) {
  const raw = { ...b, slug: fileSlug(b), gammel: a.revision.version, ny: b.revision.version };
  const w = (s: string) => renderWords(s, raw);
  const d = words.dokument;
  const options: RenderOptions = {
    metadata: {
      title: w(d.title),
      subject: w(d.subject),
      author: w(d.author),
      keywords: d.keywords.map(w),
      language: 'da-DK',
      date: documentDate(b.revision.dato, sourceDateEpoch),
    },
    footer: { text: w(d.footer), pageLabel: d.pageLabel },
  };
  const fit = (words: string) => fitFileName((slug) => renderWords(words, { ...raw, slug }), raw.slug).name;
  return { options, fileName: fit(d.fileName), redlineFileName: fit(d.redlineFileName), redlineAuthor: w(d.redlineAuthor) };
}
