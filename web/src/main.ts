// delaftale edit, the page: loads the agreement from the local edit server, shows the form
// generated from the schema, checks and previews after each pause in typing, saves.
import './app.css';
import { ApiError, api, type Problem, type State } from './api.js';
import { ask } from './dialog.js';
import { Preview, type DocName } from './preview.js';
import { placeOf, showProblems } from './problems.js';
import { getAt, parent, setAt } from './pointer.js';
import type { FormContext } from './schema-form/context.js';
import { el } from './schema-form/dom.js';
import type { ListName } from './schema-form/hints.js';
import { renderForm } from './schema-form/render.js';
import type { Schema } from './schema-form/schema.js';

/** Pause in typing before the server checks and renders (ms). */
const DEBOUNCE_MS = 150;

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

const app = {
  file: '',
  hash: '',
  value: null as Record<string, unknown> | null,
  schema: {} as Schema,
  lists: { personer: [] as string[], organisationer: [] as string[] },
  approved: false,
  dirty: false,
  changes: 0,
  seq: 0,
  problems: [] as Problem[],
  timer: undefined as number | undefined,
  saving: false,
};

const form = $<HTMLFormElement>('formular');
const preview = new Preview($('faner'), $('fanepaneler'));

function announce(message: string): void {
  const live = $('meddelelse');
  live.textContent = '';
  window.setTimeout(() => { live.textContent = message; }, 30);
}

function setStatus(text: string, kind: '' | 'ikke-gemt' | 'fejl' = ''): void {
  const s = $('gem-status');
  if (s.textContent === text) return; // a live region: say it once, not at every keystroke
  s.textContent = text;
  s.className = `gem-status ${kind}`;
}

function setDirty(dirty: boolean): void {
  app.dirty = dirty;
  const name = app.file.split(/[\\/]/).pop() ?? '';
  document.title = `${dirty ? '• ' : ''}${name} – delaftale`;
  if (dirty) setStatus('● Ikke gemte ændringer', 'ikke-gemt');
}

function applyProblems(problems: Problem[]): void {
  app.problems = problems;
  showProblems(form, $('problem-liste'), $('problem-opsummering'), problems, app.file);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function removeEmptyOptional(pointer: string): void {
  let p = parent(pointer);
  while (p !== '' && ctx.optionalObjects.has(p)) {
    const v = getAt(app.value, p);
    if (typeof v !== 'object' || v === null || Object.keys(v).length > 0) return;
    setAt(app.value, p, undefined);
    p = parent(p);
  }
}

const ctx: FormContext = {
  root: {} as Schema,
  value: () => app.value ?? {},
  choices(list: ListName) {
    const own = (app.value?.[list] ?? {}) as Record<string, { navn?: unknown }>;
    const ids = [...new Set([...app.lists[list], ...Object.keys(own)])];
    return ids.map((id) => {
      const navn = own[id]?.navn;
      return { id, label: typeof navn === 'string' && navn !== '' ? `${navn} (${id})` : id };
    });
  },
  change(pointer, value) {
    if (!app.value) return;
    setAt(app.value, pointer, value);
    if (value === undefined) removeEmptyOptional(pointer);
    app.changes += 1;
    setDirty(true);
    schedule();
  },
  redrawn() { applyProblems(app.problems); },
  announce,
  optionalObjects: new Set<string>(),
};

function schedule(delay = DEBOUNCE_MS): void {
  window.clearTimeout(app.timer);
  app.timer = window.setTimeout(() => void refresh(), delay);
}

/** Checks and previews the value as it is now; only the newest answer is shown. */
async function refresh(): Promise<void> {
  if (!app.value) return;
  const seq = (app.seq += 1);
  const value = app.value;
  api.check(value).then((r) => { if (seq === app.seq) applyProblems(r.problems); }, () => {});
  try {
    const r = await api.preview(value);
    if ('superseded' in r) return;
    if (seq === app.seq) applyProblems(r.problems);
    if (r.version !== null) preview.update(r.documents.map((d) => ({ ...d, name: d.name as DocName })), r.version);
  } catch (e) {
    if (seq === app.seq) setStatus(`Forhåndsvisningen fejlede: ${(e as Error).message}`, 'fejl');
  }
}

function showApproved(): void {
  const banner = $('godkendt');
  if (!app.approved) { banner.hidden = true; return; }
  const rev = (app.value?.revision ?? {}) as { version?: string; godkendt?: { dato?: string; af?: string } };
  const start = el('button', { type: 'button', class: 'knap' }, 'Start næste version');
  start.addEventListener('click', () => void nextVersion());
  banner.replaceChildren(
    el('p', {}, `Version ${rev.version ?? ''} er godkendt${rev.godkendt?.af ? ` af ${rev.godkendt.af}` : ''}${rev.godkendt?.dato ? ` den ${rev.godkendt.dato}` : ''}. Ændringer gemmes som en ny version.`),
    start);
  banner.hidden = false;
}

function load(state: State): void {
  app.file = state.file;
  app.hash = state.hash;
  app.value = isObject(state.value) ? state.value : null;
  app.schema = state.schema as Schema;
  app.lists = state.lists;
  app.approved = state.approved;
  app.changes = 0;
  ctx.root = app.schema;
  ctx.optionalObjects.clear();
  $('fil').textContent = state.file;
  form.replaceChildren();
  if (!app.value) {
    const again = el('button', { type: 'button', class: 'knap' }, 'Genindlæs');
    again.addEventListener('click', () => void reload());
    form.append(el('div', { class: 'ikke-json', 'data-pointer': '', 'data-problem': 'fil-problem', tabindex: -1, 'data-label': 'Filen' },
      el('h2', {}, 'Filen kan ikke læses som JSON'),
      el('p', {}, 'Ret fejlen nedenfor i en teksteditor, gem filen, og tryk Genindlæs.'),
      el('div', { id: 'fil-problem', class: 'problem-besked', hidden: true }),
      again));
    preview.notice('Ingen forhåndsvisning: filen kan ikke læses som JSON.');
  } else {
    renderForm(ctx, form);
  }
  sections();
  applyProblems(state.problems);
  setDirty(false);
  setStatus('Alle ændringer er gemt');
  showApproved();
  if (app.value) schedule(0);
}

/** "Gå til afsnit": links to the form's top-level groups, for a long form. */
function sections(): void {
  const details = $<HTMLDetailsElement>('afsnit');
  const groups = [...form.querySelectorAll<HTMLElement>('fieldset.dybde-0')];
  $('afsnit-liste').replaceChildren(...groups.map((g) => {
    const a = el('a', { href: '#' }, g.querySelector('legend')?.textContent ?? '');
    a.addEventListener('click', (e) => {
      e.preventDefault();
      details.open = false;
      g.scrollIntoView({ block: 'start' });
      g.focus({ preventScroll: true });
    });
    return el('li', {}, a);
  }));
}

async function reload(): Promise<void> {
  try {
    load(await api.reload());
    form.querySelector<HTMLElement>('[data-pointer]')?.focus();
    announce('Filen er genindlæst fra disken.');
  } catch (e) {
    setStatus(`Genindlæsning fejlede: ${(e as Error).message}`, 'fejl');
  }
}

async function nextVersion(): Promise<void> {
  if (!app.value) return;
  try {
    const r = await api.nextVersion(app.value);
    app.value = r.value;
    app.approved = false;
    ctx.optionalObjects.clear();
    renderForm(ctx, form);
    applyProblems(app.problems);
    showApproved();
    app.changes += 1;
    setDirty(true);
    const version = (r.value.revision as { version?: string } | undefined)?.version ?? '';
    setStatus(`● Version ${version} er startet og ikke gemt`, 'ikke-gemt');
    announce(`Version ${version} er startet. Tryk Gem for at gemme den.`);
    schedule(0);
  } catch (e) {
    ask('Næste version kunne ikke startes', [(e as Error).message], [{ text: 'OK', primary: true }]);
  }
}

async function save(): Promise<void> {
  if (!app.value || app.saving) return;
  app.saving = true;
  const changesAtStart = app.changes;
  setStatus('Gemmer …');
  try {
    const r = await api.save(app.value, app.hash);
    app.hash = r.hash;
    if (app.changes === changesAtStart) {
      setDirty(false);
      const time = new Date().toLocaleTimeString('da-DK', { hour: '2-digit', minute: '2-digit' });
      setStatus(`Gemt kl. ${time}`);
      announce('Gemt.');
    } else {
      setDirty(true);
    }
  } catch (e) {
    setDirty(true);
    const err = e as ApiError;
    if (err.status === 409 && err.body?.reason === 'changed-on-disk') {
      ask('Filen er ændret på disken', [
        err.message,
        'Genindlæs henter filen, som den er nu. Dine ændringer her, som ikke er gemt, forsvinder.',
      ], [{ text: 'Genindlæs', primary: true, run: reload }, { text: 'Annullér' }]);
    } else if (err.status === 409 && err.body?.reason === 'approved') {
      ask('Versionen er godkendt', [
        err.message,
        'Start næste version: versionsnummeret hæves, datoen bliver i dag, og godkendelsen flyttes til historikken. Gem derefter.',
      ], [{ text: 'Start næste version', primary: true, run: nextVersion }, { text: 'Annullér' }]);
    } else {
      setStatus(`Ikke gemt: ${err.message}`, 'fejl');
      ask('Filen blev ikke gemt', [err.message], [{ text: 'OK', primary: true }]);
    }
  } finally {
    app.saving = false;
  }
}

async function build(): Promise<void> {
  const button = $<HTMLButtonElement>('dan');
  button.disabled = true;
  setStatus('Danner filer …');
  try {
    const r = await api.build();
    const body: Array<Node | string> = [r.message];
    if (app.dirty) body.push('Bemærk: filerne er dannet af den gemte fil. Ændringer, der ikke er gemt, er ikke med.');
    if (r.files.length) body.push(el('ul', { class: 'filer' }, ...r.files.map((f) => el('li', {}, el('code', {}, f)))));
    if (r.problems.length) body.push(el('ul', { class: 'byg-problemer' }, ...r.problems.map((p) => el('li', { class: `problem-${p.severity}` }, el('strong', {}, `${p.severity === 'fejl' ? 'Fejl' : 'Advarsel'}: `), `${p.file && p.file !== app.file ? `${p.file} ${p.pointer}` : placeOf(form, p.pointer)}: ${p.message}`))));
    ask(r.files.length ? 'Filerne er dannet' : 'Ingen filer dannet', body, [{ text: 'OK', primary: true }]);
    setStatus(app.dirty ? '● Ikke gemte ændringer' : 'Alle ændringer er gemt', app.dirty ? 'ikke-gemt' : '');
  } catch (e) {
    setStatus('Filerne blev ikke dannet', 'fejl');
    ask('Filerne blev ikke dannet', [(e as Error).message], [{ text: 'OK', primary: true }]);
  } finally {
    button.disabled = false;
  }
}

async function changes(): Promise<void> {
  if (!app.value) return;
  try {
    const r = await api.changes(app.value);
    if (r.url) {
      preview.showChanges(r.url);
      announce('Ændringsrapporten vises under fanen Ændringer.');
    } else {
      ask('Ingen ændringsrapport', [r.message ?? 'Der er ingen godkendt version at sammenligne med.'], [{ text: 'OK', primary: true }]);
    }
  } catch (e) {
    ask('Ændringerne kunne ikke vises', [(e as Error).message], [{ text: 'OK', primary: true }]);
  }
}

$('gem').addEventListener('click', () => void save());
$('dan').addEventListener('click', () => void build());
$('vis-aendringer').addEventListener('click', () => void changes());
document.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
    e.preventDefault();
    void save();
  }
});
window.addEventListener('beforeunload', (e) => {
  if (!app.dirty) return;
  e.preventDefault();
  e.returnValue = '';
});
form.addEventListener('submit', (e) => e.preventDefault());

api.state().then(load, (e: unknown) => {
  setStatus(`Kunne ikke hente aftalen: ${(e as Error).message}`, 'fejl');
});
