import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import vi from '../../messages/vi.json';
import { useE2eApp } from '../helpers/e2e-app';
import { skipStepsAfterAFailure } from '../helpers/steps';
import { AgendaEditor } from './pages/agenda-editor';
import { MeetingRecordPage } from './pages/meeting-record-page';
import { writtenTextOf } from './pages/minutes-editor';
import { MinutesSurface, refusedUpdates } from './pages/minutes-surface';
import { openMeeting } from './pages/people';

const AGENDA = 'Chương trình: thông tin thời sự; kiểm điểm nghị quyết tháng trước; nhiệm vụ tháng tới.';
const OPINION = 'Đề nghị chi bộ vận động bà con giữ vệ sinh đường làng trước Tết.';
const RESOLUTION = 'Nghị quyết sinh hoạt chi bộ tháng 12 năm 2026';
const CURRENT_AFFAIRS = '1. Tình hình chính trị, tư tưởng';
const RESOLUTION_ITEM = '2. Biểu quyết thông qua nghị quyết';
const TASKS_ITEM = '3. Nhiệm vụ, giải pháp tháng tới';
const OTHER_MATTERS = '5. Các vấn đề khác';
const PARTY_BUILDING = '4. Công tác xây dựng Đảng';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Person {
  name: string;
  page: MeetingRecordPage;
  surface: MinutesSurface;
}

/** What identifies a block the server placed: how many of its kind there are, and what it shows. */
async function blockFacts(kind: Locator, block: Locator) {
  return { count: await kind.count(), text: await writtenTextOf(block) };
}

/** The text of part of the minutes with its line breaks as "\n", without anyone's caret. */
async function linesOf(element: Locator): Promise<string> {
  return element.evaluate((node) => {
    const copy = node.cloneNode(true) as Element;
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
    for (const br of copy.querySelectorAll('br:not(.ProseMirror-trailingBreak)')) br.replaceWith('\n');
    return copy.textContent ?? '';
  });
}

/**
 * A meeting of the cell in which An, its secretary, chairs and takes the
 * minutes himself and Bình is a plain member, each at their own browser. The
 * blocks only the server places (the attendance and review blocks of the
 * template, Bình's opinion, the result of a vote) are then pressed on, around
 * and across with Backspace, Delete, Enter, typing and pasting by both. A
 * correct editor keeps every such block whole and never sends a change the
 * server refuses. Each step builds on the one before it.
 */
describe('the blocks the server placed in the minutes, under the keys of a plain member and the minutes-taker', () => {
  const started = useE2eApp();
  let an: Person;
  let binh: Person;
  let binhId: string;

  skipStepsAfterAFailure();

  /** Both browsers still connected and saved, nothing refused anywhere, and the two copies of the minutes alike. */
  async function expectNothingRefused(): Promise<void> {
    for (const person of [an, binh]) {
      await expect.poll(() => person.page.status.connection()).toBe('connected');
      await expect.poll(() => person.page.status.saved()).toBe(true);
      expect(await person.surface.connectionProblem.count()).toBe(0);
    }
    const anSees = await an.page.editor.writtenText();
    await expect.poll(() => binh.page.editor.writtenText()).toBe(anSees);
    expect(await refusedUpdates(an.page.tab)).toBe(0);
  }

  /** Bình's opinion as both read it: its attribution and its text. */
  async function opinionAsSeen(person: Person) {
    const opinion = person.page.minutes.opinion(started.cell.member.name);
    return {
      opinions: await person.page.tab.getByTestId('opinion-node').count(),
      speakerId: await opinion.getAttribute('data-speaker-id'),
      speaker: (await opinion.locator('.opinion-speaker').innerText()).trim(),
      text: await person.page.minutes.opinionText(started.cell.member.name),
    };
  }

  /** Types `note` into an empty block, so that Backspace and Delete next to it have text to stop at. */
  async function fillIfEmpty(person: Person, block: Locator, note: string): Promise<string> {
    const text = (await writtenTextOf(block)).trim();
    if (text) return text;
    await person.surface.caretIntoEmpty(block);
    await person.page.tab.keyboard.type(note);
    await expect.poll(async () => (await writtenTextOf(block)).trim()).toBe(note);
    return note;
  }

  it('lets the cell’s secretary write the agenda of the scheduled meeting, and shows it to a plain member read-only', async () => {
    const opened = await Promise.all([
      openMeeting(started.app, started.cell.secretary, started.cell.meetingId),
      openMeeting(started.app, started.cell.member, started.cell.meetingId),
    ]);
    an = {
      name: started.cell.secretary.name,
      page: opened[0].meeting,
      surface: new MinutesSurface(opened[0].meeting.tab),
    };
    binh = {
      name: started.cell.member.name,
      page: opened[1].meeting,
      surface: new MinutesSurface(opened[1].meeting.tab),
    };
    const anAgenda = new AgendaEditor(an.page.tab);
    const binhAgenda = new AgendaEditor(binh.page.tab);
    await anAgenda.waitUntilShown();
    await binhAgenda.waitUntilShown();
    expect(await an.page.meetingState()).toBe('scheduled');

    await expect.poll(() => anAgenda.isEditable()).toBe(true);
    await expect.poll(() => binhAgenda.isEditable()).toBe(false);

    await anAgenda.typeAtEnd(AGENDA);
    await expect.poll(() => anAgenda.text()).toBe(AGENDA);
    await expect.poll(() => binhAgenda.text()).toBe(AGENDA);

    await binhAgenda.typeAtEnd(' Bình thêm vào chương trình.');
    expect(await binhAgenda.text()).toBe(AGENDA);
    expect(await binhAgenda.isEditable()).toBe(false);
    // An writes on after her attempt; once his line reaches her, anything of hers would have reached him.
    const more = ' Sinh hoạt chuyên đề: chuyển đổi số.';
    await anAgenda.typeAtEnd(more);
    await expect.poll(() => binhAgenda.text()).toBe(AGENDA + more);
    expect(await anAgenda.text()).toBe(AGENDA + more);
    await expectNothingRefused();
  });

  it('places the attendance report, Bình’s opinion and a closed vote’s result in both copies of the minutes', async () => {
    await an.page.appointRoles({ chair: an.name, secretary: an.name });
    await expect.poll(() => binh.page.roleHolders()).toEqual({ chair: an.name, secretary: an.name });
    await an.page.start();
    for (const person of [an, binh]) await expect.poll(() => person.page.timerState()).toBe('running');

    await an.page.markAttendance(an.name, 'present');
    await an.page.markAttendance(binh.name, 'present');
    binhId = (await an.page.userIdOf(binh.name))!;
    expect(binhId).toMatch(UUID);

    await an.page.chooseSection(CURRENT_AFFAIRS);
    await binh.page.requestFloor();
    await expect.poll(() => an.page.waitingSpeakers()).toEqual([binh.name]);
    await an.page.giveFloor(binh.name);
    await binh.page.minutes.opinion(binh.name).waitFor();
    await binh.page.minutes.typeInOpinion(binh.name, OPINION);

    await an.page.chooseSection(RESOLUTION_ITEM);
    await an.page.votes.openVote({ title: RESOLUTION });
    await an.page.votes.enterCounts(RESOLUTION, { for: 2, against: 0, other: 0 });
    await an.page.votes.countsRecorded(RESOLUTION).waitFor();
    await an.page.votes.closeVote(RESOLUTION);

    for (const person of [an, binh]) {
      await expect
        .poll(() => person.page.minutes.attendanceFigures())
        .toEqual({ present: 2, expected: 2, exempted: 1, unmarked: 0 });
      await expect
        .poll(() => opinionAsSeen(person))
        .toEqual({ opinions: 1, speakerId: binhId, speaker: `Đồng chí ${binh.name}:`, text: OPINION });
      await expect.poll(() => person.page.minutes.voteResult(RESOLUTION).innerText()).toContain('2/2');
      await person.surface.reviewBlock.waitFor();
    }
    await expectNothingRefused();
  });

  it('keeps the attendance, review and vote result blocks whole when either presses Backspace after them, Delete before them, or either key on them', async () => {
    const blocks = (person: Person) => [
      {
        name: 'attendance',
        type: 'attendanceBlock',
        kind: person.page.tab.getByTestId('attendance-block'),
        block: person.surface.attendanceBlock,
      },
      {
        name: 'review',
        type: 'reviewBlock',
        kind: person.page.tab.getByTestId('review-block'),
        block: person.surface.reviewBlock,
      },
      {
        name: 'vote result',
        type: 'voteResult',
        kind: person.page.tab.getByTestId('minutes-vote-result'),
        block: person.surface.block(person.page.minutes.voteResult(RESOLUTION)),
      },
    ];
    for (const person of [binh, an]) {
      for (const { name, type, kind, block } of blocks(person)) {
        const before = person.surface.blockBefore(block);
        const after = person.surface.blockAfter(block);
        const beforeText = await fillIfEmpty(person, before, `Ghi chú của ${person.name} ngay trên khối ${name}.`);
        const afterText = await fillIfEmpty(person, after, `Ghi chú của ${person.name} ngay dưới khối ${name}.`);
        const facts = await blockFacts(kind, block);

        await person.surface.caretAtStart(after, afterText);
        await person.surface.press('Backspace', 3);
        await person.surface.caretAtEnd(before, beforeText);
        await person.surface.press('Delete', 3);
        await person.surface.selectWhole(block, type);
        await person.surface.press('Backspace');
        await person.surface.press('Delete');

        expect(await blockFacts(kind, block)).toEqual(facts);
        expect((await writtenTextOf(before)).trim()).toBe(beforeText);
        expect((await writtenTextOf(after)).trim()).toBe(afterText);
      }
    }
    await expectNothingRefused();
    for (const person of [an, binh]) {
      for (const { kind } of blocks(person)) expect(await kind.count()).toBe(1);
    }
  });

  it('keeps a block whole when either selects across it and presses Backspace, Delete or a letter', async () => {
    for (const person of [binh, an]) {
      for (const block of [
        person.surface.attendanceBlock,
        person.surface.block(person.page.minutes.voteResult(RESOLUTION)),
      ]) {
        const before = person.surface.blockBefore(block);
        const after = person.surface.blockAfter(block);
        const beforeText = (await writtenTextOf(before)).trim();
        const afterText = (await writtenTextOf(after)).trim();
        const shown = await writtenTextOf(block);

        for (const key of ['Backspace', 'Delete', 'x']) {
          await person.surface.dragSelect(before, after, afterText);
          await person.surface.press(key);
          expect(await writtenTextOf(block)).toBe(shown);
          expect((await writtenTextOf(before)).trim()).toBe(beforeText);
          expect((await writtenTextOf(after)).trim()).toBe(afterText);
        }
      }
    }
    await expectNothingRefused();
  });

  it('keeps Bình’s opinion attributed to her when either presses Backspace at its start, Delete before it, or selects into it and types', async () => {
    const expected = { opinions: 1, speakerId: binhId, speaker: `Đồng chí ${binh.name}:`, text: OPINION };
    for (const person of [binh, an]) {
      const opinion = person.page.minutes.opinion(binh.name);
      const opinionText = opinion.locator('.opinion-text');
      const above = person.surface.blockBefore(opinion);
      const aboveText = await fillIfEmpty(person, above, 'Ghi chú ngay trên ý kiến của đồng chí Bình.');

      await person.surface.caretAtStart(opinionText, OPINION);
      await person.surface.press('Backspace', 3);
      expect(await opinionAsSeen(person)).toEqual(expected);

      await person.surface.caretAtEnd(above, aboveText);
      await person.surface.press('Delete', 3);
      expect(await opinionAsSeen(person)).toEqual(expected);

      for (const key of ['Backspace', 'Delete', 'x']) {
        await person.surface.dragSelect(above, opinionText, OPINION);
        await person.surface.press(key);
        expect(await opinionAsSeen(person)).toEqual(expected);
        expect((await writtenTextOf(above)).trim()).toBe(aboveText);
      }
    }
    await expectNothingRefused();
    for (const person of [an, binh]) expect(await opinionAsSeen(person)).toEqual(expected);
  });

  it('starts an ordinary paragraph below the opinion on Enter at its end, and a new line inside it on Enter within it', async () => {
    const opinion = binh.page.minutes.opinion(binh.name);
    const above = (await writtenTextOf(binh.surface.blockBefore(opinion))).trim();
    const attributed = `Đồng chí ${binh.name}: `;
    const below = 'Đoạn văn thường ngay sau ý kiến, không thuộc về ý kiến.';
    await binh.surface.caretAtEnd(opinion.locator('.opinion-text'), OPINION);
    await binh.page.tab.keyboard.press('Enter');
    await binh.page.tab.keyboard.type(below);

    // Under the item's hint: the note above, the opinion as it was, the new paragraph.
    for (const person of [binh, an]) {
      await expect
        .poll(async () => (await person.surface.sectionBlocks(CURRENT_AFFAIRS)).slice(1))
        .toEqual([
          { tag: 'p', text: above },
          { tag: 'opinion-node', text: `${attributed}${OPINION}` },
          { tag: 'p', text: below },
        ]);
      expect(await opinionAsSeen(person)).toEqual({
        opinions: 1,
        speakerId: binhId,
        speaker: attributed.trim(),
        text: OPINION,
      });
    }

    // Enter between two words of the opinion: the rest goes on a new line of the same opinion.
    const cut = OPINION.indexOf(' giữ vệ sinh');
    const twoLines = `${OPINION.slice(0, cut)}\n${OPINION.slice(cut)}`;
    await binh.surface.caretAtEnd(opinion.locator('.opinion-text'), OPINION);
    await binh.surface.press('ArrowLeft', OPINION.length - cut);
    await binh.page.tab.keyboard.press('Enter');
    for (const person of [binh, an]) {
      await expect
        .poll(async () => (await person.surface.sectionBlocks(CURRENT_AFFAIRS)).slice(1))
        .toEqual([
          { tag: 'p', text: above },
          { tag: 'opinion-node', text: `${attributed}${twoLines}` },
          { tag: 'p', text: below },
        ]);
      expect(await opinionAsSeen(person)).toEqual({
        opinions: 1,
        speakerId: binhId,
        speaker: attributed.trim(),
        text: OPINION,
      });
    }
    await expectNothingRefused();
  });

  it('saves the opinion’s text as its speaker and then the minutes-taker edit it, and both read the same after a reload', async () => {
    const fromBinh = ' Bình bổ sung: mỗi hộ cử một người.';
    const fromAn = ' (An ghi thêm theo lời đồng chí Bình.)';
    const opinionText = (person: Person) => person.page.minutes.opinion(binh.name).locator('.opinion-text');
    await binh.surface.caretAtEnd(opinionText(binh), await binh.page.minutes.opinionText(binh.name));
    await binh.page.tab.keyboard.type(fromBinh);
    await expect.poll(() => an.page.minutes.opinionText(binh.name)).toContain(fromBinh.trim());
    await an.surface.caretAtEnd(opinionText(an), await an.page.minutes.opinionText(binh.name));
    await an.page.tab.keyboard.type(fromAn);
    await expect.poll(() => binh.page.minutes.opinionText(binh.name)).toContain(fromAn.trim());
    await expectNothingRefused();

    const text = await binh.page.minutes.opinionText(binh.name);
    expect(text).toMatch(/Bình bổ sung: mỗi hộ cử một người\. \(An ghi thêm theo lời đồng chí Bình\.\)$/);
    await an.page.reload();
    await an.page.editor.waitUntilEditable();
    await expect.poll(() => an.page.minutes.opinionText(binh.name)).toBe(text);
    expect(await an.page.minutes.opinion(binh.name).getAttribute('data-speaker-id')).toBe(binhId);
    await expectNothingRefused();
  });

  it('gives each task added with the toolbar button an id of its own from the server, the same in both copies', async () => {
    const first = 'Tổ chức tổng vệ sinh đường làng khu phố 1';
    const second = 'Vận động các hộ đóng góp quỹ khuyến học';
    await binh.page.minutes.addTask(TASKS_ITEM, first);
    await an.page.minutes.addTask(TASKS_ITEM, second);

    const ids: string[] = [];
    for (const text of [first, second]) {
      await expect.poll(() => binh.page.minutes.task(text).getAttribute('data-task-id')).toMatch(UUID);
      const id = (await binh.page.minutes.task(text).getAttribute('data-task-id'))!;
      await expect.poll(() => an.page.minutes.task(text).getAttribute('data-task-id')).toBe(id);
      ids.push(id);
    }
    expect(ids[1]).not.toBe(ids[0]);
    await expectNothingRefused();

    await binh.page.reload();
    await binh.page.editor.waitUntilEditable();
    for (const [i, text] of [first, second].entries()) {
      await expect.poll(() => binh.page.minutes.task(text).getAttribute('data-task-id')).toBe(ids[i]);
    }
    await expectNothingRefused();
  });

  it('leaves a copied vote result out when the lines around it are pasted elsewhere', async () => {
    const result = binh.surface.block(binh.page.minutes.voteResult(RESOLUTION));
    const above = binh.surface.blockBefore(result);
    const below = binh.surface.blockAfter(result);
    const aboveText = (await writtenTextOf(above)).trim();
    await binh.surface.dragSelect(above, below, (await writtenTextOf(below)).trim());
    await binh.page.tab.keyboard.press('ControlOrMeta+C');
    // The empty paragraph under the hint of "4. Công tác xây dựng Đảng".
    const target = binh.surface.blockAfter(binh.surface.blockAfter(binh.surface.heading(PARTY_BUILDING)));
    expect(await linesOf(target)).toBe('');
    await binh.surface.caretIntoEmpty(target);
    await binh.page.tab.keyboard.press('ControlOrMeta+V');

    await expect
      .poll(async () => (await binh.surface.sectionBlocks(PARTY_BUILDING)).map((block) => block.text))
      .toContain(aboveText);
    await expectNothingRefused();
    for (const person of [an, binh]) {
      const pasted = await person.surface.sectionBlocks(PARTY_BUILDING);
      expect(pasted.map((block) => block.tag)).not.toContain('minutes-vote-result');
      expect(await person.page.tab.getByTestId('minutes-vote-result').count()).toBe(1);
    }
  });

  it('pastes a copied opinion as an ordinary paragraph that still names its speaker', async () => {
    const opinion = binh.page.minutes.opinion(binh.name);
    const opinionLines = await linesOf(opinion.locator('.opinion-text'));
    // A stretch of the minutes from the line above the opinion to the paragraph below it.
    const above = binh.surface.blockBefore(opinion);
    const below = binh.surface.blockAfter(opinion);
    const aboveText = (await writtenTextOf(above)).trim();
    const belowText = (await writtenTextOf(below)).trim();
    await binh.surface.dragSelect(above, below, belowText);
    await binh.page.tab.keyboard.press('ControlOrMeta+C');
    // The empty paragraph under the hint of "5. Các vấn đề khác".
    const target = binh.surface.blockAfter(binh.surface.blockAfter(binh.surface.heading(OTHER_MATTERS)));
    expect(await linesOf(target)).toBe('');
    await binh.surface.caretIntoEmpty(target);
    await binh.page.tab.keyboard.press('ControlOrMeta+V');

    await expect.poll(async () => (await binh.surface.sectionBlocks(OTHER_MATTERS)).length).toBe(4);
    await expectNothingRefused();
    for (const person of [an, binh]) {
      expect(await person.page.tab.getByTestId('opinion-node').count()).toBe(1);
      // Below the section's hint: the three pasted blocks, all ordinary paragraphs.
      expect((await person.surface.sectionBlocks(OTHER_MATTERS)).slice(1)).toEqual([
        { tag: 'p', text: aboveText },
        { tag: 'p', text: `Đồng chí ${binh.name}: ${opinionLines}` },
        { tag: 'p', text: belowText },
      ]);
    }
  });
});

/**
 * What the server does with a change to a block only it places, should one
 * reach it anyway (from an outdated or altered editor): it refuses it whole,
 * and the page says so and starts again from the server's copy.
 */
describe('a change to a protected block that reaches the server anyway', () => {
  const started = useE2eApp();

  it('is refused, kept from everyone else, and the page offers to start again from the server’s copy', async () => {
    const { meeting: an } = await openMeeting(started.app, started.cell.secretary, started.cell.meetingId);
    const { meeting: binh } = await openMeeting(started.app, started.cell.member, started.cell.meetingId);
    const binhSurface = new MinutesSurface(binh.tab);
    for (const page of [an, binh]) {
      await expect.poll(() => page.status.connection()).toBe('connected');
      await expect.poll(() => page.status.saved()).toBe(true);
    }
    expect(await refusedUpdates(binh.tab)).toBe(0);

    // As the collaboration binding would write it: the editor's own guard does not look at such changes.
    const removed = await binh.tab.evaluate(() => {
      type Node = { type: { name: string }; nodeSize: number };
      type Tr = { delete(from: number, to: number): Tr; setMeta(key: unknown, value: unknown): Tr };
      type State = {
        doc: { descendants(f: (node: Node, pos: number) => boolean | void): void };
        plugins: { key: string }[];
        tr: Tr;
      };
      const surface = document.querySelector('[data-testid="minutes-editor"] .ProseMirror') as Element & {
        editor: { state: State; view: { dispatch(tr: Tr): void } };
      };
      const { state, view } = surface.editor;
      let at = -1;
      let size = 0;
      state.doc.descendants((node, pos) => {
        if (node.type.name === 'attendanceBlock' && at < 0) [at, size] = [pos, node.nodeSize];
        return at < 0;
      });
      const sync = state.plugins.find((plugin) => plugin.key.startsWith('y-sync$'));
      if (at < 0 || !sync) return false;
      view.dispatch(state.tr.delete(at, at + size).setMeta(sync, {}));
      return true;
    });
    expect(removed).toBe(true);

    await binhSurface.connectionProblem.waitFor();
    expect(await binhSurface.connectionProblem.innerText()).toContain(vi.collab.closed.updateRefused);
    await binhSurface.reloadFromServer.waitFor();
    expect(await binh.status.connection()).toBe('offline');
    expect(await binh.editor.isEditable()).toBe(false);
    expect(await refusedUpdates(binh.tab)).toBe(1);
    // Nobody else ever saw the change.
    expect(await an.tab.getByTestId('attendance-block').count()).toBe(1);
    expect(await an.status.connection()).toBe('connected');

    await binhSurface.reloadFromServer.click();
    await binh.editor.waitUntilEditable();
    await binh.tab.getByTestId('attendance-block').waitFor();
    await expect.poll(() => binh.status.connection()).toBe('connected');
    await expect.poll(() => binh.status.saved()).toBe(true);
    expect(await binhSurface.connectionProblem.count()).toBe(0);
    await expect.poll(() => binh.editor.writtenText()).toBe(await an.editor.writtenText());
  });
});
