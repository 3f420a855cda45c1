'use client';

import { useEffect } from 'react';
import { TEXT_SIZE_COOKIE, TEXT_SIZE_COOKIE_MAX_AGE_S, type TextSize } from '../lib/text-size';

/**
 * Copies the signed-in account's text size into this device's cookie, so
 * that once the session ends (signed out, or expired) the sign-in page is
 * still drawn at the size its owner reads: on a phone where "Chữ lớn" was
 * switched on elsewhere, the cookie would otherwise say normal text.
 */
export function TextSizeCookie({ size }: { size: TextSize }) {
  useEffect(() => {
    const kept = document.cookie
      .split('; ')
      .find((pair) => pair.startsWith(`${TEXT_SIZE_COOKIE}=`))
      ?.slice(TEXT_SIZE_COOKIE.length + 1);
    if (kept === size) return;
    document.cookie = `${TEXT_SIZE_COOKIE}=${size}; path=/; max-age=${TEXT_SIZE_COOKIE_MAX_AGE_S}; samesite=lax`;
  }, [size]);
  return null;
}
