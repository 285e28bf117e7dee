/** The one table of exit codes; the README repeats it. */
export const EXIT = {
  /** Everything went well (warnings allowed, unless --strict). */
  ok: 0,
  /** The content has errors (or warnings under --strict); nothing was written. */
  indhold: 1,
  /** The command line was wrong: unknown command or option, missing argument. */
  brug: 2,
  /** An input file or folder could not be read. */
  input: 3,
  /** An output could not be written (nothing half-written is left behind). */
  output: 4,
  /** The build would replace the files of an approved version with different content. */
  godkendt: 5,
  /** A bug in delaftale; please report it with the message. */
  intern: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
