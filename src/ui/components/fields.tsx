/** Labelled form controls with as-you-type errors, Bootstrap-3-like (docs/base.md §2.3), accessible by label. */
import type { ComponentChildren } from 'preact';

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  error?: string | null;
  hint?: ComponentChildren;
  type?: 'text' | 'password';
  autoComplete?: string;
  placeholder?: string;
  maxLength?: number;
  disabled?: boolean;
}

export function TextField(p: TextFieldProps) {
  const describedBy = [p.error ? `${p.id}-error` : '', p.hint ? `${p.id}-hint` : ''].filter(Boolean).join(' ');
  // Two literal `type`s: Preact's input typings are discriminated by the type attribute.
  const common = {
    id: p.id,
    name: p.id,
    class: 'form-control',
    value: p.value,
    autoComplete: p.autoComplete ?? 'off',
    spellcheck: false,
    placeholder: p.placeholder,
    maxLength: p.maxLength,
    disabled: p.disabled,
    'aria-invalid': p.error ? ('true' as const) : undefined,
    'aria-describedby': describedBy || undefined,
    onInput: (e: Event) => p.onInput((e.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class={`form-group${p.error ? ' has-error' : ''}`}>
      <label for={p.id}>{p.label}</label>
      {p.type === 'password' ? <input type="password" {...common} /> : <input type="text" {...common} />}
      {p.error && (
        <p id={`${p.id}-error`} class="help-block field-error">
          {p.error}
        </p>
      )}
      {p.hint && (
        <p id={`${p.id}-hint`} class="help-block">
          {p.hint}
        </p>
      )}
    </div>
  );
}

interface SelectFieldProps<V extends string> {
  id: string;
  label: string;
  value: V;
  options: { value: V; label: string }[];
  onChange: (value: V) => void;
  hint?: ComponentChildren;
  disabled?: boolean;
}

export function SelectField<V extends string>(p: SelectFieldProps<V>) {
  return (
    <div class="form-group">
      <label for={p.id}>{p.label}</label>
      <select
        id={p.id}
        name={p.id}
        class="form-control"
        value={p.value}
        disabled={p.disabled}
        aria-describedby={p.hint ? `${p.id}-hint` : undefined}
        onChange={(e) => p.onChange((e.currentTarget as HTMLSelectElement).value as V)}
      >
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {p.hint && (
        <p id={`${p.id}-hint`} class="help-block">
          {p.hint}
        </p>
      )}
    </div>
  );
}

/** A status line: `role=status` for good news, `role=alert` for errors, so screen readers hear both. */
export function Notice(p: { kind: 'success' | 'danger' | 'warning' | 'info'; children: ComponentChildren }) {
  return (
    <div class={`alert alert-${p.kind}`} role={p.kind === 'danger' ? 'alert' : 'status'}>
      {p.children}
    </div>
  );
}

export function ProgressBar(p: { label: string; value: number; max: number; text: string }) {
  const pct = p.max > 0 ? Math.min(100, Math.round((p.value / p.max) * 100)) : 0;
  return (
    <div class="progress-wrap">
      <div
        class="progress"
        role="progressbar"
        aria-label={p.label}
        aria-valuemin={0}
        aria-valuemax={p.max}
        aria-valuenow={p.value}
        aria-valuetext={p.text}
      >
        <div class="progress-bar" style={{ width: `${pct}%` }} />
      </div>
      <p class="progress-text">{p.text}</p>
    </div>
  );
}
