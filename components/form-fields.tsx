'use client';

import { useId, type InputHTMLAttributes } from 'react';
import { useFormStatus } from 'react-dom';
import type { FormState } from '../lib/form-state';
import { useI18n } from './i18n-provider';

interface FieldBase {
  name: string;
  label: string;
  state: FormState;
  hint?: string;
}

/** A labelled input with its hint and its error, announced to screen readers. */
export function TextField({
  name,
  label,
  state,
  hint,
  defaultValue,
  ...input
}: FieldBase & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'defaultValue'> & { defaultValue?: string }) {
  const id = useId();
  const error = state.errors[name];
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  // Passwords are never sent back, so only other fields are refilled after a refused submit.
  const value = input.type === 'password' ? undefined : (state.values[name] ?? defaultValue);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={`${id}-hint`} className="field__hint">
          {hint}
        </span>
      )}
      <input
        id={id}
        name={name}
        type="text"
        {...input}
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {error && (
        <span id={`${id}-error`} className="field__error" data-testid={`error-${name}`}>
          {error}
        </span>
      )}
    </div>
  );
}

/** A labelled select; `options` are value/label pairs in display order. */
export function SelectField({
  name,
  label,
  state,
  hint,
  options,
  defaultValue,
}: FieldBase & { options: { value: string; label: string }[]; defaultValue?: string }) {
  const id = useId();
  const error = state.errors[name];
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={`${id}-hint`} className="field__hint">
          {hint}
        </span>
      )}
      <select
        // React applies a select's defaultValue only when it mounts, and resets the form after every
        // action: remounting on a new value keeps what the user chose after a refused submission.
        key={state.values[name] ?? defaultValue}
        id={id}
        name={name}
        defaultValue={state.values[name] ?? defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {error && (
        <span id={`${id}-error`} className="field__error" data-testid={`error-${name}`}>
          {error}
        </span>
      )}
    </div>
  );
}

/** The form-wide error or success note of the last submission. */
export function FormMessage({ state }: { state: FormState }) {
  const { t } = useI18n();
  const error = state.errors._;
  if (error) {
    return (
      <div className="notice notice--error" role="alert" data-testid="form-error">
        <p>{error}</p>
      </div>
    );
  }
  if (state.status === 'success' && state.message) {
    return (
      <div className="notice notice--success" role="status" data-testid="form-success">
        <p>{state.message}</p>
      </div>
    );
  }
  if (state.status === 'error' && Object.keys(state.errors).length > 0) {
    return (
      <div className="notice notice--error" role="alert" data-testid="form-error">
        <p>{t('forms.fixFields')}</p>
      </div>
    );
  }
  return null;
}

/** A submit button that says it is working while its form is being sent. */
export function SubmitButton({
  label,
  pendingLabel,
  className,
  testId,
}: {
  label: string;
  pendingLabel: string;
  className?: string;
  testId?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={className ?? 'button'} disabled={pending} aria-busy={pending} data-testid={testId}>
      {pending ? pendingLabel : label}
    </button>
  );
}
