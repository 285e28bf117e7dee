// JSON pointers (RFC 6901) without the leading '#', as the server's problems carry them.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function escapeSegment(s: string): string {
  return s.replaceAll('~', '~0').replaceAll('/', '~1');
}

export function segments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

export function join(pointer: string, segment: string | number): string {
  return `${pointer}/${escapeSegment(String(segment))}`;
}

/** The pointer one level up ('' for the root and its children's parent). */
export function parent(pointer: string): string {
  const i = pointer.lastIndexOf('/');
  return i <= 0 ? '' : pointer.slice(0, i);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function getAt(root: unknown, pointer: string): unknown {
  let cur: unknown = root;
  for (const s of segments(pointer)) {
    if (Array.isArray(cur)) cur = cur[Number(s)];
    else if (isObject(cur) && Object.hasOwn(cur, s)) cur = cur[s];
    else return undefined;
  }
  return cur;
}

/**
 * Sets (or with `undefined` deletes) the value at `pointer`, creating the objects on the way.
 * Returns the root (the same object, changed in place).
 */
export function setAt(root: unknown, pointer: string, value: unknown): unknown {
  const segs = segments(pointer);
  if (segs.length === 0) return value;
  let cur = root as Record<string, unknown> | unknown[];
  for (let i = 0; i < segs.length - 1; i += 1) {
    const s = segs[i]!;
    const next = Array.isArray(cur) ? cur[Number(s)] : cur[s];
    if (typeof next !== 'object' || next === null) {
      if (value === undefined) return root; // nothing to delete
      const made = {};
      if (Array.isArray(cur)) cur[Number(s)] = made;
      else cur[s] = made;
      cur = made;
    } else {
      cur = next as Record<string, unknown> | unknown[];
    }
  }
  const last = segs[segs.length - 1]!;
  if (Array.isArray(cur)) {
    if (value === undefined) cur.splice(Number(last), 1);
    else cur[Number(last)] = value;
  } else if (value === undefined) {
    delete cur[last];
  } else {
    cur[last] = value;
  }
  return root;
}
