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
  /** An output could not be written; the output folder keeps its previous set of files. */
  output: 4,
  /** The build would replace the files of an approved version with different content. */
  godkendt: 5,
  /** Another build held the output folder's lock for longer than we waited. */
  optaget: 6,
  /** Stopped by SIGHUP, or because the process that started it stopped (128 + 1). */
  lagtPaa: 129,
  /** Stopped by SIGINT, Ctrl-C (128 + 2). */
  afbrudt: 130,
  /** Stopped by SIGTERM (128 + 15). */
  stoppet: 143,
  /** A bug in delaftale; please report it with the message. */
  intern: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
