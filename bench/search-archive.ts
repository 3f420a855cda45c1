import { randomUUID } from 'node:crypto';
import type { MeetingKind, MeetingState } from '../lib/domain';
import type { Db } from '../server/db/connection';

/**
 * A generated archive of minutes for the search bench: cells of one đảng
 * bộ, ten years of monthly meetings, each with about 3 KB of Vietnamese
 * minutes built from the phrases real minutes use (the template's headings,
 * roll call, "Đồng chí …: …" opinions, tasks, votes, conclusions). Seeded,
 * so two runs generate the same archive.
 */

/** Small, fast, seeded PRNG (mulberry32): the same archive on every run and engine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Hữu', 'Minh', 'Thanh', 'Quốc', 'Ngọc', 'Xuân', 'Thu'];
const GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Đức',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hòa',
  'Hùng',
  'Hương',
  'Khánh',
  'Lan',
  'Linh',
  'Lụa',
  'Mai',
  'Nam',
  'Nga',
  'Nghĩa',
  'Phúc',
  'Phương',
  'Quang',
  'Sơn',
  'Tâm',
  'Thắng',
  'Thảo',
  'Thủy',
  'Trung',
  'Tuấn',
  'Vân',
  'Việt',
  'Xuyến',
  'Yến',
];
const PLACES = ['thôn Đông', 'thôn Đoài', 'xóm Bến', 'tổ dân phố 3', 'khu phố Chợ', 'ấp Tân Hòa', 'bản Mường'];
const TOPICS = [
  'xây dựng nông thôn mới',
  'phòng chống dịch bệnh',
  'an ninh trật tự trên địa bàn',
  'thu nộp đảng phí',
  'kết nạp đảng viên mới',
  'công tác khuyến học, khuyến tài',
  'bê tông hóa đường liên thôn',
  'sửa chữa nhà văn hóa',
  'phòng chống lụt bão',
  'vệ sinh môi trường',
  'chuyển đổi số trong sinh hoạt chi bộ',
  'học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
  'giảm nghèo bền vững',
  'chăm sóc gia đình chính sách',
];
const OPINIONS = [
  'Nhất trí với báo cáo, đề nghị bổ sung số liệu về {topic}.',
  'Đề nghị chi bộ ban hành nghị quyết chuyên đề về {topic}.',
  'Việc {topic} tháng qua còn chậm, cần phân công cụ thể từng đồng chí.',
  'Đề nghị chi ủy đôn đốc đảng viên thực hiện nghiêm túc nghị quyết tháng trước.',
  'Kinh phí cho {topic} cần được công khai trước nhân dân.',
  'Tôi nhận nhiệm vụ phối hợp với chi hội phụ nữ về {topic}.',
  'Một số hộ chưa đồng thuận, đề nghị tuyên truyền vận động thêm.',
  'Đề nghị biểu dương đồng chí {name} đã hoàn thành tốt nhiệm vụ được giao.',
];
const TASKS = [
  'Đồng chí {name} phụ trách {topic}, báo cáo kết quả tại kỳ họp sau.',
  'Chi ủy xây dựng kế hoạch {topic}, hoàn thành trước ngày {day}/{month}/{year}.',
  'Các đảng viên hoàn thành việc thu nộp đảng phí trước ngày {day}/{month}.',
  'Đồng chí {name} và đồng chí {name2} kiểm tra tiến độ {topic}.',
];

export interface ArchiveMeeting {
  id: string;
  cellIndex: number;
  kind: MeetingKind;
  state: MeetingState;
  secret: boolean;
  startsAt: string;
  title: string;
  body: string;
  agenda: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The minutes of one meeting: about 3 KB (UTF-8) of text, as the projection stores it. */
function minutes(random: () => number, cellName: string, month: number, year: number, kind: MeetingKind): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const person = () => `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`;
  const fill = (text: string) =>
    text
      .replace('{topic}', pick(TOPICS))
      .replace('{name}', person())
      .replace('{name2}', person())
      .replace('{day}', String(1 + Math.floor(random() * 28)))
      .replace('{month}', String(month))
      .replace('{year}', String(year));
  const present = 8 + Math.floor(random() * 20);
  const chair = person();
  const lines = [
    'ĐẢNG BỘ XÃ ĐÔNG HƯNG',
    `CHI BỘ ${cellName.toUpperCase()}`,
    'ĐẢNG CỘNG SẢN VIỆT NAM',
    'BIÊN BẢN',
    `${kind === 'thematic' ? 'sinh hoạt chuyên đề' : 'sinh hoạt chi bộ thường kỳ'} tháng ${month} năm ${year}`,
    `Thời gian: 19 giờ 30 phút, ngày ${1 + Math.floor(random() * 10)}/${month}/${year}. Địa điểm: nhà văn hóa ${pick(PLACES)}.`,
    `Chủ trì: đồng chí ${chair}, Bí thư chi bộ. Thư ký: đồng chí ${person()}.`,
    `Đảng viên có mặt ${present} đồng chí; vắng có lý do 1 đồng chí: ${person()} (đi công tác).`,
    'I. TÌNH HÌNH CHÍNH TRỊ, TƯ TƯỞNG, THỜI SỰ',
    `Đồng chí ${chair} thông tin tình hình thời sự trong nước và địa phương, các văn bản mới của cấp trên về ${pick(TOPICS)}.`,
    'II. KIỂM ĐIỂM VIỆC THỰC HIỆN NGHỊ QUYẾT THÁNG TRƯỚC',
  ];
  for (let i = 0; i < 3; i++)
    lines.push(`Việc ${pick(TOPICS)}: ${random() < 0.6 ? 'đã hoàn thành' : 'chưa hoàn thành, lý do khách quan'}.`);
  lines.push('III. NHIỆM VỤ THÁNG TỚI');
  // Opinions and tasks until the minutes reach their usual length.
  while (Buffer.byteLength(lines.join('\n')) < 2500) {
    lines.push(`Đồng chí ${person()}: ${fill(pick(OPINIONS))}`);
    if (random() < 0.35) lines.push(`Nhiệm vụ: ${fill(pick(TASKS))}`);
  }
  lines.push(
    'IV. CÔNG TÁC XÂY DỰNG ĐẢNG',
    `Chi bộ thu đảng phí tháng ${month}: ${present} đồng chí đã nộp.`,
    `Biểu quyết thông qua nghị quyết: ${present}/${present} đồng chí có mặt tán thành (100%).`,
    `Kết luận: chi bộ thống nhất ${fill('tập trung thực hiện {topic}')} trong tháng ${month + 1 > 12 ? 1 : month + 1}.`,
    `Cuộc họp kết thúc lúc 21 giờ 30 phút cùng ngày. THƯ KÝ. CHỦ TRÌ ${chair.toUpperCase()}.`,
  );
  return lines.join('\n');
}

const KINDS: readonly MeetingKind[] = [
  'regular',
  'regular',
  'regular',
  'regular',
  'thematic',
  'committee',
  'extraordinary',
];

/**
 * Yields the archive's meetings in batches: every cell's meeting of a
 * month, then the month before, back from November 2026; the last months still open (in progress or
 * closed) and a few meetings secret.
 */
export function* archiveBatches(
  count: number,
  cells: number,
  batchSize: number,
  seed = 20261130,
): Generator<ArchiveMeeting[]> {
  const random = seededRandom(seed);
  const perCell = Math.ceil(count / cells);
  let batch: ArchiveMeeting[] = [];
  let made = 0;
  for (let n = 0; n < perCell && made < count; n++) {
    for (let cellIndex = 0; cellIndex < cells && made < count; cellIndex++) {
      const monthsBack = n;
      const date = new Date(Date.UTC(2026, 10 - monthsBack, 1));
      const year = date.getUTCFullYear();
      const month = date.getUTCMonth() + 1;
      const kind = KINDS[Math.floor(random() * KINDS.length)]!;
      const state: MeetingState = monthsBack === 0 ? 'in_progress' : monthsBack === 1 ? 'closed' : 'approved';
      const cellName = `Chi bộ số ${cellIndex + 1}`;
      batch.push({
        id: randomUUID(),
        cellIndex,
        kind,
        state,
        secret: random() < 0.03,
        startsAt: `${year}-${pad(month)}-${pad(1 + (cellIndex % 25))}T19:30`,
        title: `${kind === 'committee' ? 'Họp chi ủy' : 'Sinh hoạt chi bộ'} tháng ${month} năm ${year}`,
        body: minutes(random, cellName, month, year, kind),
        agenda: `Chương trình: 1. Thông tin thời sự. 2. Kiểm điểm nghị quyết tháng trước. 3. ${TOPICS[Math.floor(random() * TOPICS.length)]}.`,
      });
      made++;
      if (batch.length === batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}

/** Writes one batch of meetings and their stored text (not the index) in one transaction. */
export async function insertArchiveBatch(db: Db, cellIds: readonly string[], batch: readonly ArchiveMeeting[]) {
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('meetings')
      .values(
        batch.map((m) => ({
          id: m.id,
          cell_id: cellIds[m.cellIndex]!,
          kind: m.kind,
          title: m.title,
          starts_at: m.startsAt,
          place: 'Nhà văn hóa',
          state: m.state,
          created_by: null,
          created_at: now,
          classification: m.secret ? ('secret' as const) : ('normal' as const),
        })),
      )
      .execute();
    await trx
      .insertInto('meeting_text')
      .values(batch.map((m) => ({ meeting_id: m.id, body: m.body, agenda: m.agenda, updated_at: now })))
      .execute();
  });
}
