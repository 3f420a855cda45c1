import * as Y from 'yjs';
import { MINUTES_FIELD } from '../lib/domain';

const WORDS = (
  'đồng chí bí thư báo cáo tình hình chi bộ tháng qua đảng viên tham gia đầy đủ sinh hoạt nghị quyết ' +
  'khu phố vệ sinh môi trường an ninh trật tự phong trào thi đua kết quả thực hiện nhiệm vụ phương hướng ' +
  'tháng tới ý kiến thảo luận biểu quyết nhất trí đề nghị bổ sung kinh phí hội người cao tuổi khuyến học'
).split(' ');

/** A deterministic generator, so every run stores the same document. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Grows a meeting document (given as its stored update) to about `targetBytes`
 * encoded, the way a long meeting does: two authors typing paragraphs word by
 * word, going back to insert into earlier paragraphs, deleting words and
 * bolding some. Returns the update to append to the document's log.
 */
export function growDocument(stored: Uint8Array, targetBytes: number): Uint8Array {
  const rand = random(42);
  const authors = [new Y.Doc(), new Y.Doc()];
  for (const doc of authors) Y.applyUpdate(doc, stored);
  const before = Y.encodeStateVector(authors[0]!);
  // Keep the two authors in step, as the server would.
  authors[0]!.on(
    'update',
    (u: Uint8Array, origin: unknown) => origin !== 'peer' && Y.applyUpdate(authors[1]!, u, 'peer'),
  );
  authors[1]!.on(
    'update',
    (u: Uint8Array, origin: unknown) => origin !== 'peer' && Y.applyUpdate(authors[0]!, u, 'peer'),
  );
  const word = () => WORDS[Math.floor(rand() * WORDS.length)]!;

  let size = 0;
  for (let round = 0; size < targetBytes; round++) {
    for (let p = 0; p < 100; p++) {
      const doc = authors[(round + p) % 2]!;
      const fragment = doc.getXmlFragment(MINUTES_FIELD);
      const paragraph = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      paragraph.insert(0, [text]);
      fragment.push([paragraph]);
      const words = 20 + Math.floor(rand() * 40);
      for (let w = 0; w < words; w++) text.insert(text.length, (w === 0 ? '' : ' ') + word());
      if (rand() < 0.3) text.format(0, Math.min(text.length, 12), { bold: true });
      if (rand() < 0.3 && text.length > 20) text.delete(Math.floor(rand() * (text.length - 10)), 5);
      if (fragment.length > 2 && rand() < 0.2) {
        // Back to an earlier paragraph: an insertion in the middle of someone's text.
        const earlier = fragment.get(Math.floor(rand() * (fragment.length - 1)));
        const inner = earlier instanceof Y.XmlElement ? earlier.get(0) : null;
        if (inner instanceof Y.XmlText) inner.insert(Math.floor(rand() * inner.length), ` ${word()} ${word()}`);
      }
    }
    size = Y.encodeStateAsUpdate(authors[0]!).length;
  }
  const grown = Y.encodeStateAsUpdate(authors[0]!, before);
  for (const doc of authors) doc.destroy();
  return grown;
}
