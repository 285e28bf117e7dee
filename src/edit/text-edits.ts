import { applyEdits, findNodeAtLocation, modify, parseTree, type FormattingOptions, type JSONPath, type Node } from 'jsonc-parser';

/**
 * The form sends the whole value; the file is saved by editing its text, not by writing
 * JSON.stringify(value): a secretariat's file keeps its own layout, key order and anything
 * else a person wrote, and a version-control diff shows only what changed. Each changed
 * leaf (or an inserted or removed subtree) becomes one edit at the place jsonc-parser's
 * syntax tree gives, applied one after another to the text; everything else stays byte for
 * byte. The edits are spliced here rather than made by jsonc-parser's `modify`: its
 * formatting re-lays out whole lines (an unchanged neighbour on the same line too), and its
 * removal of an array's last element assumes "\n]" (it cuts "[0, false]" to "[0e]" and
 * leaves a stray "\n" in a CRLF file).
 */

/** The file's own indentation and line ending, for the parts that are inserted. */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indents = [...text.matchAll(/\n([ \t]+)\S/g)].map((m) => m[1]!);
  const tabs = indents.length > 0 && indents.filter((i) => i.startsWith('\t')).length > indents.length / 2;
  const spaces = indents.filter((i) => !i.startsWith('\t')).map((i) => i.length);
  const tabSize = tabs ? 1 : spaces.length > 0 ? Math.min(...spaces) : 2;
  return { insertSpaces: !tabs, tabSize, eol };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** The whitespace a line begins with, for the line holding `offset`. */
function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** Whether the node at `offset` is the first thing on its line (the container is laid out one child per line). */
function startsLine(text: string, offset: number): boolean {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return start > 0 && /^[ \t]*$/.test(text.slice(start, offset));
}

/**
 * `text` (whose JSON value is `old`) edited so that its value becomes `value`.
 * Precondition: `old` is JSON.parse(text). Inserted parts are laid out as the file is
 * (one child per line with its indentation and line ending, or inline where the container
 * is inline); jsonc-parser's own formatting is not used, as it re-lays out whole lines,
 * including an unchanged neighbour on the same line.
 */
export function applyValue(text: string, old: unknown, value: unknown): string {
  const f = detectFormatting(text);
  const eol = f.eol ?? '\n';
  const unit = f.insertSpaces ? ' '.repeat(f.tabSize ?? 2) : '\t';
  /** A value as text whose continuation lines start at `indent`. */
  const layout = (v: unknown, indent: string): string => JSON.stringify(v, null, unit).split('\n').join(eol + indent);
  let out = text;
  const splice = (offset: number, length: number, content: string) => {
    out = out.slice(0, offset) + content + out.slice(offset + length);
  };
  const nodeAt = (path: JSONPath): Node => {
    const node = findNodeAtLocation(parseTree(out)!, path);
    if (!node) throw new Error(`${JSON.stringify(path)} findes ikke i teksten`);
    return node;
  };
  /**
   * A child taken out with the separator before it (after it, for the first), so the
   * neighbours' lines stay as they were; the last child leaves `{}` or `[]`. (jsonc-parser's
   * own removal of an array's last element assumes the file ends its lines with "\n".)
   */
  const remove = (path: JSONPath) => {
    const node = nodeAt(path);
    const child = node.parent?.type === 'property' ? node.parent : node;
    const container = child.parent!;
    const siblings = container.children!;
    const k = siblings.indexOf(child);
    if (siblings.length === 1) splice(container.offset + 1, container.length - 2, '');
    else if (k > 0) {
      const previous = siblings[k - 1]!;
      splice(previous.offset + previous.length, child.offset + child.length - (previous.offset + previous.length), '');
    } else splice(child.offset, siblings[1]!.offset - child.offset, '');
  };
  const replace = (path: JSONPath, v: unknown) => {
    const node = nodeAt(path);
    splice(node.offset, node.length, layout(v, lineIndent(out, node.offset)));
  };
  /** A new child of the container at `path`, before child `index` (or last); `key` for an object. */
  const insert = (path: JSONPath, index: number, v: unknown, key?: string) => {
    const container = nodeAt(path);
    const children = container.children ?? [];
    const piece = (indent: string) => `${key === undefined ? '' : `${JSON.stringify(key)}: `}${layout(v, indent)}`;
    if (children.length === 0) {
      const inside = out.slice(container.offset + 1, container.offset + container.length - 1);
      if (inside.trim() !== '') {
        // Only comments inside: let jsonc-parser place it.
        out = applyEdits(out, modify(out, key === undefined ? [...path, 0] : [...path, key], v, { isArrayInsertion: true }));
        return;
      }
      const base = lineIndent(out, container.offset);
      splice(container.offset + 1, inside.length, `${eol}${base}${unit}${piece(base + unit)}${eol}${base}`);
      return;
    }
    const at = index < children.length ? children[index]! : children[children.length - 1]!;
    const multiline = startsLine(out, at.offset);
    const indent = multiline ? lineIndent(out, at.offset) : '';
    if (index < children.length) splice(at.offset, 0, multiline ? `${piece(indent)},${eol}${indent}` : `${piece(indent)}, `);
    else splice(at.offset + at.length, 0, multiline ? `,${eol}${indent}${piece(indent)}` : `, ${piece(indent)}`);
  };

  const walk = (path: JSONPath, a: unknown, b: unknown): void => {
    if (deepEqual(a, b)) return;
    if (isObject(a) && isObject(b)) {
      for (const key of Object.keys(a)) if (!Object.hasOwn(b, key)) remove([...path, key]);
      const present = Object.keys(a).filter((k) => Object.hasOwn(b, k));
      const wanted = Object.keys(b);
      wanted.forEach((key, i) => {
        if (Object.hasOwn(a, key)) return walk([...path, key], a[key], b[key]);
        // A new key goes after the key that precedes it in the form's order (the schema's order), if that is in the file.
        const before = wanted.slice(0, i).reverse().find((k) => present.includes(k));
        const index = before === undefined ? 0 : present.indexOf(before) + 1;
        insert(path, index, b[key], key);
        present.splice(index, 0, key);
      });
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) return walkArray(path, a, b);
    // A changed leaf, a changed type, or the root replaced: the value as a whole.
    if (path.length === 0) {
      const node = parseTree(out);
      splice(node?.offset ?? 0, node?.length ?? out.length, layout(b, ''));
      return;
    }
    replace(path, b);
  };

  /**
   * Elements equal in both arrays are kept where they are (longest common subsequence);
   * between them, old and new elements are paired in order and edited in place, and the
   * rest removed or inserted. Done from the end, so the indices still to do are unchanged.
   */
  const walkArray = (path: JSONPath, a: unknown[], b: unknown[]): void => {
    const n = a.length;
    const m = b.length;
    const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) lcs[i]![j] = deepEqual(a[i], b[j]) ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
    // Matched pairs, then the gaps between them.
    const pairs: [number, number][] = [];
    for (let i = 0, j = 0; i < n && j < m;) {
      if (deepEqual(a[i], b[j])) {
        pairs.push([i, j]);
        i++;
        j++;
      } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) i++;
      else j++;
    }
    pairs.push([n, m]);
    for (let p = pairs.length - 1; p >= 0; p--) {
      const [ei, ej] = pairs[p]!;
      const [si, sj] = p === 0 ? [0, 0] : [pairs[p - 1]![0] + 1, pairs[p - 1]![1] + 1];
      const olds = ei - si;
      const news = ej - sj;
      const both = Math.min(olds, news);
      // Extra new elements after the paired ones, inserted last first at the same index.
      for (let k = news - 1; k >= both; k--) insert(path, si + both, b[sj + k]);
      for (let k = olds - 1; k >= both; k--) remove([...path, si + k]);
      for (let k = both - 1; k >= 0; k--) walk([...path, si + k], a[si + k], b[sj + k]);
    }
  };

  walk([], old, value);
  return out;
}
