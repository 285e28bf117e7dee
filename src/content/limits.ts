/**
 * The documented limits of a delaftale: what `validate` rejects before any layout starts,
 * so that a build either finishes inside the worker's 256 MB heap in reasonable time or
 * stops with a Danish message that names the limit and the actual number. README
 * ("Grænser og tegn") lists them.
 *
 * The schema (schema/delaftale.schema.json) states each of them but the text in all as a
 * maximum too, so an editor shows them while one types, and so that an out-of-range value
 * stops validation before any rule computes with it (no "∞ af ∞ = NaN %"). This file is the record of the
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
   * Activities. What fills the worker's 256 MB heap is the agreement PDF's activities: their
   * number and the text in them. Measured with `node dist/cli/bin.js build FIL --out …` (all
   * formats) on the seed with its activities repeated, each with its own words (drawn at random,
   * so no cache shares lines between them), on 2 cores shared with other builds (where the seed
   * itself took 20–30 s against 6–7 s on a quiet machine). As (activities, characters of text
   * in them): (40, 147.000) 34 s of CPU, (60, 221.000) 44 s, (80, 294.000) 56 s, (25, 582.000)
   * 38 s built; (100, 368.000), (40, 490.000) and (50, 1.163.000) ran out of the heap (exit 70),
   * as 300 copies of the seed's own activities did after 196 s. The limits' corner, 50 activities
   * and 250.000 characters in all, built in 33 s (38 s of CPU); (80, 294.000) beyond it in both
   * respects still builds, and twice the text or the activities does not. A helhedsplan's
   * delaftale has a handful of activities and some 25.000 characters.
   * Measured again on 2026-11-29, in a batch (a worker thread, since single agreements render
   * in the main thread): the corner ran out of the 256 MB heap, because react-pdf asked for all
   * seven faces at every node in every layout pass and some 120.000 of those loads were pending
   * at once. It builds (33 s on a worker) since it asks once per face (patches/@react-pdf+layout);
   * tests/batch.test.ts builds it.
   */
  aktiviteter: 50,
  /** Footnotes under `fodnoter` (500 short ones, one per paragraph, built in 40 s of CPU). */
  fodnoter: 200,
  /** People under `personer` (200, all of them parties, built in 25 s of CPU). */
  personer: 200,
  /** Organisations under `organisationer`. */
  organisationer: 100,
  /** Parties in `parter` (the list of parties and the signatures). */
  parter: 100,
  /** Indicators under `indikatorer` (2019-26): one table row each; a plan follows a handful. */
  indikatorer: 50,
  /** Characters in one Markdown field (problemkompleks, an activity's indhold, a footnote …). */
  markdownTegn: 100_000,
  /**
   * Characters of text in all: every string value, names included (rule "graenser", the one
   * limit the schema cannot state). See `aktiviteter` for the measurements; text outside the
   * activities weighs less (1,6 million characters in 16 fields, 10 of them in five activities,
   * built in 27 s of CPU), but one number is what a user can keep track of. The seed has 26.644.
   */
  tekstIAlt: 250_000,
  /** Characters in a one-line plain field (names, titles, indsats, kilde, datakilde …). */
  linjeTegn: 500,
  /** Characters in a longer plain field (succeskriterium, its note, målgruppe, resumé). */
  tekstTegn: 2_000,
} as const;
