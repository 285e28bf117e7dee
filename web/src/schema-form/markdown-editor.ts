// A Markdown field: CodeMirror 6 with the Markdown language (headings, lists, emphasis shown
// as such), footnote references [^id] marked, and completion of the footnotes the agreement
// defines after "[^". Tab is left to the browser, so Tab moves on to the next field.
import { autocompletion, completionKeymap, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { markdown, markdownLanguage } from '@codemirror/lang-markdown';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { Decoration, EditorView, MatchDecorator, ViewPlugin, keymap, placeholder, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import { tags } from '@lezer/highlight';

const style = HighlightStyle.define([
  { tag: tags.heading1, fontWeight: '700', fontSize: '1.25em' },
  { tag: tags.heading2, fontWeight: '700', fontSize: '1.15em' },
  { tag: [tags.heading3, tags.heading4, tags.heading5, tags.heading6], fontWeight: '700' },
  { tag: tags.emphasis, fontStyle: 'italic' },
  { tag: tags.strong, fontWeight: '700' },
  { tag: tags.processingInstruction, color: '#0b5394', fontWeight: '700' },
  { tag: [tags.link, tags.url], color: '#0b5394', textDecoration: 'underline' },
  { tag: tags.quote, color: '#444', fontStyle: 'italic' },
  { tag: tags.monospace, fontFamily: 'monospace' },
]);

const footnoteMarks = new MatchDecorator({
  regexp: /\[\^[^\]\s]+\]/g,
  decoration: () => Decoration.mark({ class: 'cm-fodnote' }),
});

const footnotePlugin = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) { this.decorations = footnoteMarks.createDeco(view); }
    update(u: ViewUpdate) { this.decorations = footnoteMarks.updateDeco(u, this.decorations); }
  },
  { decorations: (v) => v.decorations },
);

export interface MarkdownOptions {
  parent: HTMLElement;
  text: string;
  pointer: string;
  labelId: string;
  attributes: Record<string, string>;
  /** The footnotes defined now: id → text. */
  footnotes: () => Record<string, string>;
  onChange: (text: string) => void;
}

function footnoteSource(footnotes: () => Record<string, string>) {
  return (ctx: CompletionContext): CompletionResult | null => {
    const before = ctx.matchBefore(/\[\^[^\]\s]*/);
    if (!before) return null;
    const notes = footnotes();
    return {
      from: before.from,
      validFor: /^\[\^[^\]\s]*$/,
      options: Object.entries(notes).map(([id, text]) => ({
        label: `[^${id}]`,
        detail: text.length > 60 ? `${text.slice(0, 60)}…` : text,
        type: 'text',
      })),
    };
  };
}

export function markdownEditor(o: MarkdownOptions): EditorView {
  let lastText = o.text;
  return new EditorView({
    parent: o.parent,
    state: EditorState.create({
      doc: o.text,
      extensions: [
        history(),
        markdown({ base: markdownLanguage }),
        syntaxHighlighting(style),
        footnotePlugin,
        autocompletion({ override: [footnoteSource(o.footnotes)], activateOnTyping: true }),
        keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap]),
        EditorView.lineWrapping,
        placeholder('Markdown: afsnit, punktlister (- …), *fremhævning*, **fed**, ### underoverskrift, [^fodnote]'),
        EditorView.contentAttributes.of({
          'data-pointer': o.pointer,
          'aria-labelledby': o.labelId,
          'aria-multiline': 'true',
          role: 'textbox',
          lang: 'da',
          spellcheck: 'true',
          ...o.attributes,
        }),
        EditorView.updateListener.of((u) => {
          if (!u.docChanged) return;
          const text = u.state.doc.toString();
          if (text !== lastText) { lastText = text; o.onChange(text); }
        }),
      ],
    }),
  });
}
