/** Languages the bot answers in. */
export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];

/** Picks the answer language from an activity's locale (`de-DE` → `de`); English otherwise. */
export function localeFrom(tag: string | undefined, fallback: Locale = 'en'): Locale {
  const language = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return language === 'de' ? 'de' : language === 'en' ? 'en' : fallback;
}
