import { describe, expect, it } from 'vitest';
import { launchProfileBrowser } from '../helpers/browser';
import { useE2eApp } from '../helpers/e2e-app';
import { SignInPage } from './pages/sign-in-page';

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('installing the app on a phone', () => {
  const started = useE2eApp();

  it('has a manifest with the app’s name, a start page and icons of the sizes it names, maskable among them', async () => {
    const visitor = await started.app.visitor({ phone: true });
    await new SignInPage(visitor.page).goto();
    const href = await visitor.page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBe('/manifest.webmanifest');
    const response = await fetch(new URL(href!, started.app.server.url));
    expect(response.status).toBe(200);
    const manifest = (await response.json()) as Record<string, unknown> & { icons: ManifestIcon[] };
    expect(manifest).toMatchObject({
      name: 'Biên Bản',
      short_name: 'Biên Bản',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      lang: 'vi',
    });
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose ?? 'any'}`).sort()).toEqual([
      '192x192 any',
      '512x512 any',
      '512x512 maskable',
    ]);
    for (const icon of manifest.icons) {
      const image = await fetch(new URL(icon.src, started.app.server.url));
      expect(image.status, icon.src).toBe(200);
      expect(image.headers.get('content-type'), icon.src).toBe('image/png');
      const { width, height } = pngSize(Buffer.from(await image.arrayBuffer()));
      expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
    }
  });

  it('answers /favicon.ico, which browsers fetch on their own when a page names no icon in time', async () => {
    // Next may stream a dynamic page's icon links after the first bytes; Chromium then asks for /favicon.ico.
    const response = await fetch(new URL('/favicon.ico', started.app.server.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/x-icon');
    const bytes = Buffer.from(await response.arrayBuffer());
    // An ICO directory of one image (reserved 0, type 1, count 1) whose entry holds a PNG.
    expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2), bytes.readUInt16LE(4)]).toEqual([0, 1, 1]);
    const image = bytes.subarray(bytes.readUInt32LE(18), bytes.readUInt32LE(18) + bytes.readUInt32LE(14));
    expect(pngSize(image)).toEqual({ width: 192, height: 192 });
  });

  it('passes Chromium’s installability check once the member has signed in', async () => {
    const phone = await launchProfileBrowser(started.app.server.url);
    try {
      const signIn = new SignInPage(phone.page);
      await signIn.goto();
      await signIn.signIn(started.cell.member.email, started.cell.member.password);
      await phone.page.waitForURL((url) => url.pathname === '/');
      await phone.page.waitForFunction(() => navigator.serviceWorker?.controller != null);
      const cdp = await phone.context.newCDPSession(phone.page);
      const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[] };
      expect(manifest.url).toBe(new URL('/manifest.webmanifest', started.app.server.url).href);
      expect(manifest.errors).toEqual([]);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      expect(installabilityErrors).toEqual([]);
      await cdp.detach();
      expect(phone.errors).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
