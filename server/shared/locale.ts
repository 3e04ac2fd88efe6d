export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_COOKIE = 'linli_locale';

export const isLocale = (v: unknown): v is Locale => LOCALES.includes(v as Locale);
