import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { MINUTES_FIELD } from '../../../lib/domain';
import { LOCAL_PREFIX, localDocName, PAGE_CACHE, STATIC_CACHE } from '../../../lib/offline';
import { EditorStatus } from './editor-status';
import { MinutesEditor } from './minutes-editor';

/** /meetings/<id>: the meeting's facts and its live minutes. */
export class MeetingPage {
  readonly editor: MinutesEditor;
  readonly status: EditorStatus;

  constructor(protected readonly page: Page) {
    this.editor = new MinutesEditor(page);
    this.status = new EditorStatus(page);
  }

  async goto(meetingId: string): Promise<void> {
    await this.page.goto(`/meetings/${meetingId}`);
  }

  /** The meeting's id, from the address bar. */
  meetingId(): string {
    return new URL(this.page.url()).pathname.split('/').pop() ?? '';
  }

  /** Reloads the tab, as a person pressing F5 would; says whether the service worker answered. */
  async reload(): Promise<{ servedByServiceWorker: boolean }> {
    const response = await this.page.reload();
    return { servedByServiceWorker: response?.fromServiceWorker() ?? false };
  }

  /**
   * True once this device could show the page without a network: the service
   * worker controls it and has kept the page and every build file it loaded.
   */
  async isAvailableOffline(): Promise<boolean> {
    return this.page.evaluate(
      async ({ pageCache, staticCache }) => {
        if (!navigator.serviceWorker?.controller) return false;
        const page = await caches.open(pageCache);
        if (!(await page.match(location.origin + location.pathname, { ignoreVary: true }))) return false;
        const assets = await caches.open(staticCache);
        const loaded = performance
          .getEntriesByType('resource')
          .map((entry) => entry.name)
          .filter((url) => new URL(url).pathname.startsWith('/_next/static/'));
        for (const url of loaded) if (!(await assets.match(url, { ignoreVary: true }))) return false;
        return true;
      },
      { pageCache: PAGE_CACHE, staticCache: STATIC_CACHE },
    );
  }

  /**
   * The minutes as kept on this device for the signed-in user (y-indexeddb's
   * update log), as XML text: what a reload without a network will show.
   */
  async deviceCopy(userId: string): Promise<string> {
    const updates = await this.page.evaluate(
      async (name) => {
        // Opening a database that does not exist would create it empty, without y-indexeddb's stores.
        if (!(await indexedDB.databases()).some((db) => db.name === name)) return [];
        return new Promise<number[][]>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('updates')) {
              db.close();
              resolve([]);
              return;
            }
            const read = db.transaction('updates', 'readonly').objectStore('updates').getAll();
            read.onerror = () => reject(read.error);
            read.onsuccess = () => {
              db.close();
              resolve((read.result as Uint8Array[]).map((update) => Array.from(update)));
            };
          };
        });
      },
      localDocName(userId, this.meetingId()),
    );
    const doc = new Y.Doc();
    try {
      for (const update of updates) Y.applyUpdate(doc, Uint8Array.from(update));
      return doc.getXmlFragment(MINUTES_FIELD).toString();
    } finally {
      doc.destroy();
    }
  }
}

/** The names of this app's IndexedDB databases and localStorage keys in the page's browser (what sign-out must clear). */
export async function deviceData(page: Page): Promise<{ databases: string[]; storage: string[]; pages: number }> {
  return page.evaluate(
    async ({ prefix, pageCache }) => {
      const databases = (await indexedDB.databases())
        .map((d) => d.name ?? '')
        .filter((name) => name.startsWith(prefix));
      const storage = Object.keys(localStorage).filter((key) => key.startsWith(prefix));
      const pages = (await caches.has(pageCache)) ? (await (await caches.open(pageCache)).keys()).length : 0;
      return { databases, storage, pages };
    },
    { prefix: LOCAL_PREFIX, pageCache: PAGE_CACHE },
  );
}
