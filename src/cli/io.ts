/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  cwd: string;
  /** For the questions `init` asks on a terminal; absent in tests and pipes. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}
