import type { Translate } from '../lib/i18n';
import type { DiffRow } from '../lib/minutes/version-diff';

/**
 * The comparison of two versions, line by line. Added and removed text is
 * marked with <ins> and <del> and a word before each line, not by colour
 * alone, so it reads the same in print, in high contrast and to a screen
 * reader.
 */
export function VersionDiff({ t, rows }: { t: Translate; rows: readonly DiffRow[] }) {
  return (
    <ol className="version-diff" data-testid="version-diff">
      {rows.map((row, i) => {
        switch (row.kind) {
          case 'skipped':
            return (
              <li key={i} className="version-diff__skipped" data-change="skipped">
                {t('versions.skipped', { count: row.count })}
              </li>
            );
          case 'same':
            return (
              <li key={i} className="version-diff__same" data-change="same">
                {row.text}
              </li>
            );
          case 'added':
            return (
              <li key={i} className="version-diff__added" data-change="added">
                <span className="version-diff__mark">{t('versions.addedLine')}</span> <ins>{row.text}</ins>
              </li>
            );
          case 'removed':
            return (
              <li key={i} className="version-diff__removed" data-change="removed">
                <span className="version-diff__mark">{t('versions.removedLine')}</span> <del>{row.text}</del>
              </li>
            );
          case 'changed':
            return (
              <li key={i} className="version-diff__changed" data-change="changed">
                <span className="version-diff__mark">{t('versions.changedLine')}</span>{' '}
                {row.segments.map((s, k) =>
                  s.change === 'same' ? (
                    <span key={k}>{s.text}</span>
                  ) : s.change === 'added' ? (
                    <ins key={k} aria-label={`${t('versions.addedWords')}: ${s.text}`}>
                      {s.text}
                    </ins>
                  ) : (
                    <del key={k} aria-label={`${t('versions.removedWords')}: ${s.text}`}>
                      {s.text}
                    </del>
                  ),
                )}
              </li>
            );
        }
      })}
    </ol>
  );
}
