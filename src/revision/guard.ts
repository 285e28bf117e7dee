/**
 * The overwrite guard: the rendered files of an approved version are never replaced by
 * output from different content. manifest.json records, per file, the version it
 * belongs to and whether that version was approved; a new build that would put other
 * bytes at the path of an approved file is a conflict. Pure: the CLI reads the manifest.
 */
export interface GuardedEntry {
  path: string;
  sha256: string;
  version?: string;
  approved?: boolean;
}

export interface Conflict {
  path: string;
  /** The approved version the existing file belongs to. */
  version: string;
}

export function findConflicts(existing: readonly GuardedEntry[], next: readonly GuardedEntry[]): Conflict[] {
  const approved = new Map(existing.filter((e) => e.approved === true).map((e) => [e.path, e]));
  const conflicts: Conflict[] = [];
  for (const n of next) {
    const old = approved.get(n.path);
    if (old && old.sha256 !== n.sha256) conflicts.push({ path: n.path, version: old.version ?? '?' });
  }
  return conflicts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The Danish explanation of a refused write; `hint` says how to force it from the command at hand. */
export function describeConflicts(conflicts: readonly Conflict[], dir: string, hint: string): string {
  return [
    ...conflicts.map((c) => `delaftale: ${dir}/${c.path} er dannet af version ${c.version}, som er godkendt, og indholdet er ændret siden; filen erstattes ikke.`),
    `Start en ny udkastversion: hæv revision.version i indholdet og fjern revision.godkendt (indtil bestyrelsen har godkendt den). ${hint}`,
  ].join('\n');
}

export class ApprovedVersionError extends Error {
  constructor(readonly conflicts: Conflict[]) {
    super(`${conflicts.length} godkendte filer ville blive erstattet`);
  }
}
