import type { MemberInput } from '../../lib/schemas';
import { DEMO, DEMO_MEMBERS } from './demo-organisation';

/**
 * One chi bộ of the demo đảng bộ and the people and places its minutes
 * name. Each cell meets on its own evening, so the committee's month shows
 * cells meeting on different days.
 */
export interface DemoCell {
  name: string;
  place: string;
  members: readonly MemberInput[];
  /** Chairs every meeting (the bí thư). */
  chair: string;
  /** Takes the minutes (a chi ủy viên). */
  secretary: string;
  /** Collects the dues and reports current affairs (the phó bí thư). */
  deputy: string;
  /** The overseer from the đảng ủy, invited to every meeting, with their office. */
  guest: { name: string; office: string };
  /** Streets and lanes the residents' complaints are about. */
  lanes: readonly [string, string];
  /** Regular meetings: this day of the month, at `meetingTime`. */
  meetingDay: number;
  meetingTime: string;
  /** Thematic meetings: this day of the quarter's last month, at `thematicTime`. */
  thematicDay: number;
  thematicTime: string;
}

const email = (local: string) => `${local}@demo.bienban.vn`;

/** The cell the demo has always had: the e2e tests sign in as its members. */
const MAIN_CELL: DemoCell = {
  name: DEMO.cellName,
  place: DEMO.place,
  members: DEMO_MEMBERS,
  chair: 'Nguyễn Văn Hùng',
  secretary: 'Lê Minh Tuấn',
  deputy: 'Trần Thị Mai',
  guest: { name: 'Phan Thanh Sơn', office: 'Đảng ủy viên, cấp ủy viên phụ trách chi bộ' },
  lanes: ['hẻm 12', 'đường Trần Quang Khải'],
  meetingDay: DEMO.meetingDay,
  meetingTime: DEMO.meetingTime,
  thematicDay: 20,
  thematicTime: '19:00',
};

export const DEMO_CELLS: readonly DemoCell[] = [
  MAIN_CELL,
  {
    name: 'Chi bộ khu phố 1',
    place: 'Hội trường Ban điều hành khu phố 1, phường Tân Định',
    members: [
      { name: 'Lê Thị Thanh Hương', email: email('huongltt'), role: 'secretary', status: 'full' },
      { name: 'Nguyễn Đức Thắng', email: email('thangnd'), role: 'deputy_secretary', status: 'full' },
      { name: 'Phạm Văn Cường', email: email('cuongpv'), role: 'committee_member', status: 'full' },
      { name: 'Trần Văn Bình', email: email('binhtv'), role: 'member', status: 'full' },
      { name: 'Ngô Thị Kim Oanh', email: email('oanhntk'), role: 'member', status: 'full' },
      { name: 'Vũ Đình Quang', email: email('quangvd'), role: 'member', status: 'full' },
      { name: 'Lý Thị Hạnh', email: email('hanhlt'), role: 'member', status: 'full' },
      { name: 'Đinh Công Minh', email: email('minhdc'), role: 'member', status: 'probationary' },
      { name: 'Mai Thị Yến', email: email('yenmt'), role: 'member', status: 'probationary' },
      { name: 'Nguyễn Văn Tư', email: email('tunv'), role: 'member', status: 'exempted' },
    ],
    chair: 'Lê Thị Thanh Hương',
    secretary: 'Phạm Văn Cường',
    deputy: 'Nguyễn Đức Thắng',
    guest: { name: 'Đoàn Thị Thu Trang', office: 'Phó Bí thư Đảng ủy phường, phụ trách chi bộ' },
    lanes: ['hẻm 47', 'đường Hai Bà Trưng'],
    meetingDay: 3,
    meetingTime: '19:30',
    thematicDay: 18,
    thematicTime: '19:30',
  },
  {
    name: 'Chi bộ khu phố 5',
    place: 'Nhà văn hóa khu phố 5, phường Tân Định',
    members: [
      { name: 'Trần Quốc Việt', email: email('viettq'), role: 'secretary', status: 'full' },
      { name: 'Hồ Thị Bích Ngân', email: email('nganhtb'), role: 'deputy_secretary', status: 'full' },
      { name: 'Dương Văn Khánh', email: email('khanhdv'), role: 'committee_member', status: 'full' },
      { name: 'Châu Thị Mỹ Linh', email: email('linhctm'), role: 'member', status: 'full' },
      { name: 'Lâm Văn Phúc', email: email('phuclv'), role: 'member', status: 'full' },
      { name: 'Tạ Thị Nga', email: email('ngatt'), role: 'member', status: 'full' },
      { name: 'Quách Văn Hòa', email: email('hoaqv'), role: 'member', status: 'full' },
      { name: 'Kiều Minh Trí', email: email('trikm'), role: 'member', status: 'probationary' },
      { name: 'Cao Thị Diệu Hiền', email: email('hiencdt'), role: 'member', status: 'attached' },
      { name: 'Phan Văn Sáu', email: email('saupv'), role: 'member', status: 'exempted' },
    ],
    chair: 'Trần Quốc Việt',
    secretary: 'Dương Văn Khánh',
    deputy: 'Hồ Thị Bích Ngân',
    guest: { name: 'Nguyễn Hữu Lộc', office: 'Đảng ủy viên, cấp ủy viên phụ trách chi bộ' },
    lanes: ['hẻm 88', 'chợ Tân Định'],
    meetingDay: 7,
    meetingTime: '19:00',
    thematicDay: 22,
    thematicTime: '19:00',
  },
];
