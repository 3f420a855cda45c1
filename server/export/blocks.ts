import type { MemberStatus } from '../../lib/domain';
import { formatDay, formatDecimal } from '../../lib/format';
import type { Translate } from '../../lib/i18n';
import type { AttendanceEntry, ReviewItem, VoteRecord } from '../../lib/meeting-doc/layout';
import { absenceLine } from '../../lib/minutes/absences';
import { countAttendance } from '../../lib/rules/attendance';
import { BODY_SIZE, type Line, type Run } from './model';

/**
 * The structured blocks of the minutes (vote results, the attendance
 * report, the review of last month's tasks, a task's assignees and due
 * date) written out as lines, with the same words the meeting page shows.
 */

export interface BlockContext {
  t: Translate;
  locale: 'vi' | 'en';
  votes: ReadonlyMap<string, VoteRecord>;
  attendance: ReadonlyMap<string, AttendanceEntry>;
  review: readonly ReviewItem[];
  members: readonly { userId: string; name: string; status: MemberStatus }[];
}

/** Items inside a block sit one step in from the text, as the page shows them. */
const BLOCK_INDENT = 18;

const line = (runs: Run[], extra: Partial<Line> = {}): Line => ({
  runs,
  size: BODY_SIZE,
  align: 'justify',
  indent: BLOCK_INDENT,
  ...extra,
});
const plain = (text: string, extra: Partial<Line> = {}) => line([{ text }], extra);

/** "x/y đồng chí có mặt tán thành (z%)", those against, other opinions quoted, and the outcome. */
export function voteLines(voteId: unknown, ctx: BlockContext): Line[] {
  const { t } = ctx;
  const vote = typeof voteId === 'string' ? ctx.votes.get(voteId) : undefined;
  if (!vote) return [];
  const out: Line[] = [
    line([{ text: `${t(`votes.subject.${vote.subject}`)}: ${vote.title}`, bold: true }], { keepWithNext: true }),
    plain(t('votes.methodLine', { method: t(`votes.method.${vote.method}`) })),
  ];
  if (vote.state !== 'closed' || !vote.counts) {
    out.push(line([{ text: t('votes.inProgress'), italic: true }]));
    return out;
  }
  out.push(...voteCountLines(vote, ctx));
  const rule = vote.rule ? ` (${t('votes.ruleNote', { threshold: t(`votes.threshold.${vote.rule.threshold}`) })})` : '';
  out.push(line([{ text: vote.passed ? t('votes.passed') : t('votes.notPassed'), bold: true }, { text: rule }]));
  return out;
}

/** A closed vote's counts as the minutes print them: those for with the base and percentage, against, other (quoted). */
export function voteCountLines(vote: VoteRecord, ctx: BlockContext): Line[] {
  const { t } = ctx;
  const counts = vote.counts;
  if (!counts) return [];
  return [
    plain(
      t(`votes.forLine.${vote.rule?.base ?? 'present'}`, {
        for: counts.for,
        base: vote.base ?? vote.present ?? 0,
        percent: formatDecimal(vote.percent ?? 0, ctx.locale),
      }),
    ),
    plain(t('votes.againstLine', { count: counts.against })),
    plain(t('votes.otherLine', { count: counts.other }) + (vote.otherOpinions ? `: «${vote.otherOpinions}»` : '')),
  ];
}

/** The attendance report: counts, who was present, who was absent and why, and the rate. */
export function attendanceLines(ctx: BlockContext): Line[] {
  const { t, members, attendance } = ctx;
  const counts = countAttendance(members, attendance);
  const statusOf = (userId: string) => attendance.get(userId)?.status;
  const nameOf = (m: { userId: string; name: string }) => attendance.get(m.userId)?.name || m.name;
  const present = members.filter((m) => statusOf(m.userId) === 'present' || statusOf(m.userId) === 'late');
  const withReason = members.filter((m) => statusOf(m.userId) === 'absent_with_reason' && m.status !== 'exempted');
  const withoutReason = members.filter(
    (m) => statusOf(m.userId) === 'absent_without_reason' && m.status !== 'exempted',
  );
  const rate = formatDecimal(Math.round(counts.rate * 1000) / 10, ctx.locale);
  const out: Line[] = [
    line([{ text: t('attendance.blockTitle'), bold: true }], { keepWithNext: true }),
    plain(t('attendance.counts.total', { count: counts.total })),
    plain(t('attendance.counts.exempted', { count: counts.exempted })),
    plain(t('attendance.counts.expected', { count: counts.expected })),
    plain(
      counts.late > 0
        ? t('attendance.counts.presentWithLate', { count: counts.present, late: counts.late })
        : t('attendance.counts.present', { count: counts.present }),
    ),
  ];
  if (present.length > 0) out.push(plain(t('export.presentNames', { names: present.map(nameOf).join(', ') })));
  out.push(
    plain(
      absenceLine(
        t,
        'withReason',
        counts.absentWithReason,
        withReason.map((m) => ({ name: nameOf(m), reason: attendance.get(m.userId)?.reason })),
      ),
    ),
    plain(
      absenceLine(
        t,
        'withoutReason',
        counts.absentWithoutReason,
        withoutReason.map((m) => ({ name: nameOf(m) })),
      ),
    ),
  );
  if (counts.unmarked > 0) out.push(plain(t('attendance.counts.unmarked', { count: counts.unmarked })));
  out.push(line([{ text: t('attendance.counts.rate', { rate }), bold: true }]));
  return out;
}

/** What a task says about itself. */
export interface TaskFacts {
  assignees: readonly { name: string }[];
  dueDate: string | null;
  status: string;
}

/** Who does a task, by when, and (unless left out) how far it got. */
export function taskFacts(ctx: BlockContext, task: TaskFacts, withStatus = true): string {
  const { t } = ctx;
  const who = task.assignees.length > 0 ? task.assignees.map((a) => a.name).join(', ') : t('tasks.noAssignee');
  const due = task.dueDate ? formatDay(task.dueDate, ctx.locale) : t('tasks.noDueDate');
  const facts = `${t('tasks.assignees')} ${who}. ${t('tasks.dueDate')}: ${due}.`;
  return withStatus ? `${facts} ${t('tasks.status')}: ${t(`taskStatus.${task.status}`)}.` : facts;
}

/** A task node's attributes as facts; assignees without a name and a missing due date are left out. */
export function taskOf(attrs: Record<string, unknown> | undefined): TaskFacts {
  const assignees = Array.isArray(attrs?.assignees)
    ? (attrs.assignees as unknown[]).flatMap((a) => {
        const name = (a as { name?: unknown } | null)?.name;
        return typeof name === 'string' && name ? [{ name }] : [];
      })
    : [];
  const dueDate = typeof attrs?.dueDate === 'string' && attrs.dueDate ? attrs.dueDate : null;
  const status = typeof attrs?.status === 'string' ? attrs.status : 'not_started';
  return { assignees, dueDate, status };
}

/** Last month's tasks under review, each with its assignees, due date, status and the meeting that set it. */
export function reviewLines(ctx: BlockContext): Line[] {
  const { t } = ctx;
  const out: Line[] = [line([{ text: t('review.title'), bold: true }], { keepWithNext: true })];
  if (ctx.review.length === 0) return [...out, line([{ text: t('review.none'), italic: true }])];
  ctx.review.forEach((item, i) => {
    out.push(line([{ text: `${i + 1}. ${item.text}` }], { keepWithNext: true }));
    out.push(line([{ text: taskFacts(ctx, item), italic: true }], { indent: BLOCK_INDENT * 2, keepWithNext: true }));
    out.push(
      line([{ text: t('review.setBy', { meeting: item.meetingTitle }), italic: true }], { indent: BLOCK_INDENT * 2 }),
    );
  });
  return out;
}

/** A task of the resolution: its text, then who does it, by when, and its status as sealed. */
export function taskLines(runs: Run[], attrs: Record<string, unknown> | undefined, ctx: BlockContext): Line[] {
  const text = runs.length > 0 ? runs : [{ text: ctx.t('tasks.untitled'), italic: true }];
  return [
    line([{ text: '– ' }, ...text], { keepWithNext: true }),
    line([{ text: taskFacts(ctx, taskOf(attrs)), italic: true }], { indent: BLOCK_INDENT * 2 }),
  ];
}
