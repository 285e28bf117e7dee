import type { ListName } from './hints.js';
import type { Schema } from './schema.js';

/** What every part of the form gets: the schema, the live value and the ways to change it. */
export interface FormContext {
  root: Schema;
  /** The current value of the whole agreement. */
  value(): Record<string, unknown>;
  /** Ids (and names, where known) to choose from. */
  choices(list: ListName): Array<{ id: string; label: string }>;
  /** Sets (undefined: removes) the value at a pointer; the form has already shown it. */
  change(pointer: string, value: unknown): void;
  /** A list or map was re-drawn (add, remove, move): problems must be shown again. */
  redrawn(): void;
  /** A short message for screen readers (aria-live). */
  announce(message: string): void;
  /** Pointers of objects that are optional: emptied, they are removed from the value. */
  optionalObjects: Set<string>;
}

/** Where a field sits: its pointer, its label, the path of labels above it, and depth. */
export interface Place {
  pointer: string;
  label: string;
  path: string[];
  depth: number;
  required: boolean;
  description?: string;
}
