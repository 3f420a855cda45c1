import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { TaskCard } from '../../../../components/tasks/task-card';
import { TASK_STATUSES } from '../../../../lib/rules/tasks';
import { canFollowUpTask, canViewCell } from '../../../../lib/policy';
import { getI18n } from '../../../../server/i18n';
import { getRuntime } from '../../../../server/runtime';
import { isId } from '../../../../server/web/action-guard';
import { getCurrent, requireCurrent } from '../../../../server/web/session';

type Params = Promise<{ cellId: string }>;

async function visibleCell(cellId: string) {
  const current = await getCurrent();
  if (!current || !isId(cellId) || !canViewCell(current.subject, cellId)) return null;
  return getRuntime().services.organisations.getCell(cellId);
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { t } = await getI18n();
  const cell = await visibleCell((await params).cellId);
  return { title: cell ? t('taskBoard.title', { cell: cell.name }) : t('notFound.title') };
}

/** Every task the cell's meetings have set, grouped by status; overdue ones marked. */
export default async function TaskBoardPage({ params }: { params: Params }) {
  const { t, locale } = await getI18n();
  const { cellId } = await params;
  const { user, subject } = await requireCurrent(`/cells/${cellId}/tasks`);
  // The board shows what the policy lets this user see: an overseer, the tasks of approved minutes only.
  const cell = await visibleCell(cellId);
  if (!cell) notFound();
  const tasks = await getRuntime().meetings.records.taskBoard(user, cell.id);

  return (
    <>
      <p className="breadcrumb">
        <Link href={`/cells/${cell.id}`}>{cell.name}</Link>
      </p>
      <h1>{t('taskBoard.title', { cell: cell.name })}</h1>
      <p className="muted">{t('taskBoard.intro', { overdue: tasks.filter((task) => task.overdue).length })}</p>
      <div className="task-board" data-testid="task-board">
        {TASK_STATUSES.map((status) => {
          const group = tasks.filter((task) => task.status === status);
          return (
            <section
              key={status}
              className="task-board__group"
              data-testid="task-board-group"
              data-status={status}
              aria-labelledby={`group-${status}`}
            >
              <h2 id={`group-${status}`}>
                {t(`taskStatus.${status}`)} ({group.length})
              </h2>
              {group.length === 0 ? (
                <p className="muted">{t('taskBoard.empty')}</p>
              ) : (
                <ul className="plain-list task-list">
                  {group.map((task) => (
                    <TaskCard
                      key={task.id}
                      t={t}
                      locale={locale}
                      task={task}
                      canChange={canFollowUpTask(subject, {
                        cellId: cell.id,
                        assigneeIds: task.assignees.map((a) => a.userId),
                      })}
                      testId="task-board-item"
                      showCell={false}
                    />
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </>
  );
}
