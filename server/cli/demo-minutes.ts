import type { VoteSubject } from '../../lib/meeting-doc/layout';
import type { MinutesFill } from '../../lib/minutes/fill';
import type { TaskStatus } from '../../lib/rules/tasks';
import type { VoteCounts } from '../../lib/rules/votes';

const pad = (n: number) => String(n).padStart(2, '0');

/** A task set at one meeting, as the next meeting reviews it. */
export interface SetTask {
  text: string;
  assignee: string;
  done: boolean;
}

/** The review of last month's tasks as the chair reports it, one line per task, in the order they were set. */
export function reviewLines(previous: readonly SetTask[], month: number): string[] {
  return previous.map(
    (t) =>
      `– ${t.text.replace(/\.$/, '')} (đồng chí ${t.assignee} phụ trách): ${t.done ? 'đã hoàn thành' : `chưa hoàn thành, chuyển sang tháng ${month}`}.`,
  );
}

export interface DemoMeeting {
  /** Where the meeting was held, as the header line starts before it is replaced. */
  place: string;
  /** The place name printed in the header (địa danh), e.g. the ward. */
  locality: string;
  day: number;
  month: number;
  year: number;
  /** When the meeting ended, "HH:mm". */
  endTime: string;
  /** The tasks the last meeting set, as they stand: what this one reviews. */
  previous: readonly SetTask[];
}

/** How the closing line of the regular template starts: blocks of the last section go above it. */
export const CLOSING_LINE = 'Cuộc họp kết thúc';

/** One thing that happened under a section, after its opening lines, in the order it happened. */
export type DemoStep =
  /** A paragraph the minutes-taker typed. */
  | { kind: 'text'; text: string }
  /** A member asked for the floor and was given it; `text` is what the minutes-taker wrote down. */
  | { kind: 'opinion'; speaker: string; text: string }
  /**
   * A task of the resolution with its status as recorded at the meeting;
   * `reported` is the status its assignee reported afterwards, if any.
   */
  | {
      kind: 'task';
      text: string;
      assignees: readonly string[];
      dueDate: string;
      status: TaskStatus;
      reported?: TaskStatus;
    }
  /** The minutes-taker read the minutes back. */
  | { kind: 'readBack' }
  /** A vote by show of hands. */
  | { kind: 'vote'; subject: VoteSubject; title: string; counts: VoteCounts };

export interface DemoSection {
  /** The section's heading in the shipped regular template. */
  heading: string;
  steps: readonly DemoStep[];
}

/** The demo's past meeting: the prose typed before the discussion, and what happened live. */
export interface DemoRecord {
  /** Header and closing lines, and the opening lines of each section. */
  fill: MinutesFill;
  chair: string;
  secretary: string;
  late: readonly string[];
  /** Expected members who did not come; without a reason they are recorded as absent without reason. */
  absent: readonly { name: string; reason?: string }[];
  proceedings: readonly DemoSection[];
  /** A correction appended after the minutes were sealed, if one was needed. */
  amendment?: string;
}

/** The day of the month of the second Sunday. */
function secondSunday(year: number, month: number): number {
  const firstWeekday = new Date(year, month - 1, 1).getDay();
  return 1 + ((7 - firstWeekday) % 7) + 7;
}

/**
 * What the demo chi bộ recorded at its regular meeting (held early in the
 * month: it reviews the previous month and plans this one). Keys are the
 * headings and line openings of the shipped regular template. The numbers
 * add up: 11 members, 1 exempted, 10 expected, 9 present (one of them late),
 * 7 of them full members, 1 absent with reason.
 */
export function demoRecord({ place, locality, day, month, year, endTime, previous }: DemoMeeting): DemoRecord {
  const prev = month === 1 ? 12 : month - 1;
  const prevYear = month === 1 ? year - 1 : year;
  const mm = pad(month);
  const date = (d: number) => `${year}-${mm}-${pad(d)}`;
  const lastDay = new Date(year, month, 0).getDate();
  const [endHour = '', endMinute = ''] = endTime.split(':');
  const fill: MinutesFill = {
    dropHints: true,
    lines: {
      [`${place}, ngày`]: `${locality}, ngày ${pad(day)} tháng ${month} năm ${year}`,
      'Chủ trì:': 'Chủ trì: đồng chí Nguyễn Văn Hùng, Bí thư chi bộ.',
      'Thư ký:': 'Thư ký: đồng chí Lê Minh Tuấn, Chi ủy viên.',
      'Khách mời:': 'Khách mời: đồng chí Phan Thanh Sơn, Đảng ủy viên, cấp ủy viên phụ trách chi bộ.',
      'Số đảng viên:':
        'Số đảng viên: tổng số 11 đồng chí (9 chính thức, 2 dự bị), trong đó 1 đồng chí sinh hoạt tạm thời; miễn sinh hoạt 1 đồng chí; phải dự 10 đồng chí; có mặt 9 đồng chí; vắng 1 đồng chí (có lý do 1, không lý do 0).',
      [CLOSING_LINE]: `${CLOSING_LINE} vào lúc ${Number(endHour)} giờ ${pad(Number(endMinute))} phút cùng ngày./.`,
    },
    sections: {
      '1. Tuyên bố lý do': [
        `Đồng chí Nguyễn Văn Hùng, Bí thư chi bộ, tuyên bố lý do: chi bộ sinh hoạt thường kỳ tháng ${month} để kiểm điểm việc thực hiện nghị quyết tháng ${prev}, bàn nhiệm vụ tháng ${month} và công tác xây dựng Đảng.`,
      ],
      '2. Giới thiệu đại biểu': ['Đồng chí Phan Thanh Sơn, Đảng ủy viên, cấp ủy viên phụ trách chi bộ khu phố 3.'],
      '3. Cử thư ký cuộc họp': [
        'Đồng chí chủ trì đề nghị cử đồng chí Lê Minh Tuấn, Chi ủy viên, làm thư ký cuộc họp. Chi bộ nhất trí: 9/9 đồng chí có mặt tán thành (100%).',
      ],
      '4. Báo cáo tình hình đảng viên dự họp': [
        'Tổng số đảng viên: 11 đồng chí. Đồng chí Trương Văn Lộc được miễn sinh hoạt (tuổi cao, sức yếu), không tính vào số phải dự. Phải dự: 10 đồng chí; có mặt: 9 đồng chí (90%).',
        'Vắng có lý do 1 đồng chí: Huỳnh Thị Ngọc Ánh (đi công tác). Đồng chí Đỗ Minh Khôi đến muộn, có báo trước.',
      ],
      '5. Thông qua chương trình sinh hoạt': [
        'Đồng chí chủ trì thông qua chương trình gồm 5 nội dung theo dự kiến của chi ủy. Không có ý kiến bổ sung. Biểu quyết: 9/9 đồng chí có mặt tán thành (100%).',
      ],
      '6. Thu đảng phí': [
        `Đồng chí Trần Thị Mai, Phó Bí thư, đã thu đảng phí tháng ${month} của 9 đồng chí có mặt, tổng số tiền 635.000 đồng.`,
      ],
      '1. Tình hình chính trị, tư tưởng và văn bản mới của cấp trên': [
        `Đồng chí Trần Thị Mai thông tin tình hình thời sự trong nước, của thành phố và trên địa bàn phường trong tháng ${prev}.`,
        'Tình hình tư tưởng: đảng viên và nhân dân khu phố phấn khởi, tin tưởng; một số hộ ở hẻm 12 còn băn khoăn về tình trạng ngập nước cục bộ khi mưa lớn.',
        `Văn bản cấp trên được quán triệt: Kế hoạch số 45-KH/ĐU ngày 25/${pad(prev)}/${prevYear} của Đảng ủy phường về chỉnh trang đô thị, giữ gìn vệ sinh môi trường; Hướng dẫn số 12-HD/ĐU của Đảng ủy phường về công tác phát triển đảng viên năm ${year}.`,
      ],
      '2. Kiểm điểm việc thực hiện nghị quyết tháng trước': [
        `Đồng chí Nguyễn Văn Hùng báo cáo kết quả thực hiện nghị quyết tháng ${prev}:`,
        ...(previous.length
          ? reviewLines(previous, month)
          : [`Tháng ${prev} chi bộ không sinh hoạt; các nhiệm vụ được chuyển sang tháng này.`]),
      ],
      '3. Nhiệm vụ, giải pháp tháng tới': [
        `Đồng chí Nguyễn Văn Hùng, thay mặt chi ủy, trình bày dự thảo nhiệm vụ tháng ${month}:`,
      ],
      '4. Công tác xây dựng Đảng': [
        'Xét đề nghị công nhận đảng viên chính thức cho đồng chí Bùi Thị Thu Hà (hết 12 tháng dự bị). Đồng chí Hà đọc bản tự kiểm điểm trong thời gian dự bị.',
      ],
      '5. Các vấn đề khác': [],
      '1. Kết luận của đồng chí chủ trì': [
        `Đồng chí Nguyễn Văn Hùng kết luận: tháng ${prev} chi bộ đã lãnh đạo hoàn thành phần lớn nhiệm vụ đề ra; tháng ${month} tập trung hoàn thành rà soát hộ nghèo, hộ cận nghèo, vệ sinh môi trường và công tác phát triển đảng viên. Các đồng chí được phân công chủ động thực hiện và báo cáo kết quả tại buổi sinh hoạt tháng sau.`,
      ],
      '2. Biểu quyết thông qua nghị quyết': [
        `Đồng chí chủ trì đề nghị chi bộ biểu quyết thông qua nghị quyết tháng ${month} bằng hình thức giơ tay; ý kiến khác: không có.`,
      ],
      '1. Thông qua biên bản': [
        `Thư ký đọc lại toàn văn biên bản. Đồng chí Đặng Quốc Bảo đề nghị ghi rõ thời hạn rà soát là ngày 20/${mm}; thư ký đã bổ sung. Đồng chí chủ trì đề nghị chi bộ biểu quyết thông qua biên bản.`,
      ],
    },
  };

  const proceedings: DemoSection[] = [
    {
      heading: '1. Tình hình chính trị, tư tưởng và văn bản mới của cấp trên',
      steps: [
        {
          kind: 'opinion',
          speaker: 'Hoàng Văn Nam',
          text: 'đề nghị chi bộ phản ánh với Ủy ban nhân dân phường tình trạng ngập ở đầu hẻm 12 để có phương án nạo vét cống.',
        },
        {
          kind: 'opinion',
          speaker: 'Phạm Thị Lan',
          text: 'nhất trí; đề nghị vận động các hộ không bỏ rác xuống miệng cống.',
        },
        {
          kind: 'text',
          text: `Kết luận của đồng chí chủ trì: chi bộ tiếp thu; giao đồng chí Lê Minh Tuấn tổng hợp kiến nghị gửi Đảng ủy phường trước ngày 15/${mm}.`,
        },
      ],
    },
    {
      heading: '2. Kiểm điểm việc thực hiện nghị quyết tháng trước',
      steps: [
        {
          kind: 'opinion',
          speaker: 'Đặng Quốc Bảo',
          text: `đã rà soát xong tổ dân phố 5 và 6, tổ 7 sẽ xong trong tuần đầu tháng ${month}.`,
        },
        {
          kind: 'opinion',
          speaker: 'Võ Thị Hồng',
          text: 'đề nghị khi đi thăm hỏi cần báo trước với tổ trưởng tổ dân phố để phối hợp.',
        },
        {
          kind: 'text',
          text: `Kết luận của đồng chí chủ trì: chi bộ hoàn thành 2/3 nhiệm vụ của nghị quyết tháng ${prev}; biểu dương đồng chí Phạm Thị Lan; việc rà soát hộ nghèo, hộ cận nghèo chuyển sang tháng ${month}, đồng chí Đặng Quốc Bảo tiếp tục phụ trách.`,
        },
      ],
    },
    {
      heading: '3. Nhiệm vụ, giải pháp tháng tới',
      steps: [
        {
          kind: 'task',
          text: 'Hoàn thành rà soát hộ nghèo, hộ cận nghèo (còn tổ dân phố 7).',
          assignees: ['Đặng Quốc Bảo', 'Đỗ Minh Khôi'],
          dueDate: date(20),
          status: 'in_progress',
        },
        {
          kind: 'task',
          text: 'Tổ chức tổng vệ sinh, khơi thông cống thoát nước hẻm 12 vào sáng Chủ nhật tuần thứ hai của tháng.',
          assignees: ['Hoàng Văn Nam'],
          dueDate: date(secondSunday(year, month)),
          status: 'not_started',
          reported: 'done',
        },
        {
          kind: 'task',
          text: 'Tổng hợp kiến nghị của nhân dân về ngập nước, chiếu sáng, gửi Đảng ủy phường.',
          assignees: ['Lê Minh Tuấn'],
          dueDate: date(15),
          status: 'not_started',
          reported: 'done',
        },
        {
          kind: 'task',
          text: 'Bồi dưỡng quần chúng ưu tú Nguyễn Thanh Tâm, hoàn thiện hồ sơ đề nghị kết nạp Đảng.',
          assignees: ['Trần Thị Mai'],
          dueDate: date(lastDay),
          status: 'not_started',
        },
        {
          kind: 'opinion',
          speaker: 'Đỗ Minh Khôi',
          text: 'nhận nhiệm vụ; đề nghị tổ trưởng tổ dân phố 7 cung cấp danh sách hộ để làm nhanh hơn.',
        },
        { kind: 'text', text: `Biểu quyết thông qua nhiệm vụ tháng ${month}: 9/9 đồng chí có mặt tán thành (100%).` },
      ],
    },
    {
      heading: '4. Công tác xây dựng Đảng',
      steps: [
        {
          kind: 'opinion',
          speaker: 'Phạm Thị Lan',
          text: 'là đảng viên được phân công giúp đỡ, nhận xét đồng chí Hà chấp hành tốt chủ trương của Đảng, chính sách, pháp luật của Nhà nước, tích cực trong công tác phụ nữ của khu phố.',
        },
        {
          kind: 'opinion',
          speaker: 'Hoàng Văn Nam',
          text: 'nhất trí; đề nghị đồng chí Hà tiếp tục học tập nâng cao trình độ lý luận chính trị.',
        },
        {
          kind: 'text',
          text: 'Biểu quyết đề nghị công nhận đảng viên chính thức: 7/7 đảng viên chính thức có mặt tán thành (100%). Chi bộ hoàn thiện hồ sơ trình Đảng ủy phường xem xét, quyết định.',
        },
        {
          kind: 'text',
          text: 'Biểu dương: đồng chí Phạm Thị Lan vận động tốt việc giữ gìn vệ sinh môi trường. Phê bình: không có.',
        },
      ],
    },
    {
      heading: '5. Các vấn đề khác',
      steps: [
        { kind: 'opinion', speaker: 'Võ Thị Hồng', text: 'đề nghị lắp thêm đèn chiếu sáng ở cuối hẻm 12.' },
        { kind: 'text', text: 'Đồng chí chủ trì: giao đồng chí Lê Minh Tuấn đưa vào kiến nghị gửi phường.' },
      ],
    },
    {
      heading: '2. Biểu quyết thông qua nghị quyết',
      steps: [
        {
          kind: 'vote',
          subject: 'resolution',
          title: `Thông qua nghị quyết tháng ${month} năm ${year}`,
          counts: { for: 9, against: 0, other: 0 },
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
          counts: { for: 9, against: 0, other: 0 },
        },
      ],
    },
  ];

  return {
    fill,
    chair: 'Nguyễn Văn Hùng',
    secretary: 'Lê Minh Tuấn',
    late: ['Đỗ Minh Khôi'],
    absent: [{ name: 'Huỳnh Thị Ngọc Ánh', reason: 'Đi công tác' }],
    proceedings,
    amendment: `Đính chính mục II.1: Kế hoạch số 45-KH/ĐU của Đảng ủy phường ban hành ngày 24/${pad(prev)}/${prevYear}, không phải ngày 25/${pad(prev)}/${prevYear} như biên bản đã ghi.`,
  };
}
