import type { Level } from '../../domain/levels';
import type { Locale } from './locale';
import { de } from './messages.de';
import { en } from './messages.en';
import { requestsDe } from './requests.de';
import { type RequestTexts, requestsEn } from './requests.en';

/** Everything the bot says, in one language. English is the reference; German must match it. */
export type Messages = typeof en;

export function messages(locale: Locale): Messages {
  switch (locale) {
    case 'en':
      return en;
    case 'de':
      return de;
  }
}

export type { Level, RequestTexts };

/** Texts of privacy requests, in one language. */
export function requestTexts(locale: Locale): RequestTexts {
  return locale === 'de' ? requestsDe : requestsEn;
}
