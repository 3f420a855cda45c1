'use client';

import { useState } from 'react';
import { shareMessage, smsHref, type SharePayload } from '../lib/share';
import { useI18n } from './i18n-provider';

/**
 * "Chia sẻ": the phone's share sheet (Zalo, SMS, mail) where the browser has
 * one; otherwise, and when it fails, the message to copy and an SMS link.
 * The QR code is an image drawn on the server (`qrSrc`), fetched only when
 * its section is opened, so this component stays a few hundred bytes.
 */
export function ShareButtons({ payload, qrSrc, testId }: { payload: SharePayload; qrSrc: string; testId: string }) {
  const { t } = useI18n();
  const [fallback, setFallback] = useState(false);
  const [copied, setCopied] = useState(false);

  async function share() {
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share(payload);
        return;
      } catch (error) {
        // The member closed the sheet: nothing to do. Any other failure falls back.
        if (error instanceof DOMException && error.name === 'AbortError') return;
      }
    }
    setFallback(true);
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(shareMessage(payload));
      setCopied(true);
    } catch {
      // Clipboard access can be refused (plain http): the message stays on screen to copy by hand.
    }
  }

  return (
    <div className="share" data-testid={testId}>
      <div className="form-actions">
        <button type="button" className="button button--small" onClick={share} data-testid="share-button">
          {t('share.button')}
        </button>
      </div>
      {fallback && (
        <div className="notice" data-testid="share-fallback">
          <p>{t('share.fallbackHint')}</p>
          <output className="link-output" data-testid="share-message">
            {shareMessage(payload)}
          </output>
          <div className="form-actions">
            <button type="button" className="button button--small" onClick={copy} data-testid="share-copy">
              {copied ? t('share.copied') : t('share.copy')}
            </button>
            <a className="button button--small button--secondary" href={smsHref(payload)} data-testid="share-sms">
              {t('share.sms')}
            </a>
          </div>
        </div>
      )}
      <details className="share-qr" data-testid="share-qr">
        <summary>{t('share.qr')}</summary>
        <p className="muted">{t('share.qrHint')}</p>
        <img src={qrSrc} alt={t('share.qrAlt')} width={220} height={220} loading="lazy" />
      </details>
    </div>
  );
}
