'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import { operationAction } from '../app/actions/operation';
import { formatDueDate } from '../lib/due-date';
import type { Translate } from '../lib/i18n';
import { decodeCsv } from '../lib/members-csv';
import type { FieldChange, PlannedRow } from '../lib/members-import';
import type { ImportOutcome } from '../server/operations/member-import';
import { useI18n } from './i18n-provider';
import { OperationError } from './meeting/operation-error';
import { useOperation } from './meeting/use-operation';

/** A changed value as the secretary reads it: role and status in words, dates day first. */
function shown(t: Translate, field: FieldChange['field'], value: string | null): string {
  if (value === null) return '–';
  if (field === 'role') return t(`roles.${value}`);
  if (field === 'status') return t(`memberStatus.${value}`);
  if (field === 'joinedOn' || field === 'officialOn') return formatDueDate(value);
  return value;
}

function ChangeLine({ t, change }: { t: Translate; change: FieldChange }) {
  const field = t(`memberImport.field.${change.field}`);
  const to = shown(t, change.field, change.to);
  return (
    <li>
      {change.from === null
        ? t('memberImport.changeSet', { field, to })
        : t('memberImport.changeFromTo', { field, from: shown(t, change.field, change.from), to })}
    </li>
  );
}

const BADGE: Record<PlannedRow['action'], string> = {
  new: 'badge',
  update: 'badge badge--warning',
  unchanged: 'badge',
  problem: 'badge badge--danger',
};

/** One row of the file: what the import does with it, or why it cannot. */
function PreviewRow({ t, row }: { t: Translate; row: PlannedRow }) {
  return (
    <li className="import-row" data-testid="import-row" data-action={row.action}>
      <p className="import-row__title">
        <span className="muted">{t('memberImport.row', { row: row.row })}</span>{' '}
        <strong>{row.name || t('memberImport.noName')}</strong>{' '}
        <span className={BADGE[row.action]}>{t(`memberImport.action.${row.action}`)}</span>
      </p>
      {row.problems.length > 0 && (
        <ul className="import-row__problems" data-testid="import-problems">
          {row.problems.map((p, i) => (
            <li key={i}>
              {t(`memberImport.problems.${p.code}`, { value: p.value ?? '', otherRow: p.otherRow ?? '' })}
            </li>
          ))}
        </ul>
      )}
      {row.action !== 'unchanged' && row.changes.length > 0 && (
        <ul className="import-row__changes">
          {row.changes.map((change) => (
            <ChangeLine key={change.field} t={t} change={change} />
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * The member list from a CSV file: the secretary chooses the file, the
 * server says what each row would do (nothing is saved), and only a file
 * without problems can be imported. Rows that change nothing are counted
 * but not listed, so a long list shows what needs attention.
 */
export function MemberImport({ cellId }: { cellId: string }) {
  const { t } = useI18n();
  const router = useRouter();
  const op = useOperation(t('errors.network'));
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function send(csv: string, apply: boolean) {
    const result = await op.run(() => operationAction('importMembers', { cellId, text: csv, apply }));
    if (!result?.ok) return;
    const data = result.data;
    if (apply && data.ok && data.saved) {
      setNotice(t('memberImport.saved', { new: data.plan.counts.new, update: data.plan.counts.update }));
      setOutcome(null);
      setText(null);
      if (input.current) input.current.value = '';
      router.refresh();
      return;
    }
    if (apply) setNotice(t('memberImport.changedMeanwhile'));
    setOutcome(data);
  }

  async function choose(file: File | undefined) {
    setOutcome(null);
    setNotice(null);
    op.clear();
    if (!file) return;
    const decoded = decodeCsv(new Uint8Array(await file.arrayBuffer()));
    if (!decoded.ok) {
      op.refuse(t(`memberImport.fileProblems.${decoded.problem}`));
      return;
    }
    setText(decoded.text);
    await send(decoded.text, false);
  }

  const plan = outcome?.ok ? outcome.plan : null;
  const toSave = plan ? plan.counts.new + plan.counts.update : 0;
  return (
    <div className="form member-import" data-testid="member-import">
      <div className="field">
        <label htmlFor={inputId}>{t('memberImport.chooseFile')}</label>
        <input
          ref={input}
          id={inputId}
          type="file"
          accept=".csv,text/csv"
          disabled={op.pending}
          onChange={(event) => void choose(event.target.files?.[0])}
          data-testid="import-file"
        />
      </div>
      {op.pending && <p className="muted">{t('memberImport.reading')}</p>}
      <OperationError message={op.error} testId="import-error" />
      {notice && (
        <p className="notice notice--success" role="status" data-testid="import-notice">
          {notice}
        </p>
      )}
      {outcome && !outcome.ok && (
        <p className="notice notice--error" role="alert" data-testid="import-error">
          {t(`memberImport.fileProblems.${outcome.problem}`)}
        </p>
      )}
      {outcome?.ok && plan && (
        <>
          <p data-testid="import-summary">{t('memberImport.summary', plan.counts)}</p>
          {outcome.ignoredColumns.length > 0 && (
            <p className="muted">{t('memberImport.ignoredColumns', { columns: outcome.ignoredColumns.join(', ') })}</p>
          )}
          {plan.counts.problem > 0 && (
            <p className="notice notice--error" role="alert" data-testid="import-fix-first">
              {t('memberImport.fixFirst', { count: plan.counts.problem })}
            </p>
          )}
          {plan.counts.problem === 0 && toSave === 0 && (
            <p className="notice" data-testid="import-nothing">
              {t('memberImport.nothingToDo')}
            </p>
          )}
          <ul className="plain-list import-rows">
            {plan.rows
              .filter((row) => row.action !== 'unchanged')
              .map((row) => (
                <PreviewRow key={row.row} t={t} row={row} />
              ))}
          </ul>
          {plan.counts.problem === 0 && toSave > 0 && text !== null && (
            <div className="form-actions">
              <button
                type="button"
                className="button button--large"
                disabled={op.pending}
                onClick={() => void send(text, true)}
                data-testid="import-apply"
              >
                {op.pending ? t('memberImport.applying') : t('memberImport.apply', { count: toSave })}
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
