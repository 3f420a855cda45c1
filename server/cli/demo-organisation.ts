import type { MemberInput } from '../../lib/schemas';

/**
 * The demo organisation: a ward đảng bộ with one residential chi bộ whose
 * members cover every role and status the product knows. Emails follow the
 * usual Vietnamese pattern (given name + initials), all at one demo domain.
 */
export const DEMO = {
  committeeName: 'Đảng bộ phường Tân Định',
  cellName: 'Chi bộ khu phố 3',
  place: 'Nhà văn hóa khu phố 3, phường Tân Định',
  /** The place name party documents print before the date. */
  locality: 'Tân Định',
  adminName: 'Quản trị viên (demo)',
  adminEmail: 'admin@demo.bienban.vn',
  /** The member of the ward committee who oversees the three cells (cấp ủy viên phụ trách). */
  overseerName: 'Võ Văn Giám',
  overseerEmail: 'giamvv@demo.bienban.vn',
  /** Printed in the summary: this is a demo for evaluators, not a secret. */
  password: 'demo-bienban-2026',
  /** Regular meetings are held on this day of the month, in the evening. */
  meetingDay: 5,
  meetingTime: '19:30',
  /** The past meeting ended then: 105 minutes, above the regular meeting's 90. */
  meetingEndTime: '21:15',
} as const;

export const DEMO_MEMBERS: readonly MemberInput[] = [
  { name: 'Nguyễn Văn Hùng', email: 'hungnv@demo.bienban.vn', role: 'secretary', status: 'full' },
  { name: 'Trần Thị Mai', email: 'maitt@demo.bienban.vn', role: 'deputy_secretary', status: 'full' },
  { name: 'Lê Minh Tuấn', email: 'tuanlm@demo.bienban.vn', role: 'committee_member', status: 'full' },
  { name: 'Phạm Thị Lan', email: 'lanpt@demo.bienban.vn', role: 'member', status: 'full' },
  { name: 'Hoàng Văn Nam', email: 'namhv@demo.bienban.vn', role: 'member', status: 'full' },
  { name: 'Võ Thị Hồng', email: 'hongvt@demo.bienban.vn', role: 'member', status: 'full' },
  { name: 'Đặng Quốc Bảo', email: 'baodq@demo.bienban.vn', role: 'member', status: 'full' },
  { name: 'Bùi Thị Thu Hà', email: 'habtt@demo.bienban.vn', role: 'member', status: 'probationary' },
  { name: 'Đỗ Minh Khôi', email: 'khoidm@demo.bienban.vn', role: 'member', status: 'probationary' },
  { name: 'Trương Văn Lộc', email: 'loctv@demo.bienban.vn', role: 'member', status: 'exempted' },
  { name: 'Huỳnh Thị Ngọc Ánh', email: 'anhhtn@demo.bienban.vn', role: 'member', status: 'attached' },
];
