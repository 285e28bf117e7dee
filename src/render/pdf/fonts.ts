import { createRequire } from 'node:module';
import { Font } from '@react-pdf/renderer';
import { hyphenateDanish } from './hyphenation.js';
import { cacheShaping } from './shaping-cache.js';

/** The one font family of the PDF. Never a standard-14 font: PDF/A needs every font embedded. */
export const FONT_FAMILY = 'Noto Sans';

const FACES = [
  { fontWeight: 400, fontStyle: 'normal' },
  { fontWeight: 400, fontStyle: 'italic' },
  { fontWeight: 700, fontStyle: 'normal' },
  { fontWeight: 700, fontStyle: 'italic' },
] as const;

const FILES = {
  regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  italic: '@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf',
  bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  boldItalic: '@expo-google-fonts/noto-sans/700Bold_Italic/NotoSans_700Bold_Italic.ttf',
} as const;

let registered = false;

/**
 * Registers Noto Sans (4 faces) and the Danish hyphenation callback with react-pdf's
 * global font store. Idempotent and lazy: the first render pays for it, module load does not.
 */
export function ensureFonts(): void {
  if (registered) return;
  const require = createRequire(import.meta.url);
  Font.register({
    family: FONT_FAMILY,
    fonts: [
      { src: require.resolve(FILES.regular), fontWeight: 400, fontStyle: 'normal' },
      { src: require.resolve(FILES.italic), fontWeight: 400, fontStyle: 'italic' },
      { src: require.resolve(FILES.bold), fontWeight: 700, fontStyle: 'normal' },
      { src: require.resolve(FILES.boldItalic), fontWeight: 700, fontStyle: 'italic' },
    ],
  });
  // Replaces react-pdf's built-in (English) hyphenation.
  Font.registerHyphenationCallback(hyphenateDanish);
  registered = true;
}

let loaded: Promise<void> | undefined;

/**
 * Registers the fonts, parses the four faces once per process and puts the shaping
 * cache in front of each (see shaping-cache.ts). Renders await this before layout.
 */
export function loadFonts(): Promise<void> {
  ensureFonts();
  loaded ??= Promise.all(
    FACES.map(async (face) => {
      const descriptor = { fontFamily: FONT_FAMILY, ...face };
      await Font.load(descriptor);
      const source = Font.getFont(descriptor) as { data?: unknown } | undefined;
      if (source?.data) cacheShaping(source.data as Parameters<typeof cacheShaping>[0]);
    }),
  ).then(() => undefined);
  return loaded;
}
