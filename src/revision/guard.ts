/**
 * The overwrite guard: the rendered files of an approved version are never replaced by
 * output from different content. What is approved is known twice: manifest.json records,
 * per file, its version and whether that version was approved, and an approved version's
 * PDF and DOCX carry a stamp of their own (stamp.ts) naming the file they were written as.
 * A new build that would put other bytes at the path of an approved file, or write other
 * bytes under the name an approved file (since renamed) was written as, is a conflict.
 * Pure: the CLI reads the manifest and the files.
 */
export interface GuardedEntry {
  path: string;
  sha256: string;
  /** The agreement version the file was rendered from, and whether that version is approved. */
  version?: string;
  approved?: boolean;
  /** What the file was made from (digests.ts), so a refused build can say what differs. */
  contentSha256?: string;
  templatesSha256?: string;
  program?: string;
  sourceDateEpoch?: string;
}

/** An approved output found in the folder: listed in the manifest, or stamped. */
export interface ApprovedFile extends GuardedEntry {
  /** Where it is now (relative to the folder); `path` is the name it was written as. */
  file: string;
}

export interface Conflict {
  /** The output the build would write. */
  path: string;
  /** The approved file in its way (the same as `path` unless it was renamed). */
  file: string;
  /** The approved version the existing file belongs to. */
  version: string;
  /** What differs between the approved file and the new build, in Danish. */
  reason: string;
}

/** The approved files among a manifest's entries (each where it was written). */
export function approvedInManifest(entries: readonly GuardedEntry[]): ApprovedFile[] {
  return entries.filter((e) => e.approved === true).map((e) => ({ ...e, file: e.path }));
}

export function findConflicts(approved: readonly ApprovedFile[], next: readonly GuardedEntry[]): Conflict[] {
  const conflicts = new Map<string, Conflict>();
  for (const n of next) {
    for (const old of approved) {
      if (old.path !== n.path || old.sha256 === n.sha256) continue;
      const key = `${n.path}\0${old.file}`;
      // The same file seen twice (manifest and stamp): the stamp's record is as good as the manifest's.
      if (!conflicts.has(key)) conflicts.set(key, { path: n.path, file: old.file, version: old.version ?? '?', reason: whatDiffers(old, n) });
    }
  }
  return [...conflicts.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/**
 * Why the bytes differ, from the digests both sides record: the content, the template
 * set, delaftale's version, SOURCE_DATE_EPOCH. A file from before the digests were
 * recorded cannot tell; it is said so (its bytes differ already because the stamp is new).
 */
export function whatDiffers(old: GuardedEntry, next: GuardedEntry): string {
  if (old.contentSha256 === undefined) {
    return 'filen er dannet af en ældre udgave af delaftale, der ikke noterede, hvad filen blev dannet af, så det kan ikke afgøres, om indholdet er ændret. Er det uændret, kan filerne erstattes med --force';
  }
  if (next.contentSha256 === undefined || old.contentSha256 !== next.contentSha256) return 'indholdet er ændret siden';
  if (old.templatesSha256 !== next.templatesSha256) return 'indholdet er det samme, men skabelonerne er ændret siden';
  if (old.program !== next.program) return `indholdet og skabelonerne er de samme, men filen blev dannet med delaftale ${old.program ?? '?'} og nu med ${next.program ?? '?'}`;
  if (old.sourceDateEpoch !== next.sourceDateEpoch) {
    const value = (v: string | undefined) => (v === undefined ? 'ikke sat' : v);
    return `indholdet og skabelonerne er de samme; kun SOURCE_DATE_EPOCH er anderledes (ved godkendelsen ${value(old.sourceDateEpoch)}, nu ${value(next.sourceDateEpoch)}), og den ændrer datoerne i filen. Byg med samme SOURCE_DATE_EPOCH som ved godkendelsen`;
  }
  return 'filen er ændret, efter den blev dannet (den passer ikke længere med indholdet)';
}

/** The Danish explanation of a refused write; `hint` says how to force it from the command at hand. */
export function describeConflicts(conflicts: readonly Conflict[], dir: string, hint: string): string {
  return [
    ...conflicts.map((c) => (c.file === c.path
      ? `delaftale: ${dir}/${c.path} er dannet af version ${c.version}, som er godkendt, og ${c.reason}; filen erstattes ikke.`
      : `delaftale: ${dir}/${c.file} (dannet som ${c.path}) er version ${c.version}, som er godkendt, og ${c.reason}; ${c.path} skrives ikke.`)),
    `Start en ny udkastversion: hæv revision.version i indholdet og fjern revision.godkendt (indtil bestyrelsen har godkendt den). ${hint}`,
  ].join('\n');
}

export class ApprovedVersionError extends Error {
  constructor(readonly conflicts: Conflict[]) {
    super(`${conflicts.length} godkendte filer ville blive erstattet`);
  }
}
