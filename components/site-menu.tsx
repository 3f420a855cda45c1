'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useId, useState, type ReactNode } from 'react';

/**
 * The header's links and account on a phone: behind one "Menu" button, so
 * that the page's own content starts on the first screen. On a wide screen
 * the button is hidden and the links are always shown (CSS). Closes itself
 * when a link leads to another page.
 */
export function SiteMenu({ label, children }: { label: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const id = useId();
  useEffect(() => setOpen(false), [pathname]);
  return (
    <>
      <button
        type="button"
        className="button button--ghost site-header__toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((was) => !was)}
        data-testid="site-menu-toggle"
      >
        {label}
      </button>
      <div id={id} className="site-header__menu" data-open={open ? 'true' : 'false'}>
        {children}
      </div>
    </>
  );
}
