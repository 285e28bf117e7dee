import { createRequire } from 'node:module';
import { Font } from '@react-pdf/renderer';
import { hyphenateDanish } from './hyphenation.js';
import { cacheShaping } from './shaping-cache.js';

/** The one font family of the PDF. Never a standard-14 font: PDF/A needs every font embedded. */
export const FONT_FAMILY = 'Noto Sans';

/** Noto Sans's four faces, as files of the installed font package. */
const FACES = [
  { fontWeight: 400, fontStyle: 'normal', file: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf' },
  { fontWeight: 400, fontStyle: 'italic', file: '@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf' },
  { fontWeight: 700, fontStyle: 'normal', file: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf' },
  { fontWeight: 700, fontStyle: 'italic', file: '@expo-google-fonts/noto-sans/700Bold_Italic/NotoSans_700Bold_Italic.ttf' },
] as const;

let loaded: Promise<void> | undefined;

/**
 * Registers Noto Sans (4 faces) and the Danish hyphenation callback with react-pdf's
 * global font store, parses the faces once per process and puts the shaping cache in
 * front of each (see shaping-cache.ts). Renders await this before layout. Lazy: the first
 * render pays for it, module load does not.
 */
export function loadFonts(): Promise<void> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    Font.register({
      family: FONT_FAMILY,
      fonts: FACES.map(({ file, fontWeight, fontStyle }) => ({ src: require.resolve(file), fontWeight, fontStyle })),
    });
    // Replaces react-pdf's built-in (English) hyphenation.
    Font.registerHyphenationCallback(hyphenateDanish);
    await Promise.all(
      FACES.map(async ({ fontWeight, fontStyle }) => {
        const descriptor = { fontFamily: FONT_FAMILY, fontWeight, fontStyle };
        await Font.load(descriptor);
        const source = Font.getFont(descriptor) as { data?: unknown } | undefined;
        if (source?.data) cacheShaping(source.data as Parameters<typeof cacheShaping>[0]);
      }),
    );
  })();
  return loaded;
}
