import type { Metadata } from 'next';
import { TaskCard } from '../../components/tasks/task-card';
import { canFollowUpTask } from '../../lib/policy';
import { getI18n } from '../../server/i18n';
import { getRuntime } from '../../server/runtime';
import { requireCurrent } from '../../server/web/session';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('myTasks.title') };
}

/** The signed-in member's tasks across their cells: unfinished ones first, overdue ones marked. */
export default async function MyTasksPage() {
  const { t, locale } = await getI18n();
  const { user, subject } = await requireCurrent('/tasks');
  const tasks = await getRuntime().meetings.records.myTasks(user);
  const open = tasks.filter((task) => task.status !== 'done');
  const done = tasks.filter((task) => task.status === 'done');
  const cells = new Set(tasks.map((task) => task.cellId));

  return (
    <>
      <h1>{t('myTasks.title')}</h1>
      <p className="muted">{t('myTasks.intro')}</p>
      <section data-testid="my-tasks" aria-labelledby="open-tasks-heading">
        <h2 id="open-tasks-heading">{t('myTasks.open', { count: open.length })}</h2>
        {open.length === 0 ? (
          <p className="muted" data-testid="my-tasks-empty">
            {t('myTasks.none')}
          </p>
        ) : (
          <ul className="plain-list task-list">
            {open.map((task) => (
              <TaskCard
                key={task.id}
                t={t}
                locale={locale}
                task={task}
                canChange={canFollowUpTask(subject, {
                  cellId: task.cellId,
                  assigneeIds: task.assignees.map((a) => a.userId),
                })}
                testId="my-task-item"
                showCell={cells.size > 1}
              />
            ))}
          </ul>
        )}
        {done.length > 0 && (
          <>
            <h2>{t('myTasks.done', { count: done.length })}</h2>
            <ul className="plain-list task-list">
              {done.map((task) => (
                <TaskCard
                  key={task.id}
                  t={t}
                  locale={locale}
                  task={task}
                  canChange={canFollowUpTask(subject, {
                    cellId: task.cellId,
                    assigneeIds: task.assignees.map((a) => a.userId),
                  })}
                  testId="my-task-item"
                  showCell={cells.size > 1}
                />
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}
