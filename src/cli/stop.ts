import { EXIT, type ExitCode } from '../diagnostics/exit-codes.js';
import type { CliIo } from './io.js';

/**
 * Stopping the CLI: SIGINT (Ctrl-C), SIGTERM, SIGHUP, or the death of the process that
 * started it (npx killed by a CI runner or a shell leaves its node child running, with a
 * new parent). The worker threads are stopped at once; a write in progress gets to its
 * next safe point (before the swap it stops and removes its staging folder; a swap
 * already begun takes milliseconds and is finished), then the process exits with
 * 128 + the signal's number.
 */
export type StopCause = 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'forælder';

export interface Stop { cause: StopCause; code: ExitCode }

const CODES: Record<StopCause, ExitCode> = { SIGINT: EXIT.afbrudt, SIGTERM: EXIT.stoppet, SIGHUP: EXIT.lagtPaa, forælder: EXIT.lagtPaa };

let stopped: Stop | undefined;
let writing = 0;
let writeDone: (() => void) | undefined;
/** Whether the last write that ran during the stop reached its commit. */
let committed = false;

export class StoppedError extends Error {
  constructor(readonly stop: Stop) {
    super('stoppet');
  }
}

export const stopRequested = (): Stop | undefined => stopped;

/** Throws StoppedError once a stop was asked for: called at each point where giving up leaves nothing behind. */
export function throwIfStopped(): void {
  if (stopped) throw new StoppedError(stopped);
}

/** Runs a write to the output folder; a stop waits for it to finish or give up. */
export async function whileWriting<T>(run: () => Promise<T>, onCommit?: () => void): Promise<T> {
  writing += 1;
  try {
    const result = await run();
    committed = true;
    onCommit?.();
    return result;
  } finally {
    writing -= 1;
    if (writing === 0) writeDone?.();
  }
}

const PARENT_POLL_MS = 500;
/**
 * The parent as it was when this module was first loaded (bin.ts loads it first thing):
 * read later, a parent that died during start-up would already be replaced by its adopter.
 */
const STARTED_BY = process.ppid;

/**
 * Installs the handlers for one command; `onStop` stops its workers. Returns the function
 * that removes them again.
 */
export function stopOnSignals(io: CliIo, outName: string | undefined, onStop: () => Promise<void> | void): () => void {
  const handle = (cause: StopCause) => {
    if (stopped) {
      // A second Ctrl-C does not wait: the next build undoes whatever was interrupted.
      process.exit(stopped.code);
    }
    stopped = { cause, code: CODES[cause] };
    void (async () => {
      const why = cause === 'forælder' ? 'processen, der startede delaftale, er stoppet' : `modtog ${cause}`;
      io.stderr.write(`delaftale: stopper (${why}).\n`);
      await Promise.resolve(onStop()).catch(() => {});
      if (writing > 0) await new Promise<void>((r) => { writeDone = r; });
      const where = outName === undefined ? '' : ` i ${outName}`;
      io.stderr.write(committed ? `Filerne${where} var allerede skrevet færdige.\n` : `Intet blev skrevet; tidligere filer${where} er uændrede.\n`);
      process.exit(stopped!.code);
    })();
  };
  return onStopRequest(handle);
}

/**
 * Calls `stop` on SIGINT, SIGTERM, SIGHUP, or when the parent process is gone (its death
 * shows as a new parent id: init or a subreaper adopts the process). Returns the function
 * that removes the handlers. `watch` uses it directly: there, a stop ends the watching.
 */
export function onStopRequest(stop: (cause: StopCause) => void): () => void {
  const listeners = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((s) => [s, () => stop(s)] as const);
  for (const [s, l] of listeners) process.on(s, l);
  const timer = setInterval(() => {
    if (process.ppid !== STARTED_BY) stop('forælder');
  }, PARENT_POLL_MS);
  timer.unref();
  return () => {
    for (const [s, l] of listeners) process.off(s, l);
    clearInterval(timer);
  };
}
