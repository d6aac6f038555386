// The editor's commands, input rules and keys: headings (h2, h3), bold,
// italic, links, quotes, lists, Arabic quotation marks, undo and redo.
import { toggleMark, setBlockType, wrapIn, lift, baseKeymap, chainCommands, exitCode } from 'prosemirror-commands';
import { undo, redo } from 'prosemirror-history';
import { inputRules, textblockTypeInputRule, wrappingInputRule, InputRule, undoInputRule } from 'prosemirror-inputrules';
import { wrapInList, splitListItem, liftListItem, sinkListItem } from 'prosemirror-schema-list';
import { schema } from './schema.js';

const s = schema;

export function markActive(state, type) {
  const { from, $from, to, empty } = state.selection;
  if (empty) return !!type.isInSet(state.storedMarks || $from.marks());
  return state.doc.rangeHasMark(from, to, type);
}

export function blockActive(state, type, attrs) {
  const { $from, to } = state.selection;
  const node = $from.parent;
  return to <= $from.end() && node.type === type && (!attrs || Object.keys(attrs).every((k) => node.attrs[k] === attrs[k]));
}

export function wrappedIn(state, type) {
  const { $from } = state.selection;
  for (let d = $from.depth; d > 0; d--) if ($from.node(d).type === type) return true;
  return false;
}

// A heading level, or back to a paragraph when the block is one already.
export function toggleHeading(level) {
  return (state, dispatch) => (blockActive(state, s.nodes.heading, { level })
    ? setBlockType(s.nodes.paragraph)(state, dispatch)
    : setBlockType(s.nodes.heading, { level })(state, dispatch));
}

export function toggleWrap(type) {
  return (state, dispatch) => (wrappedIn(state, type) ? lift(state, dispatch) : wrapIn(type)(state, dispatch));
}

export function toggleList(type) {
  return (state, dispatch) => (wrappedIn(state, type)
    ? liftListItem(s.nodes.list_item)(state, dispatch)
    : wrapInList(type)(state, dispatch));
}

export const rules = inputRules({
  rules: [
    // "# " and "## " make a section heading, "### " a subheading: the
    // article's title is the page's only h1.
    textblockTypeInputRule(/^(#{1,3})\s$/, s.nodes.heading, (m) => ({ level: m[1].length === 3 ? 3 : 2 })),
    wrappingInputRule(/^\s*>\s$/, s.nodes.blockquote),
    wrappingInputRule(/^\s*([-+*])\s$/, s.nodes.bullet_list, (m) => ({ bullet: m[1] })),
    wrappingInputRule(/^(\d+)[.)]\s$/, s.nodes.ordered_list, (m) => ({ order: +m[1] }),
        (m, node) => node.childCount + node.attrs.order === +m[1]),
    // Arabic quotation marks: « after a space or at the start, » otherwise.
    new InputRule(/(?:^|[\s([{])(")$/, '«'),
    new InputRule(/"$/, '»'),
  ],
});

export function keys(openLink) {
  const k = {
    'Mod-z': undo,
    'Mod-Shift-z': redo,
    'Mod-y': redo,
    Backspace: undoInputRule,
    'Mod-b': toggleMark(s.marks.strong),
    'Mod-B': toggleMark(s.marks.strong),
    'Mod-i': toggleMark(s.marks.em),
    'Mod-I': toggleMark(s.marks.em),
    'Mod-k': (state, dispatch, view) => { if (dispatch) openLink(view); return true; },
    'Shift-Enter': chainCommands(exitCode, (state, dispatch) => {
      if (dispatch) dispatch(state.tr.replaceSelectionWith(s.nodes.hard_break.create()).scrollIntoView());
      return true;
    }),
    Enter: splitListItem(s.nodes.list_item),
    'Mod-[': liftListItem(s.nodes.list_item),
    'Mod-]': sinkListItem(s.nodes.list_item),
    'Mod-Alt-2': setBlockType(s.nodes.heading, { level: 2 }),
    'Mod-Alt-3': setBlockType(s.nodes.heading, { level: 3 }),
    'Mod-Alt-0': setBlockType(s.nodes.paragraph),
  };
  return [k, baseKeymap];
}
