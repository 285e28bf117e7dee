// Fields for single values: one-line text, plain multi-line text, amounts (Danish numbers),
// a choice from an enum, an id chosen from the people or organisations, and Markdown.
// Every field has data-pointer (its JSON pointer), a <label> (or aria-labelledby), its
// description as help (aria-describedby), and an element for its problems (problems.ts).
import { EditorView } from '@codemirror/view';
import { displayAmount, formatDanishNumber, parseDanishNumber } from '../danish-number.js';
import { getAt } from '../pointer.js';
import type { FormContext, Place } from './context.js';
import { el, newId } from './dom.js';
import { enumLabel, type ListName } from './hints.js';
import { markdownEditor } from './markdown-editor.js';
import type { Schema } from './schema.js';

/** Attributes that tie a field to its help and problem elements. */
export function fieldAttrs(place: Place, helpId: string | undefined, problemId: string): Record<string, string> {
  const a: Record<string, string> = {
    'data-pointer': place.pointer,
    'data-problem': problemId,
    'data-label': [...place.path, place.label].join(' › '),
  };
  if (helpId) {
    a['data-help'] = helpId;
    a['aria-describedby'] = helpId;
  }
  return a;
}

interface Shell {
  wrap: HTMLElement;
  id: string;
  labelId: string;
  helpId?: string;
  problemId: string;
  attrs: Record<string, string>;
}

function shell(place: Place, kind: string, labelTag: 'label' | 'span' = 'label'): Shell {
  const id = newId();
  const labelId = `${id}-l`;
  const helpId = place.description ? `${id}-h` : undefined;
  const problemId = `${id}-p`;
  const label = el(labelTag, { id: labelId, class: 'etiket', for: labelTag === 'label' ? id : undefined }, place.label);
  if (place.required) label.append(el('span', { class: 'paakraevet', 'aria-hidden': 'true', title: 'skal udfyldes' }, ' *'));
  const wrap = el('div', { class: `felt felt-${kind}` }, label);
  if (helpId) wrap.append(el('p', { id: helpId, class: 'hjaelp' }, place.description));
  const attrs = fieldAttrs(place, helpId, problemId);
  if (place.required) attrs['aria-required'] = 'true';
  return { wrap, id, labelId, helpId, problemId, attrs };
}

function problemEl(s: Shell): HTMLElement {
  return el('div', { id: s.problemId, class: 'problem-besked', hidden: true });
}

function stringValue(ctx: FormContext, place: Place): string {
  const v = getAt(ctx.value(), place.pointer);
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v);
}

/** Empty text in an optional field removes the key, so "cfbu": "" never reaches the file. */
function textChange(ctx: FormContext, place: Place, text: string): void {
  ctx.change(place.pointer, text === '' && !place.required ? undefined : text);
}

export function textField(ctx: FormContext, place: Place, schema: Schema, multiline: boolean): HTMLElement {
  const s = shell(place, multiline ? 'tekstomraade' : 'tekst');
  const isDate = typeof schema.pattern === 'string' && schema.pattern.includes('\\d{4}-\\d{2}-\\d{2}');
  const input = multiline
    ? el('textarea', { id: s.id, rows: 3, ...s.attrs })
    : el('input', { id: s.id, type: 'text', ...s.attrs, placeholder: isDate ? 'ÅÅÅÅ-MM-DD' : undefined, class: isDate ? 'dato' : undefined });
  input.value = stringValue(ctx, place);
  input.spellcheck = !isDate;
  input.addEventListener('input', () => textChange(ctx, place, input.value));
  s.wrap.append(input, problemEl(s));
  return s.wrap;
}

/**
 * Help for amounts in the form. The schema's description tells how to write the number in the
 * JSON file (decimal point, no thousands separator); in the form it is written the Danish way.
 */
const AMOUNT_HELP = 'Skrives på dansk i 1.000 kr.: 1.928 for 1.928.000 kr., 310,5 for 310.500 kr.; højst tre decimaler.';

export function numberField(ctx: FormContext, place: Place): HTMLElement {
  const s = shell({ ...place, description: AMOUNT_HELP }, 'tal');
  const input = el('input', { id: s.id, type: 'text', inputmode: 'decimal', autocomplete: 'off', 'data-kind': 'beloeb', ...s.attrs });
  input.value = displayAmount(getAt(ctx.value(), place.pointer));
  input.addEventListener('input', () => ctx.change(place.pointer, parseDanishNumber(input.value)));
  input.addEventListener('blur', () => {
    const v = parseDanishNumber(input.value);
    if (typeof v === 'number') input.value = formatDanishNumber(v);
  });
  s.wrap.append(input, problemEl(s));
  return s.wrap;
}

export function enumField(ctx: FormContext, place: Place, values: unknown[]): HTMLElement {
  const s = shell(place, 'valg');
  const select = el('select', { id: s.id, ...s.attrs });
  const current = getAt(ctx.value(), place.pointer);
  if (!place.required || current === undefined) select.append(el('option', { value: '' }, place.required ? '(vælg)' : '(ingen)'));
  values.forEach((v, i) => select.append(el('option', { value: String(i) }, enumLabel(v))));
  const at = values.findIndex((v) => v === current);
  if (current !== undefined && at < 0) select.append(el('option', { value: 'x' }, `${String(current)} (ukendt)`));
  select.value = current === undefined ? '' : at >= 0 ? String(at) : 'x';
  select.addEventListener('change', () => {
    if (select.value === 'x') return;
    ctx.change(place.pointer, select.value === '' ? undefined : values[Number(select.value)]);
  });
  s.wrap.append(select, problemEl(s));
  return s.wrap;
}

/** An id chosen from the people or organisations already written (also the plan's). */
export function referenceField(ctx: FormContext, place: Place, list: ListName): HTMLElement {
  const s = shell(place, 'henvisning');
  const select = el('select', { id: s.id, ...s.attrs, 'data-list': list });
  const fill = (): void => {
    const current = getAt(ctx.value(), place.pointer);
    const cur = typeof current === 'string' ? current : '';
    const options = ctx.choices(list);
    select.replaceChildren();
    if (!place.required || cur === '') select.append(el('option', { value: '' }, place.required ? '(vælg)' : '(ingen)'));
    for (const o of options) select.append(el('option', { value: o.id }, o.label));
    if (cur !== '' && !options.some((o) => o.id === cur)) select.append(el('option', { value: cur }, `${cur} (findes ikke)`));
    select.value = cur;
  };
  fill();
  select.addEventListener('focus', fill);
  select.addEventListener('change', () => textChange(ctx, place, select.value));
  s.wrap.append(select, problemEl(s));
  return s.wrap;
}

export function markdownField(ctx: FormContext, place: Place): HTMLElement {
  const s = shell(place, 'markdown', 'span');
  const host = el('div', { class: 'cm-vaert' });
  s.wrap.append(host, problemEl(s));
  const view = markdownEditor({
    parent: host,
    text: stringValue(ctx, place),
    pointer: place.pointer,
    labelId: s.labelId,
    attributes: { ...s.attrs, id: s.id },
    footnotes: () => {
      const f = ctx.value().fodnoter;
      return (typeof f === 'object' && f !== null ? f : {}) as Record<string, string>;
    },
    onChange: (text) => textChange(ctx, place, text),
  });
  s.wrap.querySelector('.etiket')?.addEventListener('click', () => view.focus());
  return s.wrap;
}

/** Frees the CodeMirror editors inside an element that is about to be removed. */
export function destroyEditors(root: Element): void {
  for (const e of root.querySelectorAll('.cm-editor')) EditorView.findFromDOM(e as HTMLElement)?.destroy();
}
