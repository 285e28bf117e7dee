// The form, generated from the JSON Schema: each schema node becomes a field (fields.ts),
// a group (object), an editable list (array: add, remove, move up/down) or a map of ids
// (personer, organisationer, fodnoter, perAar). Groups and lists are <fieldset>s with a
// heading in the legend and data-pointer, so a problem at a list lands there.
import { getAt, join } from '../pointer.js';
import type { FormContext, Place } from './context.js';
import { el, heading, newId } from './dom.js';
import { destroyEditors, enumField, fieldAttrs, markdownField, numberField, referenceField, textField } from './fields.js';
import { HIDDEN, enumLabel, itemName, mapKeyLabel, referenceList } from './hints.js';
import { emptyValue, kindOf, resolve, type Schema } from './schema.js';

export function renderForm(ctx: FormContext, host: HTMLElement): void {
  const r = resolve(ctx.root, ctx.root);
  const required = new Set(r.schema.required ?? []);
  host.replaceChildren();
  for (const [key, sub] of Object.entries(r.schema.properties ?? {})) {
    const pointer = join('', key);
    if (HIDDEN.has(pointer)) continue;
    host.append(renderNode(ctx, sub, placeFor(ctx, sub, pointer, [], 0, required.has(key))));
  }
}

function placeFor(ctx: FormContext, node: Schema, pointer: string, path: string[], depth: number, required: boolean, label?: string): Place {
  const s = resolve(ctx.root, node).schema;
  return { pointer, label: label ?? s.title ?? pointer.split('/').pop() ?? '', path, depth, required, description: s.description };
}

export function renderNode(ctx: FormContext, node: Schema, place: Place): HTMLElement {
  const r = resolve(ctx.root, node);
  const list = referenceList(place.pointer);
  if (list) return referenceField(ctx, place, list);
  switch (kindOf(r)) {
    case 'markdown': return markdownField(ctx, place);
    case 'textarea': return textField(ctx, place, r.schema, true);
    case 'text': return textField(ctx, place, r.schema, false);
    case 'number': return numberField(ctx, place);
    case 'enum': return enumField(ctx, place, r.schema.enum ?? []);
    case 'enum-set': return enumSet(ctx, r.schema, place);
    case 'object': return objectGroup(ctx, r.schema, place);
    case 'map': return mapGroup(ctx, r.schema, place);
    case 'array': return arrayGroup(ctx, r.schema, place);
  }
}

/** A fieldset with a heading, help, a problem element, and data-pointer (focusable by script). */
function group(place: Place, kind: string): { fs: HTMLFieldSetElement; body: HTMLElement } {
  const id = newId('g');
  const helpId = place.description ? `${id}-h` : undefined;
  const fs = el('fieldset', { class: `gruppe gruppe-${kind} dybde-${place.depth}`, tabindex: -1, ...fieldAttrs(place, helpId, `${id}-p`) });
  fs.append(el('legend', {}, el(heading(place.depth), {}, place.label)));
  if (helpId) fs.append(el('p', { id: helpId, class: 'hjaelp' }, place.description));
  fs.append(el('div', { id: `${id}-p`, class: 'problem-besked', hidden: true }));
  const body = el('div', { class: 'gruppe-indhold' });
  fs.append(body);
  return { fs, body };
}

function objectGroup(ctx: FormContext, schema: Schema, place: Place): HTMLElement {
  const { fs, body } = group(place, 'objekt');
  if (!place.required) ctx.optionalObjects.add(place.pointer);
  const required = new Set(schema.required ?? []);
  const path = [...place.path, place.label];
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    body.append(renderNode(ctx, sub, placeFor(ctx, sub, join(place.pointer, key), path, place.depth + 1, required.has(key))));
  }
  return fs;
}

function enumSet(ctx: FormContext, schema: Schema, place: Place): HTMLElement {
  const { fs, body } = group(place, 'afkrydsning');
  const values = resolve(ctx.root, schema.items).schema.enum ?? [];
  const current = (): unknown[] => {
    const v = getAt(ctx.value(), place.pointer);
    return Array.isArray(v) ? v : [];
  };
  for (const v of values) {
    const id = newId();
    const box = el('input', { id, type: 'checkbox' });
    box.checked = current().includes(v);
    box.addEventListener('change', () => {
      const now = new Set(current());
      if (box.checked) now.add(v); else now.delete(v);
      ctx.change(place.pointer, values.filter((x) => now.has(x)));
    });
    body.append(el('div', { class: 'afkrydsning' }, box, el('label', { for: id }, enumLabel(v))));
  }
  return fs;
}

/** The heading of a list item: "Aktivitet 2: Kontaktpersonordningen". */
function itemLabel(name: string, index: number, item: unknown): string {
  const base = `${name} ${index + 1}`;
  if (typeof item !== 'object' || item === null) return base;
  const o = item as Record<string, unknown>;
  const title = ['navn', 'kilde', 'stilling', 'indikator', 'kriterie', 'overskrift', 'version'].map((k) => o[k]).find((v) => typeof v === 'string' && v.trim() !== '');
  if (typeof title !== 'string') return base;
  return `${base}: ${title.length > 60 ? `${title.slice(0, 60)}…` : title}`;
}

function button(text: string, label: string, onClick: () => void, cls = ''): HTMLButtonElement {
  const b = el('button', { type: 'button', class: `knap-lille ${cls}`, 'aria-label': label === text ? undefined : label }, text);
  b.addEventListener('click', onClick);
  return b;
}

function hasContent(v: unknown): boolean {
  if (typeof v === 'string') return v.trim() !== '';
  if (typeof v === 'number') return true;
  if (Array.isArray(v)) return v.some(hasContent);
  if (typeof v === 'object' && v !== null) return Object.values(v).some(hasContent);
  return false;
}

function arrayGroup(ctx: FormContext, schema: Schema, place: Place): HTMLElement {
  const { fs, body } = group(place, 'liste');
  const itemSchema = schema.items ?? {};
  const name = itemName(place.label, resolve(ctx.root, itemSchema).schema.title);
  const lower = name.charAt(0).toLowerCase() + name.slice(1);
  const ol = el('ol', { class: 'liste' });
  const add = button(`Tilføj ${lower}`, `Tilføj ${lower} til ${place.label}`, () => {
    const items = current();
    items.push(emptyValue(ctx.root, itemSchema));
    ctx.change(place.pointer, items);
    fill();
    ctx.redrawn();
    const li = ol.lastElementChild;
    (li?.querySelector('input, select, textarea, [contenteditable="true"]') as HTMLElement | null)?.focus();
    ctx.announce(`${name} ${items.length} tilføjet.`);
  }, 'tilfoej');
  body.append(ol, add);

  const current = (): unknown[] => {
    const v = getAt(ctx.value(), place.pointer);
    return Array.isArray(v) ? v : [];
  };
  const move = (from: number, to: number, which: 'op' | 'ned'): void => {
    const items = current();
    if (to < 0 || to >= items.length) return;
    const [it] = items.splice(from, 1);
    items.splice(to, 0, it);
    ctx.change(place.pointer, items);
    fill();
    ctx.redrawn();
    const again = ol.children[to]?.querySelector<HTMLButtonElement>(`button.flyt-${which}:not([disabled])`)
      ?? ol.children[to]?.querySelector<HTMLButtonElement>('button.flyt-op:not([disabled]), button.flyt-ned:not([disabled])');
    again?.focus();
    ctx.announce(`${name} flyttet til plads ${to + 1}.`);
  };
  const remove = (index: number): void => {
    const items = current();
    const label = itemLabel(name, index, items[index]);
    const untouched = JSON.stringify(items[index]) === JSON.stringify(emptyValue(ctx.root, itemSchema));
    if (!untouched && hasContent(items[index]) && typeof items[index] === 'object' && !window.confirm(`Fjern ${label}? Teksten i den forsvinder fra aftalen.`)) return;
    items.splice(index, 1);
    ctx.change(place.pointer, items);
    fill();
    ctx.redrawn();
    (ol.children[Math.min(index, items.length - 1)]?.querySelector<HTMLButtonElement>('button.fjern') ?? add).focus();
    ctx.announce(`${label} fjernet.`);
  };

  const fill = (): void => {
    destroyEditors(ol);
    ol.replaceChildren();
    const items = current();
    const path = [...place.path, place.label];
    items.forEach((item, i) => {
      const label = itemLabel(name, i, item);
      const itemPlace = placeFor(ctx, itemSchema, join(place.pointer, i), path, place.depth + 1, true, label);
      const tools = el('div', { class: 'vaerktoej' },
        button('↑ Op', `Flyt ${label} op`, () => move(i, i - 1, 'op'), 'flyt-op'),
        button('↓ Ned', `Flyt ${label} ned`, () => move(i, i + 1, 'ned'), 'flyt-ned'),
        button('Fjern', `Fjern ${label}`, () => remove(i), 'fjern'));
      (tools.children[0] as HTMLButtonElement).disabled = i === 0;
      (tools.children[1] as HTMLButtonElement).disabled = i === items.length - 1;
      const li = el('li', { class: 'element' }, renderNode(ctx, itemSchema, itemPlace), tools);
      // The heading and the buttons name the item ("Aktivitet 2: Kontaktpersonordningen"): keep up with its name.
      li.addEventListener('input', () => {
        const now = itemLabel(name, i, current()[i]);
        const h = li.querySelector(':scope > fieldset > legend > :first-child');
        if (h && h.textContent !== now) h.textContent = now;
        const [up, down, rm] = [...tools.children] as HTMLButtonElement[];
        up?.setAttribute('aria-label', `Flyt ${now} op`);
        down?.setAttribute('aria-label', `Flyt ${now} ned`);
        rm?.setAttribute('aria-label', `Fjern ${now}`);
      });
      ol.append(li);
    });
  };
  fill();
  return fs;
}

function mapGroup(ctx: FormContext, schema: Schema, place: Place): HTMLElement {
  const { fs, body } = group(place, 'opslag');
  const valueSchema = (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {}) as Schema;
  const words = mapKeyLabel(place.pointer);
  const entries = el('div', { class: 'opslag-poster' });
  const current = (): Record<string, unknown> => {
    const v = getAt(ctx.value(), place.pointer);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  };
  const fill = (): void => {
    destroyEditors(entries);
    entries.replaceChildren();
    const path = [...place.path, place.label];
    for (const [key, v] of Object.entries(current())) {
      const navn = typeof v === 'object' && v !== null && typeof (v as { navn?: unknown }).navn === 'string' ? `${(v as { navn: string }).navn} (${key})` : key;
      const entryPlace = placeFor(ctx, valueSchema, join(place.pointer, key), path, place.depth + 1, true, navn);
      entries.append(el('div', { class: 'post' }, renderNode(ctx, valueSchema, entryPlace),
        el('div', { class: 'vaerktoej' }, button('Fjern', `Fjern ${navn}`, () => {
          const m = current();
          const untouched = JSON.stringify(m[key]) === JSON.stringify(emptyValue(ctx.root, valueSchema));
          if (!untouched && hasContent(m[key]) && !window.confirm(`Fjern ${navn}?`)) return;
          delete m[key];
          ctx.change(place.pointer, m);
          fill();
          ctx.redrawn();
          newKey.focus();
          ctx.announce(`${navn} fjernet.`);
        }, 'fjern'))));
    }
  };
  const keyId = newId();
  const newKey = el('input', { id: keyId, type: 'text', placeholder: words.placeholder, autocomplete: 'off', spellcheck: 'false' });
  const addButton = button(words.add, words.add, () => {
    const key = newKey.value.trim();
    const m = current();
    if (key === '') { newKey.focus(); return; }
    if (Object.hasOwn(m, key)) { ctx.announce(`${key} findes allerede.`); newKey.focus(); return; }
    m[key] = emptyValue(ctx.root, valueSchema);
    ctx.change(place.pointer, m);
    newKey.value = '';
    fill();
    ctx.redrawn();
    (entries.lastElementChild?.querySelector('input, select, textarea, [contenteditable="true"]') as HTMLElement | null)?.focus();
    ctx.announce(`${key} tilføjet.`);
  }, 'tilfoej');
  newKey.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); addButton.click(); } });
  body.append(entries, el('div', { class: 'ny-noegle' }, el('label', { for: keyId }, words.label), newKey, addButton));
  fill();
  return fs;
}
