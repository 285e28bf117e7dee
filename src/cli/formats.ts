/** Output formats of `build` (a module of its own so --help loads no renderer). */
export const FORMATS = ['pdf', 'docx'] as const;
export type Format = (typeof FORMATS)[number];
