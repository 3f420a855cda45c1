'use server';

import { cookies } from 'next/headers';
import { refresh } from 'next/cache';
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_S, isLocale } from '../../lib/i18n';

/** Remembers the chosen language and re-renders the current page in it. */
export async function setLocaleAction(formData: FormData): Promise<void> {
  const locale = formData.get('locale');
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', maxAge: LOCALE_COOKIE_MAX_AGE_S, sameSite: 'lax' });
  refresh();
}
