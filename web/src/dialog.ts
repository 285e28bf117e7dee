// One modal <dialog> for questions and results (native: focus stays inside, Esc closes).
import { el } from './schema-form/dom.js';

export interface Choice { text: string; primary?: boolean; run?: () => void | Promise<void> }

export function ask(title: string, body: Array<Node | string>, choices: Choice[]): void {
  const dialog = document.getElementById('dialog') as HTMLDialogElement;
  document.getElementById('dialog-titel')!.textContent = title;
  document.getElementById('dialog-tekst')!.replaceChildren(...body.map((b) => (typeof b === 'string' ? el('p', {}, b) : b)));
  const buttons = choices.map((c) => {
    const b = el('button', { type: 'button', class: `knap${c.primary ? ' primaer' : ''}` }, c.text);
    b.addEventListener('click', async () => {
      dialog.close();
      await c.run?.();
    });
    return b;
  });
  document.getElementById('dialog-knapper')!.replaceChildren(...buttons);
  if (!dialog.open) dialog.showModal();
  (buttons.find((_, i) => choices[i]!.primary) ?? buttons[0])?.focus();
}
