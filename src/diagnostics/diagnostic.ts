/**
 * One problem found in a content file or while rendering, modelled on unified's
 * VFileMessage: where (file, JSON pointer, line:column), what (rule id, Danish
 * message) and how bad (severity).
 */
export type Severity = 'fejl' | 'advarsel';

export interface Diagnostic {
  /** Path of the file as the user gave it, or a label such as "<standard>". */
  file?: string;
  /** JSON pointer into the content, e.g. "/aktiviteter/2/formaal". */
  pointer?: string;
  /**
   * Where inside the string value at `pointer` the problem is: a UTF-16 index into the
   * decoded string (as JavaScript sees it). Turned into the line:column of that very
   * character in the file, escapes included (see locateInString).
   */
  offset?: number;
  line?: number;
  column?: number;
  severity: Severity;
  /** Stable id of the check, e.g. "schema/required" or "medfinansiering". */
  rule: string;
  /** Danish, says what was expected. */
  message: string;
}

export function error(rule: string, message: string, where: Partial<Diagnostic> = {}): Diagnostic {
  return { ...where, severity: 'fejl', rule, message };
}

export function warning(rule: string, message: string, where: Partial<Diagnostic> = {}): Diagnostic {
  return { ...where, severity: 'advarsel', rule, message };
}
