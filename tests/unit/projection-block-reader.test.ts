import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { meetingDoc } from '../../lib/meeting-doc/layout';
import { fragmentJson, plainTextOf } from '../../server/meeting/content';
import { BlockReader, readProjection } from '../../server/meeting/projection';

const A = '11111111-1111-4111-8111-111111111111';
const TASK = '33333333-3333-4333-8333-333333333333';

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

/** What the reader gives must be what reading the whole fragment gives, after any change. */
function expectSameAsWhole(doc: Y.Doc, reader: BlockReader): void {
  for (const field of ['minutes', 'agenda'] as const) {
    expect(reader.read(meetingDoc[field](doc)).text).toBe(plainTextOf(fragmentJson(doc, field)));
  }
  const members = new Set([A]);
  expect(readProjection(doc, members, reader)).toEqual(readProjection(doc, members));
}

describe('reading the minutes block by block, again only where they changed', () => {
  it('reads what the whole fragment reads, through edits, formatting, attributes, nesting and deletions', () => {
    const doc = new Y.Doc();
    const reader = new BlockReader(doc);
    expectSameAsWhole(doc, reader);
    const minutes = meetingDoc.minutes(doc);
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('sectionId', 's-1');
    heading.insert(0, [new Y.XmlText('I. Mở đầu')]);
    minutes.push([heading, paragraph('Khai mạc'), paragraph('Nội dung'), paragraph('Kết luận')]);
    meetingDoc.agenda(doc).push([paragraph('1. Tình hình')]);
    expectSameAsWhole(doc, reader);

    const text = (minutes.get(2) as Y.XmlElement).get(0) as Y.XmlText;
    text.insert(text.length, ' thêm chữ');
    expectSameAsWhole(doc, reader);
    text.format(0, 3, { bold: {} });
    expectSameAsWhole(doc, reader);
    (minutes.get(0) as Y.XmlElement).setAttribute('textAlign', 'center');
    expectSameAsWhole(doc, reader);

    const task = new Y.XmlElement('task');
    task.setAttribute('id', TASK);
    task.insert(0, [paragraph('Việc cần làm')]);
    minutes.insert(3, [task]);
    expectSameAsWhole(doc, reader);
    const nested = (task.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    nested.insert(0, 'Gấp: ');
    task.setAttribute('assignees', [{ userId: A }] as never);
    expectSameAsWhole(doc, reader);

    minutes.delete(1, 1);
    text.delete(0, 4);
    expectSameAsWhole(doc, reader);
    minutes.insert(0, [paragraph('Đầu trang')]);
    expectSameAsWhole(doc, reader);
  });

  it('sees changes that arrive from another replica', () => {
    const doc = new Y.Doc();
    const other = new Y.Doc();
    const reader = new BlockReader(doc);
    meetingDoc.minutes(other).push([paragraph('Một'), paragraph('Hai')]);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    expectSameAsWhole(doc, reader);
    const before = Y.encodeStateVector(other);
    ((meetingDoc.minutes(other).get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(3, ' mươi');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, before));
    expectSameAsWhole(doc, reader);
    expect(readProjection(doc, new Set(), reader).text).toBe('Một\nHai mươi');
  });

  it('keeps an unchanged block as it read it, and reads a changed one again', () => {
    const doc = new Y.Doc();
    const reader = new BlockReader(doc);
    const minutes = meetingDoc.minutes(doc);
    minutes.push([paragraph('Một'), paragraph('Hai')]);
    const first = reader.read(minutes).blocks;
    ((minutes.get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(0, '!');
    const second = reader.read(minutes).blocks;
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
  });
});
