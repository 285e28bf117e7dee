import { createHash } from 'node:crypto';

/**
 * Output file names stay within 120 characters, so that a folder on a Windows share
 * (260 characters for the whole path) still has room for its own path. The part taken
 * from the content (the slug of the indsats and the indsatsområde) is what gets cut, and
 * a short hash of the whole slug keeps two long names that start alike apart. Pure.
 */
export const MAX_FILE_NAME = 120;
/** The longest extension an output gets (.docx, .xlsx). */
const LONGEST_EXTENSION = '.docx'.length;
const HASH_LENGTH = 6;

/** `slug` in at most `max` characters: cut at the end, with "-" and 6 hex characters of its SHA-256. */
export function shortSlug(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const hash = createHash('sha256').update(slug).digest('hex').slice(0, HASH_LENGTH);
  const cut = slug.slice(0, Math.max(0, max - HASH_LENGTH - 1)).replace(/-+$/, '');
  return cut === '' ? hash : `${cut}-${hash}`;
}

/** The base name `render(slug)` gives, with the slug shortened as needed for the name and any extension to fit. */
export function fitFileName(render: (slug: string) => string, slug: string): { name: string; shortened: boolean } {
  const full = render(slug);
  const over = full.length + LONGEST_EXTENSION - MAX_FILE_NAME;
  if (over <= 0) return { name: full, shortened: false };
  return { name: render(shortSlug(slug, slug.length - over)), shortened: true };
}
