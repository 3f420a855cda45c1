import type { MemberInput } from '../../lib/schemas';
import type { TaskStatus } from '../../lib/rules/tasks';
import type { DemoCell } from './demo-cells';
import {
  CLOSING_LINE,
  reviewLines,
  type DemoRecord,
  type DemoSection,
  type DemoStep,
  type SetTask,
} from './demo-minutes';
import { MONTH_THEMES, THEMATIC_THEMES } from './demo-months';
import type { PlannedMeeting } from './demo-year';

const pad = (n: number) => String(n).padStart(2, '0');

const REASONS = [
  'Đi công tác',
  'Ốm, đang điều trị',
  'Về quê có việc gia đình',
  'Trực cơ quan',
  'Chăm người nhà nằm viện',
];
const REVIEW_OPINIONS = [
  'thống nhất với báo cáo; việc chưa hoàn thành cần nêu rõ nguyên nhân và người chịu trách nhiệm.',
  'đề nghị chi ủy theo dõi sát các nhiệm vụ chuyển sang tháng sau, tránh kéo dài.',
  'nhất trí; các nhiệm vụ đã hoàn thành được nhân dân ghi nhận.',
];

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

/** Who was there: absences (some without reason), a latecomer, and the counts the minutes print. */
function rollCall(cell: DemoCell, random: () => number) {
  const expected = cell.members.filter((m) => m.status !== 'exempted');
  const optional = expected.filter((m) => m.name !== cell.chair && m.name !== cell.secretary);
  const absent: { name: string; reason?: string }[] = [];
  const absentCount = Math.floor(random() * 3);
  for (let i = 0; i < absentCount; i++) {
    const left = optional.filter((m) => !absent.some((a) => a.name === m.name));
    const who = pick(left, random);
    absent.push(random() < 0.3 ? { name: who.name } : { name: who.name, reason: pick(REASONS, random) });
  }
  const here = expected.filter((m) => !absent.some((a) => a.name === m.name));
  const lateCandidates = here.filter((m) => m.name !== cell.chair && m.name !== cell.secretary);
  const late = random() < 0.5 ? [pick(lateCandidates, random).name] : [];
  const total = cell.members.length;
  const probationary = cell.members.filter((m) => m.status === 'probationary').length;
  const exempted = total - expected.length;
  const withReason = absent.filter((a) => a.reason);
  const withoutReason = absent.filter((a) => !a.reason);
  const absentLine = [
    ...withReason.map((a) => `Vắng có lý do: đồng chí ${a.name} (${a.reason!.toLowerCase()}).`),
    ...withoutReason.map((a) => `Vắng không lý do: đồng chí ${a.name}.`),
    ...late.map((name) => `Đồng chí ${name} đến muộn.`),
  ].join(' ');
  return {
    absent,
    late,
    present: here.length,
    here: here as readonly MemberInput[],
    summary: `tổng số ${total} đồng chí (${total - probationary} chính thức, ${probationary} dự bị); miễn sinh hoạt ${exempted} đồng chí; phải dự ${expected.length} đồng chí; có mặt ${here.length} đồng chí; vắng ${absent.length} đồng chí (có lý do ${withReason.length}, không lý do ${withoutReason.length}).`,
    detail: `Phải dự: ${expected.length} đồng chí; có mặt: ${here.length} đồng chí (${Math.round((100 * here.length) / expected.length)}%). ${absentLine || 'Không có đồng chí vắng mặt.'}`,
  };
}

/** The opening lines every demo meeting shares, in either template. */
function commonLines(cell: DemoCell, plan: PlannedMeeting, locality: string, present: number, summary: string) {
  const end = plan.end;
  return {
    [`${cell.place}, ngày`]: `${locality}, ngày ${pad(plan.day)} tháng ${plan.month} năm ${plan.year}`,
    'Chủ trì:': `Chủ trì: đồng chí ${cell.chair}, Bí thư chi bộ.`,
    'Thư ký:': `Thư ký: đồng chí ${cell.secretary}, Chi ủy viên.`,
    'Khách mời:': `Khách mời: đồng chí ${cell.guest.name}, ${cell.guest.office}.`,
    'Số đảng viên:': `Số đảng viên: ${summary}`,
    [CLOSING_LINE]: `${CLOSING_LINE} vào lúc ${end.getHours()} giờ ${pad(end.getMinutes())} phút cùng ngày./.`,
    _present: String(present),
  };
}

/**
 * A regular monthly meeting of a demo cell: the month's news and tasks,
 * the review of `previous` (the tasks the last meeting set, as they stand),
 * opinions from members who were there. Returns the tasks it sets.
 */
export function regularRecord(
  cell: DemoCell,
  plan: PlannedMeeting,
  previous: readonly SetTask[],
  locality: string,
  random: () => number,
  settle: (index: number) => TaskStatus | undefined,
): { record: DemoRecord; tasks: SetTask[] } {
  const theme = MONTH_THEMES[plan.month]!({ lane: cell.lanes[0], street: cell.lanes[1] }, plan.year);
  const roll = rollCall(cell, random);
  const speakers = roll.here.filter((m) => m.name !== cell.chair && m.name !== cell.secretary).map((m) => m.name);
  const speaker = () => pick(speakers, random);
  const workers = roll.here.filter((m) => m.name !== cell.chair).map((m) => m.name);
  const lastDay = new Date(plan.year, plan.month, 0).getDate();
  const { _present, ...lines } = commonLines(cell, plan, locality, roll.present, roll.summary);
  const agreed = `${_present}/${_present} đồng chí có mặt tán thành (100%)`;
  const prevMonth = plan.month === 1 ? 12 : plan.month - 1;

  const tasks: SetTask[] = [];
  const taskSteps: DemoStep[] = theme.tasks.map((task, i) => {
    const first = workers[(i * 3 + Math.floor(random() * workers.length)) % workers.length]!;
    const second = workers[(workers.indexOf(first) + 1) % workers.length]!;
    const assignees = task.people === 2 ? [first, second] : [first];
    const reported = settle(i);
    tasks.push({ text: task.text, assignee: first, done: reported === 'done' });
    const due = Math.min(lastDay, 10 + 5 * i);
    return {
      kind: 'task',
      text: task.text,
      assignees,
      dueDate: `${plan.year}-${pad(plan.month)}-${pad(due)}`,
      status: 'not_started',
      ...(reported ? { reported } : {}),
    };
  });
  const review = previous.length
    ? reviewLines(previous, plan.month)
    : [`Tháng ${prevMonth} chi bộ không sinh hoạt; các nhiệm vụ được chuyển sang tháng này.`];
  const done = previous.filter((t) => t.done).length;
  // One month in three a member raises a different view on the resolution and is quoted.
  const dissent = random() < 0.33 && roll.present > 5;
  const resolutionCounts = dissent
    ? { for: roll.present - 1, against: 0, other: 1 }
    : { for: roll.present, against: 0, other: 0 };

  const proceedings: DemoSection[] = [
    {
      heading: '1. Tình hình chính trị, tư tưởng và văn bản mới của cấp trên',
      steps: [
        { kind: 'opinion', speaker: speaker(), text: theme.opinions[0]! },
        {
          kind: 'text',
          text: 'Kết luận của đồng chí chủ trì: chi bộ tiếp thu, giao chi ủy tổng hợp kiến nghị gửi Đảng ủy phường.',
        },
      ],
    },
    {
      heading: '2. Kiểm điểm việc thực hiện nghị quyết tháng trước',
      steps: [
        { kind: 'opinion', speaker: speaker(), text: pick(REVIEW_OPINIONS, random) },
        {
          kind: 'text',
          text: previous.length
            ? `Kết luận của đồng chí chủ trì: chi bộ hoàn thành ${done}/${previous.length} nhiệm vụ của nghị quyết tháng ${prevMonth}.`
            : 'Kết luận của đồng chí chủ trì: chi bộ thực hiện bù các nội dung của tháng không sinh hoạt.',
        },
      ],
    },
    {
      heading: '3. Nhiệm vụ, giải pháp tháng tới',
      steps: [
        ...taskSteps,
        { kind: 'opinion', speaker: speaker(), text: theme.opinions[1]! },
        { kind: 'opinion', speaker: speaker(), text: theme.opinions[2]! },
        { kind: 'text', text: `Biểu quyết thông qua nhiệm vụ tháng ${plan.month}: ${agreed}.` },
      ],
    },
    {
      heading: '4. Công tác xây dựng Đảng',
      steps: [{ kind: 'text', text: 'Phê bình: không có. Chi bộ nhắc nhở đảng viên đóng đảng phí đúng hạn.' }],
    },
    {
      heading: '5. Các vấn đề khác',
      steps: [
        { kind: 'opinion', speaker: speaker(), text: theme.other },
        {
          kind: 'text',
          text: `Đồng chí chủ trì: giao đồng chí ${cell.secretary} ghi nhận, báo cáo tại buổi sinh hoạt sau.`,
        },
      ],
    },
    {
      heading: '2. Biểu quyết thông qua nghị quyết',
      steps: [
        ...(dissent
          ? [
              {
                kind: 'text',
                text: `Ý kiến khác (đồng chí ${speaker()}): đề nghị lùi thời hạn nhiệm vụ thứ nhất thêm một tuần.`,
              } as const,
            ]
          : []),
        {
          kind: 'vote',
          subject: 'resolution',
          title: `Thông qua nghị quyết tháng ${plan.month} năm ${plan.year}`,
          counts: resolutionCounts,
        },
      ],
    },
    {
      heading: '1. Thông qua biên bản',
      steps: [
        { kind: 'readBack' },
        {
          kind: 'vote',
          subject: 'minutes',
          title: 'Thông qua biên bản cuộc họp',
          counts: { for: roll.present, against: 0, other: 0 },
        },
      ],
    },
  ];

  return {
    tasks,
    record: {
      fill: {
        dropHints: true,
        lines,
        sections: {
          '1. Tuyên bố lý do': [
            `Đồng chí ${cell.chair}, Bí thư chi bộ, tuyên bố lý do: chi bộ sinh hoạt thường kỳ tháng ${plan.month} để kiểm điểm việc thực hiện nghị quyết tháng ${prevMonth} và bàn nhiệm vụ tháng ${plan.month}.`,
          ],
          '2. Giới thiệu đại biểu': [`Đồng chí ${cell.guest.name}, ${cell.guest.office}.`],
          '3. Cử thư ký cuộc họp': [
            `Chi bộ nhất trí cử đồng chí ${cell.secretary}, Chi ủy viên, làm thư ký cuộc họp: ${agreed}.`,
          ],
          '4. Báo cáo tình hình đảng viên dự họp': [roll.detail],
          '5. Thông qua chương trình sinh hoạt': [
            `Đồng chí chủ trì thông qua chương trình gồm 5 nội dung theo dự kiến của chi ủy: ${agreed}.`,
          ],
          '6. Thu đảng phí': [
            `Đồng chí ${cell.deputy}, Phó Bí thư, đã thu đảng phí tháng ${plan.month} của ${roll.present} đồng chí có mặt.`,
          ],
          '1. Tình hình chính trị, tư tưởng và văn bản mới của cấp trên': [
            `Đồng chí ${cell.deputy} thông tin: ${theme.news}`,
            `Tình hình tư tưởng: ${theme.mood}`,
            `Văn bản cấp trên được quán triệt: ${theme.documents}`,
          ],
          '2. Kiểm điểm việc thực hiện nghị quyết tháng trước': [
            `Đồng chí ${cell.chair} báo cáo kết quả thực hiện nghị quyết tháng ${prevMonth}:`,
            ...review,
          ],
          '3. Nhiệm vụ, giải pháp tháng tới': [
            `Đồng chí ${cell.chair}, thay mặt chi ủy, trình bày dự thảo nhiệm vụ tháng ${plan.month}:`,
          ],
          '4. Công tác xây dựng Đảng': [theme.building],
          '1. Kết luận của đồng chí chủ trì': [
            `Đồng chí ${cell.chair} kết luận: chi bộ đã hoàn thành ${done}/${previous.length || done} nhiệm vụ tháng trước; tháng ${plan.month} tập trung thực hiện ${theme.tasks.length} nhiệm vụ đã thông qua. Các đồng chí được phân công báo cáo kết quả tại buổi sinh hoạt tháng sau.`,
          ],
          '2. Biểu quyết thông qua nghị quyết': [
            `Đồng chí chủ trì đề nghị chi bộ biểu quyết thông qua nghị quyết tháng ${plan.month} bằng hình thức giơ tay.`,
          ],
          '1. Thông qua biên bản': [
            'Thư ký đọc lại toàn văn biên bản. Đồng chí chủ trì đề nghị chi bộ biểu quyết thông qua biên bản.',
          ],
        },
      },
      chair: cell.chair,
      secretary: cell.secretary,
      late: roll.late,
      absent: roll.absent,
      proceedings,
    },
  };
}

/** A thematic meeting of a demo cell: the quarter's topic, the paper, contributions and the conclusion voted on. */
export function thematicRecord(
  cell: DemoCell,
  plan: PlannedMeeting,
  locality: string,
  random: () => number,
): { topic: string; record: DemoRecord } {
  const theme = THEMATIC_THEMES[plan.month]!;
  const roll = rollCall(cell, random);
  const speakers = roll.here.filter((m) => m.name !== cell.chair && m.name !== cell.secretary).map((m) => m.name);
  const { _present, ...lines } = commonLines(cell, plan, locality, roll.present, roll.summary);
  const agreed = `${_present}/${_present} đồng chí có mặt tán thành (100%)`;
  const nextMonthEnd = new Date(plan.year, plan.month + 1, 0);
  const due = `${nextMonthEnd.getFullYear()}-${pad(nextMonthEnd.getMonth() + 1)}-${pad(nextMonthEnd.getDate())}`;
  return {
    topic: theme.topic,
    record: {
      fill: {
        dropHints: true,
        lines,
        sections: {
          '1. Tuyên bố lý do, giới thiệu chuyên đề': [
            `Đồng chí ${cell.chair} tuyên bố lý do: thực hiện kế hoạch sinh hoạt chuyên đề quý của Đảng ủy phường, chi bộ sinh hoạt chuyên đề «${theme.topic}».`,
          ],
          '2. Giới thiệu đại biểu': [`Đồng chí ${cell.guest.name}, ${cell.guest.office}.`],
          '3. Cử thư ký cuộc họp': [`Chi bộ nhất trí cử đồng chí ${cell.secretary} làm thư ký: ${agreed}.`],
          '4. Báo cáo tình hình đảng viên dự họp': [roll.detail],
          '5. Thông qua chương trình sinh hoạt': [
            `Chương trình gồm đề dẫn, tham luận, thảo luận và kết luận: ${agreed}.`,
          ],
          '1. Trình bày đề dẫn': [
            `Đồng chí ${cell.deputy}, được chi ủy phân công, trình bày đề dẫn; đề dẫn đã gửi đảng viên nghiên cứu trước một tuần.`,
            ...theme.paper,
          ],
          '3. Kết luận chuyên đề': [`Đồng chí ${cell.chair} kết luận: ${theme.conclusion}`],
          '1. Thông qua biên bản': ['Thư ký đọc lại biên bản; chi bộ không có ý kiến bổ sung.'],
        },
      },
      chair: cell.chair,
      secretary: cell.secretary,
      late: roll.late,
      absent: roll.absent,
      proceedings: [
        {
          heading: '2. Tham luận và thảo luận',
          steps: theme.contributions.map((text, i) => ({
            kind: 'opinion',
            speaker: speakers[(i * 2 + Math.floor(random() * speakers.length)) % speakers.length]!,
            text,
          })),
        },
        {
          heading: '3. Kết luận chuyên đề',
          steps: theme.commitments.map((text) => ({
            kind: 'task',
            text,
            assignees: [cell.deputy],
            dueDate: due,
            status: 'not_started',
            reported: 'done',
          })),
        },
        {
          heading: 'III. BIỂU QUYẾT',
          steps: [
            {
              kind: 'vote',
              subject: 'conclusion',
              title: 'Thông qua kết luận chuyên đề',
              counts: { for: roll.present, against: 0, other: 0 },
            },
          ],
        },
        {
          heading: '1. Thông qua biên bản',
          steps: [
            { kind: 'readBack' },
            {
              kind: 'vote',
              subject: 'minutes',
              title: 'Thông qua biên bản cuộc họp',
              counts: { for: roll.present, against: 0, other: 0 },
            },
          ],
        },
      ],
    },
  };
}
