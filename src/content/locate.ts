import { findNodeAtLocation, type Node } from 'jsonc-parser';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** 1-based line and column of a UTF-16 offset in text. */
export function locate(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * The node at a pointer's segments, each read as its node needs: an index into an array,
 * a key into an object, also a key of digits such as a year ("perAar/2019").
 */
function nodeAt(tree: Node, segments: string[]): Node | undefined {
  let node: Node | undefined = tree;
  for (const seg of segments) node = node && findNodeAtLocation(node, [node.type === 'array' ? Number(seg) : seg]);
  return node;
}

/**
 * Where a JSON pointer sits in the source: the value's first character, or, with
 * `key`, the property name (so "unknown key" points at the key itself).
 * Falls back to the nearest existing ancestor.
 */
export function locatePointer(tree: Node, text: string, pointer: string, key?: string): { line: number; column: number } {
  const segments = pointerSegments(pointer);
  if (key !== undefined) {
    const parent = nodeAt(tree, segments);
    const prop = parent?.children?.find((p) => p.children?.[0]?.value === key);
    if (prop) return locate(text, prop.offset);
  }
  for (let n = segments.length; n >= 0; n--) {
    const node = nodeAt(tree, segments.slice(0, n));
    if (node) {
      // A value's location is more useful as its property's, which includes the key.
      const at = node.parent?.type === 'property' ? node.parent.offset : node.offset;
      return locate(text, at);
    }
  }
  return { line: 1, column: 1 };
}

/**
 * The line:column in the file of character `index` of the decoded string value at
 * `pointer`. A JSON string is one source line, but its escapes (\n, \u00e6, \") are
 * longer than the characters they stand for, so the source is walked escape by escape.
 * Falls back to the value's own place when the pointer is not a string.
 */
export function locateInString(tree: Node, text: string, pointer: string, index: number): { line: number; column: number } {
  const node = nodeAt(tree, pointerSegments(pointer));
  if (!node || node.type !== 'string') return locatePointer(tree, text, pointer);
  let at = node.offset + 1;
  const end = node.offset + node.length - 1;
  for (let decoded = 0; decoded < index && at < end; decoded++) {
    if (text.charCodeAt(at) !== 92) at += 1;
    else at += text[at + 1] === 'u' ? 6 : 2;
  }
  return locate(text, at);
}

/** line:column of a diagnostic with a pointer: the character at `offset`, else the value. */
export function place(tree: Node, text: string, d: Diagnostic): { line?: number; column?: number } {
  if (d.pointer === undefined) return {};
  return d.offset !== undefined ? locateInString(tree, text, d.pointer, d.offset) : locatePointer(tree, text, d.pointer);
}
