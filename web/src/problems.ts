// Problems where they are: each problem is shown at the field with its pointer (or, when
// there is none, e.g. at a list item's index, at the nearest ancestor that has one):
// aria-invalid for errors, the Danish message in the field's message element, which
// aria-describedby names. And in a list whose entries move focus to the field.
import type { Problem } from './api.js';
import { parent } from './pointer.js';
import { el } from './schema-form/dom.js';

/** The element for a pointer: its own field, or the nearest ancestor's. */
function nearest(all: Map<string, HTMLElement>, pointer: string): HTMLElement | undefined {
  let p = pointer;
  for (;;) {
    const e = all.get(p);
    if (e) return e;
    if (p === '') return undefined;
    p = parent(p);
  }
}

export function focusField(e: HTMLElement): void {
  e.scrollIntoView({ block: 'center' });
  e.focus({ preventScroll: true });
}

/** Where a pointer is in the form, in words ("Indsatsområdets økonomi › … › Beløb (1.000 kr.)"). */
export function placeOf(form: HTMLElement, pointer: string): string {
  const all = new Map<string, HTMLElement>();
  for (const e of form.querySelectorAll<HTMLElement>('[data-pointer]')) if (!all.has(e.dataset.pointer!)) all.set(e.dataset.pointer!, e);
  return nearest(all, pointer)?.dataset.label ?? (pointer || 'Filen');
}

const SEVERITY = { fejl: 'Fejl', advarsel: 'Advarsel' } as const;

/** Shows `problems` in the form and in `list`; clears what was shown before. */
export function showProblems(form: HTMLElement, list: HTMLElement, summary: HTMLElement, problems: Problem[], file = ''): void {
  const all = new Map<string, HTMLElement>();
  for (const e of form.querySelectorAll<HTMLElement>('[data-pointer]')) if (!all.has(e.dataset.pointer!)) all.set(e.dataset.pointer!, e);

  // Clear.
  for (const e of form.querySelectorAll<HTMLElement>('[aria-invalid], [data-har-problem]')) {
    e.removeAttribute('aria-invalid');
    e.removeAttribute('data-har-problem');
    const help = e.dataset.help;
    if (help) e.setAttribute('aria-describedby', help); else e.removeAttribute('aria-describedby');
  }
  for (const m of form.querySelectorAll<HTMLElement>('.problem-besked:not([hidden])')) {
    m.hidden = true;
    m.replaceChildren();
  }

  // Group by the element they are shown at.
  const at = new Map<HTMLElement, Problem[]>();
  /** A problem in another file (the plan) has a pointer into that file: it is shown only in the list. */
  const here = (p: Problem): HTMLElement | undefined => (p.file && file && p.file !== file ? undefined : nearest(all, p.pointer));
  for (const p of problems) {
    const e = here(p);
    if (!e) continue;
    at.set(e, [...(at.get(e) ?? []), p]);
  }
  for (const [e, ps] of at) {
    const message = document.getElementById(e.dataset.problem ?? '');
    if (!message) continue;
    message.replaceChildren(...ps.map((p) => el('p', { class: `besked-${p.severity}` },
      el('span', { class: 'alvor' }, `${SEVERITY[p.severity]}: `), p.message)));
    // The validator says how the number is written in the file ("310.5"); the form reads Danish.
    if (e.dataset.kind === 'beloeb' && ps.some((p) => p.rule === 'schema/type')) {
      message.append(el('p', { class: 'besked-hjaelp' }, 'I formularen skrives beløbet på dansk, fx 1.928 eller 310,5.'));
    }
    message.hidden = false;
    e.dataset.harProblem = '';
    if (ps.some((p) => p.severity === 'fejl')) e.setAttribute('aria-invalid', 'true');
    e.setAttribute('aria-describedby', [message.id, e.dataset.help].filter(Boolean).join(' '));
  }

  // The list, in the order of the form.
  const order = new Map([...all.values()].map((e, i) => [e, i]));
  const sorted = [...problems].sort((a, b) => {
    const ea = here(a);
    const eb = here(b);
    return (ea ? order.get(ea)! : -1) - (eb ? order.get(eb)! : -1) || (a.severity === b.severity ? 0 : a.severity === 'fejl' ? -1 : 1);
  });
  list.replaceChildren(...sorted.map((p) => {
    const e = here(p);
    const where = p.file && file && p.file !== file ? `${p.file.split(/[\\/]/).pop()} ${p.pointer}` : e?.dataset.label ?? (p.pointer || 'Filen');
    const pos = p.line ? ` (linje ${p.line}${p.column ? `:${p.column}` : ''})` : '';
    const item = el('li', { class: `problem problem-${p.severity}` });
    const text = [el('span', { class: 'alvor' }, `${SEVERITY[p.severity]}`), el('span', { class: 'hvor' }, `${where}${pos}`), el('span', { class: 'besked' }, p.message)];
    if (e) {
      const b = el('button', { type: 'button', class: 'gaa-til', 'data-goto': p.pointer }, ...text);
      b.addEventListener('click', () => focusField(e));
      item.append(b);
    } else {
      item.append(...text);
    }
    return item;
  }));
  const errors = problems.filter((p) => p.severity === 'fejl').length;
  const warnings = problems.length - errors;
  summary.textContent = problems.length === 0
    ? 'Ingen problemer.'
    : [errors ? `${errors} ${errors === 1 ? 'fejl' : 'fejl'}` : '', warnings ? `${warnings} ${warnings === 1 ? 'advarsel' : 'advarsler'}` : ''].filter(Boolean).join(', ') + '.';
}
