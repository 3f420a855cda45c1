'use client';

import './globals.css';

/**
 * An error in the root layout itself (the database or the session could not
 * be read). The layout and its messages are unavailable here, so this page
 * carries both languages in its own words.
 */
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="vi">
      <body>
        <main className="page page-narrow" role="alert">
          <h1>Đã có lỗi xảy ra</h1>
          <p>Xin lỗi, trang không mở được. Vui lòng thử lại sau ít phút.</p>
          <p lang="en">Sorry, something went wrong. Please try again in a few minutes.</p>
          <button type="button" className="button" onClick={() => retry()}>
            Thử lại / Try again
          </button>
        </main>
      </body>
    </html>
  );
}
