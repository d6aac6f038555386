// Editing figures and galleries in place: a gallery's figures moved (one
// place at a time, or dropped where they go), removed, and more added from
// the media library; a figure made a gallery by adding images to it. Every
// change is a step of the document, so it is undone like typing and written
// back as the body's Markdown. A gallery left with one image becomes that
// figure again (`singleImageGalleries`), as its Markdown reads: one image
// alone in its paragraph is a figure.
import { Fragment } from 'prosemirror-model';
import { Plugin, TextSelection } from 'prosemirror-state';
import { schema } from './schema.js';

export function figureOf(item) {
  return schema.nodes.figure.create({ src: item.url, alt: item.alt || '' });
}

// The gallery holding the figure at `pos`: its node, its own position and
// the figure's index in it; null when the figure stands alone.
export function galleryAround(state, pos) {
  const $pos = state.doc.resolve(pos);
  if ($pos.parent.type !== schema.nodes.gallery) return null;
  return { gallery: $pos.parent, start: $pos.before(), index: $pos.index() };
}

// Moves the figure at `pos` to place `target` among its gallery's figures.
// Returns the figure's new position, or null when it cannot move there.
export function moveFigure(view, pos, target) {
  const around = galleryAround(view.state, pos);
  if (!around || target < 0 || target >= around.gallery.childCount || target === around.index) return null;
  const figures = [];
  around.gallery.forEach((f) => figures.push(f));
  const [moved] = figures.splice(around.index, 1);
  figures.splice(target, 0, moved);
  const from = around.start + 1;
  view.dispatch(view.state.tr.replaceWith(from, from + around.gallery.content.size, Fragment.from(figures)));
  let at = from;
  for (let i = 0; i < target; i++) at += figures[i].nodeSize;
  return at;
}

// Removes the figure at `pos` (its gallery with it when it was the last).
export function removeFigure(view, pos) {
  const node = view.state.doc.nodeAt(pos);
  if (!node) return;
  const around = galleryAround(view.state, pos);
  const tr = view.state.tr;
  if (around && around.gallery.childCount === 1) tr.delete(around.start, around.start + around.gallery.nodeSize);
  else tr.delete(pos, pos + node.nodeSize);
  view.dispatch(tr);
}

// Adds the chosen library items after the figure at `pos`: at the end of
// its gallery, or, for a figure alone, making a gallery of it and them.
export function addImages(view, pos, items) {
  const node = view.state.doc.nodeAt(pos);
  if (!node || !items || !items.length) return;
  const added = items.map(figureOf);
  const around = galleryAround(view.state, pos);
  const tr = view.state.tr;
  if (around) tr.insert(around.start + around.gallery.nodeSize - 1, added);
  else tr.replaceWith(pos, pos + node.nodeSize, schema.nodes.gallery.create(null, [node, ...added]));
  view.dispatch(tr.scrollIntoView());
}

// A gallery of one image is that figure.
export const singleImageGalleries = new Plugin({
  appendTransaction(trs, _old, state) {
    if (!trs.some((tr) => tr.docChanged)) return null;
    const tr = state.tr;
    state.doc.descendants((node, pos) => {
      if (node.type !== schema.nodes.gallery) return !node.isTextblock;
      if (node.childCount === 1) {
        tr.replaceWith(tr.mapping.map(pos), tr.mapping.map(pos + node.nodeSize), node.firstChild);
      }
      return false;
    });
    return tr.docChanged ? tr : null;
  },
});

// The move buttons of each gallery's first and last figure turned off, once
// the view shows the document.
export const galleryEdges = new Plugin({
  view: (view) => {
    const update = () => view.dom.querySelectorAll('.gallery').forEach((gallery) => {
      const figures = Array.from(gallery.children).filter((c) => c.classList.contains('rich-figure'));
      figures.forEach((figure, i) => {
        figure.querySelector('[data-move="-1"]').disabled = i === 0;
        figure.querySelector('[data-move="1"]').disabled = i === figures.length - 1;
      });
    });
    update();
    return { update };
  },
});

// An embed pasted into a list or a quote: the body's Markdown has no embed
// there (the site shows a list item's lone address as a link), so it goes
// after the outermost list or quote, and the empty paragraph it was pasted
// into goes (with its list item, when that held nothing else). Returns
// false when the cursor is not in a list or a quote.
export function insertEmbedAfterContainer(view, embed) {
  const { state } = view;
  const { $from } = state.selection;
  let outer = 0;
  for (let d = 1; d < $from.depth && !outer; d++) {
    const type = $from.node(d).type;
    if (type === schema.nodes.bullet_list || type === schema.nodes.ordered_list || type === schema.nodes.blockquote) outer = d;
  }
  if (!outer) return false;
  // The empty paragraph, or the largest block around it that holds only it.
  let d = $from.depth;
  while (d > outer && $from.node(d - 1).childCount === 1) d--;
  const tr = state.tr;
  let end;
  if (d === outer) {
    tr.replaceWith($from.before(outer), $from.after(outer), embed);
    end = $from.before(outer) + embed.nodeSize;
  } else {
    if ($from.node(d - 1).canReplace($from.index(d - 1), $from.index(d - 1) + 1)) tr.delete($from.before(d), $from.after(d));
    const at = tr.mapping.map($from.after(outer));
    tr.insert(at, embed);
    end = at + embed.nodeSize;
  }
  const next = tr.doc.resolve(end).nodeAfter;
  if (!next || !next.isTextblock) tr.insert(end, schema.nodes.paragraph.create());
  view.dispatch(tr.setSelection(TextSelection.create(tr.doc, end + 1)).scrollIntoView());
  return true;
}
