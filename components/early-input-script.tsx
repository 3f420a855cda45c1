/**
 * What a member does before the page has hydrated, kept. On a weak network
 * a page's HTML arrives seconds before its scripts, and its forms are on
 * screen and usable meanwhile. Without this, what was typed then stayed in
 * the field but never reached the form's state (React keeps the text on
 * hydration without telling the component), so the next render emptied the
 * field or the form sent it empty; and a form that only works through its
 * scripts was submitted natively, reloading the page and losing it all.
 *
 * This script runs as the HTML is parsed, before any of the page's scripts:
 * - a field changed before React hydrated it is remembered; once hydrated,
 *   its value is handed to React as a change (React's value tracker is set
 *   back to the value React rendered, then an input or change event fires),
 *   so the component's state holds what is on screen;
 * - a form with neither an action nor a method (one that only its scripts
 *   can send) that is submitted before it is hydrated is held, and submitted
 *   again, with the same button, once it is hydrated and its fields are
 *   handed over.
 * Forms that declare an action or a method (server actions, the sign-in
 * form, the filters) are made to work without scripts and submit natively. React marks the DOM nodes it has hydrated with a
 * `__reactProps$…` key; the browser tests (tests/e2e/early-input.test.ts)
 * fail if a React release changes either internal this relies on.
 */
const EARLY_INPUT_SCRIPT = `(() => {
  const changed = new Set();
  const held = new Map();
  let timer = 0;
  const hydrated = (node) => Object.keys(node).some((key) => key.startsWith('__reactProps$'));
  const isField = (node) =>
    node instanceof HTMLTextAreaElement || node instanceof HTMLSelectElement ||
    (node instanceof HTMLInputElement && !['checkbox', 'radio', 'file', 'submit', 'button', 'hidden'].includes(node.type));
  // React renders a form again as soon as it hears of one field's change, which puts the state's
  // value back into the fields not handed over yet: all values are read first, then each is put
  // back (past React's tracker) and handed over.
  const handOver = (field, value) => {
    if (field instanceof HTMLSelectElement) {
      field.value = value;
      field.dispatchEvent(new Event('change', { bubbles: true }));
      return;
    }
    if (value === field.defaultValue) return;
    Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value').set.call(field, value);
    if (field._valueTracker) field._valueTracker.setValue(field.defaultValue);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const settle = () => {
    const ready = [];
    for (const field of changed) {
      if (!field.isConnected) changed.delete(field);
      else if (hydrated(field)) ready.push([field, field.value]);
    }
    for (const [field, value] of ready) {
      changed.delete(field);
      handOver(field, value);
    }
    for (const [form, submitter] of held) {
      if (!form.isConnected) held.delete(form);
      else if (hydrated(form) && ![...changed].some((field) => form.contains(field))) {
        held.delete(form);
        form.requestSubmit(submitter && submitter.isConnected && submitter.form === form ? submitter : undefined);
      }
    }
    if (changed.size === 0 && held.size === 0) {
      clearInterval(timer);
      timer = 0;
    }
  };
  const watch = () => {
    if (!timer) timer = setInterval(settle, 50);
  };
  const remember = (event) => {
    const field = event.target;
    if (isField(field) && !hydrated(field)) {
      changed.add(field);
      watch();
    }
  };
  document.addEventListener('input', remember, true);
  document.addEventListener('change', remember, true);
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || form.hasAttribute('action') || form.hasAttribute('method') || hydrated(form)) return;
    event.preventDefault();
    held.set(form, event.submitter);
    watch();
  }, true);
})();`;

export function EarlyInputScript({ nonce }: { nonce: string | undefined }) {
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: EARLY_INPUT_SCRIPT }} />;
}
