/** Output formats (a module of its own so the CLI's --help loads no renderer). */
export const FORMATS = ['pdf', 'docx', 'xlsx'] as const;
export type Format = (typeof FORMATS)[number];
