/**
 * The edit server's HTTP API as types, written once: the server (src/edit/server.ts) is
 * checked against them, and the browser half (web/src) imports them (type-only, so nothing
 * of the server reaches the bundle). No imports here, so the browser's compiler can read it.
 */

/** A problem as the form shows it at its field: the project's Diagnostic, pointer without '#'. */
export interface Problem {
  pointer: string;
  message: string;
  severity: 'fejl' | 'advarsel';
  rule: string;
  line?: number;
  column?: number;
  /** Only when the problem lies in another file (the plan), whose pointer is not into this agreement. */
  file?: string;
}

export interface State {
  file: string;
  text: string;
  hash: string;
  /** Null when the file is not JSON (then `problems` say why, at line:column). */
  value: unknown;
  schema: object;
  problems: Problem[];
  approved: boolean;
  out: string;
  lists: { personer: string[]; organisationer: string[] };
}

export interface PreviewDocument { name: 'aftale' | 'aktivitetsskemaer'; title: string; url: string }

export type PreviewAnswer =
  | { superseded: true }
  | { version: number | null; documents: PreviewDocument[]; problems: Problem[]; ms: number };
