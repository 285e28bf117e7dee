import { diffArrays, diffWordsWithSpace } from 'diff';

/** One piece of a word-level diff: unchanged, inserted or deleted text. */
export interface Segment {
  kind: 'same' | 'ins' | 'del';
  text: string;
}

/** Word-level diff (jsdiff's diffWordsWithSpace: words, spaces and punctuation are tokens). */
export function wordDiff(a: string, b: string): Segment[] {
  const out: Segment[] = [];
  for (const c of diffWordsWithSpace(a, b)) {
    const kind = c.added ? 'ins' : c.removed ? 'del' : 'same';
    const last = out.at(-1);
    if (last && last.kind === kind) last.text += c.value;
    else out.push({ kind, text: c.value });
  }
  return tidy(out);
}

/**
 * One replacement per changed stretch, deletion first (as wdiff and Word show it), and a
 * number stays whole: "1.928" → "2.028" is one replacement, not 1→2 and 928→028 around a
 * kept ".", so unchanged punctuation of up to two characters, or one space, between changes is absorbed.
 */
function tidy(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  let del = '';
  let ins = '';
  const flush = () => {
    if (del) out.push({ kind: 'del', text: del });
    if (ins) out.push({ kind: 'ins', text: ins });
    del = ins = '';
  };
  segments.forEach((s, i) => {
    const inChange = del !== '' || ins !== '';
    const next = segments[i + 1];
    if (s.kind === 'del') del += s.text;
    else if (s.kind === 'ins') ins += s.text;
    else if (inChange && next && next.kind !== 'same' && /^(?:[^\s\p{L}\p{N}]{1,2}| )$/u.test(s.text)) {
      del += s.text;
      ins += s.text;
    } else {
      flush();
      out.push(s);
    }
  });
  flush();
  return wholeWords(out);
}

/** A change inside a word (between non-spaces) takes the whole word: "3.[-100-]{+000+}" → "[-3.100-]{+3.000+}". */
function wholeWords(segments: Segment[]): Segment[] {
  const out = segments.map((s) => ({ ...s }));
  for (let i = 0; i < out.length; i++) {
    if (out[i]!.kind === 'same') continue;
    let j = i;
    while (j + 1 < out.length && out[j + 1]!.kind !== 'same') j++;
    const before = out[i - 1];
    const after = out[j + 1];
    const changed = out.slice(i, j + 1);
    const lead = before ? /\S+$/.exec(before.text)?.[0] ?? '' : '';
    const trail = after ? /^\S+/.exec(after.text)?.[0] ?? '' : '';
    const del = changed.find((s) => s.kind === 'del')?.text ?? '';
    const ins = changed.find((s) => s.kind === 'ins')?.text ?? '';
    const touches = (t: string, side: 'start' | 'end') => t !== '' && /\S/.test(side === 'start' ? t[0]! : t.at(-1)!);
    const pullLead = lead !== '' && (touches(del, 'start') || touches(ins, 'start'));
    const pullTrail = trail !== '' && (touches(del, 'end') || touches(ins, 'end'));
    if (!pullLead && !pullTrail) {
      i = j;
      continue;
    }
    const l = pullLead ? lead : '';
    const t = pullTrail ? trail : '';
    if (pullLead) before!.text = before!.text.slice(0, -lead.length);
    if (pullTrail) after!.text = after!.text.slice(trail.length);
    const replacement: Segment[] = [];
    if (del || l || t) replacement.push({ kind: 'del', text: l + del + t });
    if (ins || l || t) replacement.push({ kind: 'ins', text: l + ins + t });
    out.splice(i, j - i + 1, ...replacement);
    i += replacement.length - 1;
  }
  return out.filter((s) => s.text !== '');
}

/** 0…1: the share of the two texts' characters that the word diff keeps. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length + b.length === 0) return 1;
  const same = wordDiff(a, b).filter((s) => s.kind === 'same' && /\S/.test(s.text)).reduce((n, s) => n + s.text.length, 0);
  return (2 * same) / (a.length + b.length);
}

export type Aligned<T> =
  | { op: 'same'; old: T; new: T; oldIndex: number; newIndex: number }
  | { op: 'changed'; old: T; new: T; oldIndex: number; newIndex: number }
  | { op: 'added'; new: T; newIndex: number }
  | { op: 'removed'; old: T; oldIndex: number };

/**
 * Aligns two lists in order: equal keys match (longest common subsequence), and within
 * each stretch that differs, an old and a new item are the same item changed when they are
 * similar enough (so a reworded row or a renamed activity is a change, not a removal
 * plus an addition). Removed items come before the addition or change that follows them.
 */
export function alignLists<T>(
  oldList: readonly T[],
  newList: readonly T[],
  key: (item: T) => string,
  similar: (a: T, b: T) => number,
  threshold = 0.5,
  /** Pair a stretch of n removals and n additions one to one, however different (for paragraphs). */
  pairEqual = false,
): Aligned<T>[] {
  const out: Aligned<T>[] = [];
  let oi = 0;
  let ni = 0;
  const chunks = diffArrays(oldList.map(key), newList.map(key));
  for (let c = 0; c < chunks.length; c++) {
    const chunk = chunks[c]!;
    const count = chunk.count ?? chunk.value.length;
    if (!chunk.added && !chunk.removed) {
      for (let k = 0; k < count; k++, oi++, ni++) out.push({ op: 'same', old: oldList[oi]!, new: newList[ni]!, oldIndex: oi, newIndex: ni });
      continue;
    }
    // A stretch of removals and additions (in either order) up to the next equal chunk.
    let removed = 0;
    let added = 0;
    for (; c < chunks.length && (chunks[c]!.added || chunks[c]!.removed); c++) {
      const n = chunks[c]!.count ?? chunks[c]!.value.length;
      if (chunks[c]!.added) added += n;
      else removed += n;
    }
    c--;
    const olds = Array.from({ length: removed }, (_, k) => oi + k);
    const news = Array.from({ length: added }, (_, k) => ni + k);
    if (pairEqual && removed === added) {
      olds.forEach((o, k) => out.push({ op: 'changed', old: oldList[o]!, new: newList[news[k]!]!, oldIndex: o, newIndex: news[k]! }));
      oi += removed;
      ni += added;
      continue;
    }
    let p = 0;
    for (const n of news) {
      let best = -1;
      let bestScore = threshold;
      for (let j = p; j < olds.length; j++) {
        const score = similar(oldList[olds[j]!]!, newList[n]!);
        if (score >= bestScore && (best < 0 || score > bestScore)) {
          best = j;
          bestScore = score;
        }
      }
      if (best < 0) {
        out.push({ op: 'added', new: newList[n]!, newIndex: n });
        continue;
      }
      for (; p < best; p++) out.push({ op: 'removed', old: oldList[olds[p]!]!, oldIndex: olds[p]! });
      out.push({ op: 'changed', old: oldList[olds[best]!]!, new: newList[n]!, oldIndex: olds[best]!, newIndex: n });
      p = best + 1;
    }
    for (; p < olds.length; p++) out.push({ op: 'removed', old: oldList[olds[p]!]!, oldIndex: olds[p]! });
    oi += removed;
    ni += added;
  }
  return out;
}

/**
 * The changed places of a text diff with a few words of context on each side, wdiff
 * style: `… words [-deleted-]{+inserted+} words …`. Line breaks are shown as " / ".
 * `mark` wraps the changed parts (for colour or Markdown escaping).
 */
export function hunks(
  segments: readonly Segment[],
  mark: { del: (s: string) => string; ins: (s: string) => string; same: (s: string) => string } = plainMarks,
  context = 5,
): string[] {
  const flat = (s: string) => s.replace(/\s*\n\s*/g, ' / ').replace(/[ \t]+/g, ' ');
  const words = (s: string) => s.split(/(?<=\S)(?=\s)|(?<=\s)(?=\S)/);
  const changes = segments.map((s, i) => (s.kind === 'same' ? -1 : i)).filter((i) => i >= 0);
  if (changes.length === 0) return [];
  // Group changes whose unchanged gap is short enough to show whole.
  const groups: [number, number][] = [];
  for (const i of changes) {
    const last = groups.at(-1);
    if (last && (i === last[1] + 1 || (i === last[1] + 2 && countWords(segments[last[1] + 1]!.text) <= 2 * context))) last[1] = i;
    else groups.push([i, i]);
  }
  return groups.map(([from, to]) => {
    let text = '';
    const before = segments[from - 1];
    if (before) {
      const w = words(before.text);
      const tail = takeWords(w, context, 'end');
      text += (tail.length < w.length ? '… ' : '') + mark.same(flat(tail.join('')).replace(/^ \/ /, '').trimStart());
    }
    for (let i = from; i <= to; i++) {
      const s = segments[i]!;
      text += s.kind === 'same' ? mark.same(flat(s.text)) : s.kind === 'del' ? mark.del(flat(s.text)) : mark.ins(flat(s.text));
    }
    const after = segments[to + 1];
    if (after) {
      const w = words(after.text);
      const head = takeWords(w, context, 'start');
      text += mark.same(flat(head.join('')).replace(/ \/ $/, '').trimEnd()) + (head.length < w.length ? ' …' : '');
    }
    return text.trim();
  });
}

export const plainMarks = {
  del: (s: string) => `[-${s}-]`,
  ins: (s: string) => `{+${s}+}`,
  same: (s: string) => s,
};

function countWords(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

/** `n` words (with the spaces between them) from the start or end of a token list. */
function takeWords(tokens: string[], n: number, from: 'start' | 'end'): string[] {
  const list = from === 'start' ? tokens : [...tokens].reverse();
  const taken: string[] = [];
  let seen = 0;
  for (const t of list) {
    if (/\S/.test(t)) {
      if (seen === n) break;
      seen++;
    }
    taken.push(t);
  }
  return from === 'start' ? taken : taken.reverse();
}
