import { beforeAll, expect, it } from 'vitest';
import type { Meeting } from '../../server/db/schema';
import { writeProjection, type Projection, type ProjectedTask } from '../../server/meeting/projection';
import { describeEachDatabase } from '../helpers/temp-database';

const TASK = '33333333-3333-4333-8333-333333333333';

function projectionWith(tasks: ProjectedTask[]): Projection {
  return { attendance: [], opinions: [], tasks, votes: [], text: 'biên bản', agenda: '', refused: [] };
}

describeEachDatabase('writing a projection', (db) => {
  let meeting: Meeting;
  let members: string[];

  beforeAll(async () => {
    const { organisations, meetings } = db().services;
    const committee = await organisations.createCommittee('Đảng bộ phường Đo Tải');
    const cell = await organisations.createCell(committee.id, 'Chi bộ 1');
    members = [];
    for (const name of ['Nguyễn Văn An', 'Trần Thị Bình']) {
      const row = await organisations.addMember(cell.id, {
        name,
        email: `${members.length}@projection.vn`,
        role: 'member',
        status: 'full',
      });
      members.push(row.userId);
    }
    meeting = await meetings.createMeeting(
      cell.id,
      { kind: 'regular', startsAt: '2026-12-05T19:30', place: 'Nhà văn hóa' },
      null,
    );
  });

  const task = (changes: Partial<ProjectedTask> = {}): ProjectedTask => ({
    id: TASK,
    body: 'Sửa đường',
    dueDate: '2026-12-31',
    status: 'not_started',
    assignees: [members[0]!],
    position: 4,
    ...changes,
  });

  it('says the tasks changed only when what later meetings review would differ', async () => {
    const write = (tasks: ProjectedTask[]) => writeProjection(db().services.db, meeting, projectionWith(tasks));
    expect(await write([task()])).toEqual({ tasksChanged: true });
    expect(await write([task()])).toEqual({ tasksChanged: false });
    expect(await write([task({ assignees: [members[0]!, members[1]!] })])).toEqual({ tasksChanged: true });
    expect(await write([task({ assignees: [members[1]!, members[0]!] })])).toEqual({ tasksChanged: true });
    expect(await write([task({ assignees: [members[1]!, members[0]!] })])).toEqual({ tasksChanged: false });
    expect(await write([task({ assignees: [members[1]!, members[0]!], status: 'done' })])).toEqual({
      tasksChanged: true,
    });
    expect(await write([])).toEqual({ tasksChanged: true });
    expect(await write([])).toEqual({ tasksChanged: false });
  });
});
