/**
 * Plain text meets Markdown here. Every ASCII punctuation character may be
 * backslash-escaped in CommonMark and then means itself, so escaping all of them
 * makes any name, title or amount render literally (`*`, `|`, `[x](y)`, `#`, `<b>`,
 * `{{x}}`, `:::`) in both outputs. Line breaks in plain text are folded to spaces:
 * a plain value is one line wherever it stands (table cell, list item, label).
 */
const ASCII_PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

export function escapeMarkdown(text: string): string {
  return escapePunctuation(text.replace(/\s*\r?\n\s*/g, ' ').trim());
}

/** Every ASCII punctuation character backslash-escaped, nothing else changed. */
export function escapePunctuation(text: string): string {
  return text.replace(ASCII_PUNCTUATION, (c) => `\\${c}`);
}
