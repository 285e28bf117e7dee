// Tiny DOM helpers for the form (no framework: the form is a tree of plain elements).

let counter = 0;
export const newId = (prefix = 'f'): string => `${prefix}${(counter += 1)}`;

type Attrs = Record<string, string | number | boolean | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Array<Node | string | undefined>
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'class') e.className = String(v);
    else if (k === 'text') e.textContent = String(v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== undefined) e.append(c);
  return e;
}

/** Heading level for a depth in the form (h2 for the top level, never past h6). */
export const heading = (depth: number): 'h2' | 'h3' | 'h4' | 'h5' | 'h6' =>
  (`h${Math.min(6, depth + 2)}` as 'h2' | 'h3' | 'h4' | 'h5' | 'h6');
