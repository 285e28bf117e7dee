/**
 * The documented limits of a delaftale: what `validate` rejects before any layout starts,
 * so that a build either finishes inside the worker's 256 MB heap in reasonable time or
 * stops with a Danish message that names the limit and the actual number. README
 * ("Grænser og tegn") lists them.
 *
 * The schema (schema/delaftale.schema.json) states each of them as a maximum too, so an
 * editor shows them while one types, and so that an out-of-range value stops validation
 * before any rule computes with it (no "∞ af ∞ = NaN %"). This file is the record of the
 * numbers and of why they are what they are; tests/graenser.test.ts fails if the schema says
 * anything else.
 */
export const LIMITS = {
  /**
   * Amounts (beloeb and each perAar value) are in thousand kr. and must be below 10^9,
   * i.e. below 1 billion kr. (10^12 kr.): far above any helhedsplan, and small enough that
   * totals and shares are exact and print on one line.
   */
  beloebUnder: 1_000_000_000,
  /**
   * Activities. Measured with `node dist/cli/bin.js build FIL --out …` (all formats) on the
   * seed with its five activities repeated, on 2 cores shared with other builds (the seed
   * itself took 20–30 s there, 6–7 s on a quiet machine): 60 activities 36 s of CPU, 100
   * activities 63 s of CPU (89–210 s wall), 150 and 200 built in 4 and 6½ minutes, and 300 ran
   * out of the worker's 256 MB heap after 196 s (exit 70). 60 builds well inside a minute on a
   * quiet machine and is a fifth of what breaks; a helhedsplan's delaftale has a handful.
   */
  aktiviteter: 60,
  /** Footnotes under `fodnoter` (500 short ones, one per paragraph, built in 40 s of CPU). */
  fodnoter: 200,
  /** People under `personer` (200, all of them parties, built in 25 s of CPU). */
  personer: 200,
  /** Organisations under `organisationer`. */
  organisationer: 100,
  /** Parties in `parter` (the list of parties and the signatures). */
  parter: 100,
  /**
   * Characters in one Markdown field (problemkompleks, an activity's indhold, a footnote …).
   * One field of 100.000 built in 26 s, six of them in 52 s (wall, on the shared machine).
   */
  markdownTegn: 100_000,
  /** Characters in a one-line plain field (names, titles, indsats, kilde, datakilde …). */
  linjeTegn: 500,
  /** Characters in a longer plain field (succeskriterium, its note, målgruppe, resumé). */
  tekstTegn: 2_000,
} as const;
