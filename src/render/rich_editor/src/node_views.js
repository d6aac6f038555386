// How figures, galleries and embeds look while editing. A figure shows its
// image and fields for its caption, credit and description (each edit is a
// step in the document's history), a button that removes it and one that
// adds images to it (making a gallery, or adding to its gallery); in a
// gallery, buttons that move it one place right (before it, the body being
// right to left) or left, and it can be dragged to its place among the
// gallery's figures (gallery.js changes the document). An embed shows the
// site's name and the address, and loads nothing from that site.
import { el } from './dialogs.js';
import { embedProvider } from './embeds.js';
import { pickMedia } from './media_picker.js';
import { localDigits } from './digits.js';
import { shownImage } from './addresses.js';
import { galleryAround, moveFigure, removeFigure, addImages } from './gallery.js';

const DRAG_TYPE = 'application/x-qalam-figure';

function button(cls, label, text, extra) {
  return el('button', { type: 'button', class: cls, title: label, 'aria-label': label, ...extra }, text);
}

// Says where a moved figure now is, in its gallery's status line (read out
// by screen readers).
function announceMove(view, at) {
  const around = galleryAround(view.state, at);
  const dom = view.nodeDOM(at);
  const status = dom && dom.closest('.rich-gallery') && dom.closest('.rich-gallery').querySelector('.rich-gallery-status');
  if (!around || !status) return;
  status.textContent = localDigits(`نُقلت الصورة إلى الموضع ${around.index + 1} من ${around.gallery.childCount}.`);
}

async function addFromLibrary(view, pos, csrf) {
  const around = galleryAround(view.state, pos);
  const items = await pickMedia({ many: true, csrf, title: around ? 'صور تُضاف إلى المعرض' : 'صور تُضاف إليها لتصير معرضًا' });
  if (items && items.length) addImages(view, pos, items);
  view.focus();
}

const FIELDS = [
  { attr: 'caption', label: 'تعليق الصورة', placeholder: 'تعليق تحت الصورة' },
  { attr: 'credit', label: 'حقوق الصورة', placeholder: 'المصوّر أو الوكالة' },
  { attr: 'alt', label: 'وصف الصورة لمن لا يراها', placeholder: 'وصف الصورة لمن لا يراها' },
];

class FigureView {
  constructor(node, view, getPos, csrf) {
    this.node = node;
    this.getPos = getPos;
    this.img = el('img', { src: shownImage(node.attrs.src), alt: node.attrs.alt, loading: 'lazy' });
    this.inputs = {};
    const caption = el('div', { class: 'rich-figure-fields' });
    FIELDS.forEach((f) => {
      const input = el('input', { type: 'text', 'aria-label': f.label, placeholder: f.placeholder, 'data-attr': f.attr, dir: 'auto' });
      input.value = node.attrs[f.attr] || '';
      input.addEventListener('input', () => {
        const pos = getPos();
        if (pos == null) return;
        view.dispatch(view.state.tr.setNodeMarkup(pos, null, { ...this.node.attrs, [f.attr]: input.value }));
      });
      this.inputs[f.attr] = input;
      caption.append(input);
    });
    const remove = button('rich-figure-remove', 'احذف الصورة', '×');
    remove.addEventListener('click', () => {
      const pos = getPos();
      if (pos != null) removeFigure(view, pos);
      view.focus();
    });
    // Right to left: the figure before this one is to its right.
    const moves = [[-1, 'انقل الصورة يمينًا (قبل)', '→'], [1, 'انقل الصورة يسارًا (بعد)', '←']].map(([step, label, arrow]) => {
      const b = button('rich-figure-move', label, arrow, { 'data-move': String(step) });
      b.addEventListener('click', () => {
        const pos = getPos();
        const around = pos == null ? null : galleryAround(view.state, pos);
        const at = around && moveFigure(view, pos, around.index + step);
        if (at == null) return;
        announceMove(view, at);
        // The keys stay on the figure that moved: its same button, or the
        // other one at the gallery's edge.
        const dom = view.nodeDOM(at);
        const same = dom && dom.querySelector(`[data-move="${step}"]`);
        const other = dom && dom.querySelector(`[data-move="${-step}"]`);
        (same && !same.disabled ? same : other || view.dom).focus();
      });
      return b;
    });
    const add = button('rich-figure-add', 'أضف صورًا من المكتبة إلى جانب هذه الصورة', '+ صور');
    add.addEventListener('click', () => {
      const pos = getPos();
      if (pos != null) addFromLibrary(view, pos, csrf);
    });
    this.dom = el('figure', { class: 'rich-figure', contenteditable: 'false' },
        el('div', { class: 'rich-figure-tools' }, ...moves, add, remove), this.img, caption);
    this.dom.qalamFigure = this;
  }
  update(node) {
    if (node.type !== this.node.type) return false;
    this.node = node;
    if (this.img.getAttribute('src') !== shownImage(node.attrs.src)) this.img.setAttribute('src', shownImage(node.attrs.src));
    this.img.setAttribute('alt', node.attrs.alt || '');
    Object.entries(this.inputs).forEach(([attr, input]) => {
      if (input.value !== (node.attrs[attr] || '')) input.value = node.attrs[attr] || '';
    });
    return true;
  }
  selectNode() { this.dom.classList.add('ProseMirror-selectednode'); }
  deselectNode() { this.dom.classList.remove('ProseMirror-selectednode'); }
  // The fields take their own keys, clicks and typing.
  stopEvent(event) { return /^(INPUT|BUTTON)$/.test(event.target.tagName); }
  ignoreMutation() { return true; }
}

// A gallery: its figures (the content), and a button adding images to it.
// A figure dragged within it is moved here, not by ProseMirror: it is
// dropped before or after the figure under the pointer (before: on its
// right half).
class GalleryView {
  constructor(node, view, getPos, csrf) {
    this.node = node;
    this.view = view;
    this.dragging = null;
    this.contentDOM = el('div', { class: 'gallery', role: 'group', 'aria-label': 'معرض صور' });
    const add = button('rich-gallery-add', 'أضف صورًا من المكتبة إلى المعرض', '+ أضف صورًا إلى المعرض');
    add.addEventListener('click', () => {
      const pos = getPos();
      if (pos != null && this.node.childCount) addFromLibrary(view, pos + 1, csrf);
    });
    this.actions = el('div', { class: 'rich-gallery-actions', contenteditable: 'false' }, add,
        el('p', { class: 'rich-gallery-status', role: 'status', 'aria-live': 'polite' }));
    this.dom = el('div', { class: 'rich-gallery' }, this.contentDOM, this.actions);
    this.dom.addEventListener('dragstart', (e) => this.dragStart(e));
    this.dom.addEventListener('dragover', (e) => this.dragOver(e));
    this.dom.addEventListener('drop', (e) => this.drop(e));
    this.dom.addEventListener('dragend', () => this.dragEnd());
  }
  figureAt(target) {
    const dom = target && target.closest && target.closest('.rich-figure');
    return dom && dom.parentNode === this.contentDOM ? dom.qalamFigure : null;
  }
  dragStart(e) {
    const figure = this.figureAt(e.target);
    if (!figure || /^(INPUT|BUTTON)$/.test(e.target.tagName)) return;
    this.dragging = figure;
    e.dataTransfer.effectAllowed = 'move';
    e.dataTransfer.setData(DRAG_TYPE, figure.node.attrs.src);
    figure.dom.classList.add('rich-dragging');
  }
  // Where a drop at the pointer puts the dragged figure: its new index.
  target(e) {
    const over = this.figureAt(e.target);
    if (!over || !this.dragging) return null;
    const from = galleryAround(this.view.state, this.dragging.getPos());
    const at = galleryAround(this.view.state, over.getPos());
    if (!from || !at || from.start !== at.start) return null;
    const rect = over.dom.getBoundingClientRect();
    const slot = at.index + (e.clientX > rect.left + rect.width / 2 ? 0 : 1);
    return { over, before: slot === at.index, index: slot > from.index ? slot - 1 : slot };
  }
  clearMark() {
    this.contentDOM.querySelectorAll('.rich-drop-before, .rich-drop-after')
      .forEach((f) => f.classList.remove('rich-drop-before', 'rich-drop-after'));
  }
  dragOver(e) {
    const t = this.target(e);
    if (!t) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    this.clearMark();
    t.over.dom.classList.add(t.before ? 'rich-drop-before' : 'rich-drop-after');
  }
  drop(e) {
    const t = this.target(e);
    if (!t) return;
    e.preventDefault();
    const at = moveFigure(this.view, this.dragging.getPos(), t.index);
    this.dragEnd();
    if (at != null) announceMove(this.view, at);
  }
  dragEnd() {
    if (this.dragging) this.dragging.dom.classList.remove('rich-dragging');
    this.dragging = null;
    this.clearMark();
  }
  update(node) {
    if (node.type !== this.node.type) return false;
    this.node = node;
    return true;
  }
  // A drag of one of its figures is the gallery's own.
  stopEvent(event) {
    if (this.actions.contains(event.target)) return true;
    if (event.type === 'dragstart') return !!this.figureAt(event.target);
    return /^(drag|drop)/.test(event.type) && !!this.dragging;
  }
  ignoreMutation(m) { return m.type !== 'selection' && !this.contentDOM.contains(m.target); }
}

class EmbedView {
  constructor(node) {
    const provider = embedProvider(node.attrs.url);
    this.dom = el('div', { class: 'rich-embed' + (provider && provider.video ? ' rich-embed-video' : ''), contenteditable: 'false' },
        el('span', { class: 'rich-embed-site' }, (provider && provider.video ? '▶ فيديو من ' : 'منشور من ') + (provider ? provider.name : '')),
        el('span', { class: 'rich-embed-url', dir: 'ltr' }, node.attrs.url));
  }
  ignoreMutation() { return true; }
}

// `csrf`: the desk's anti-forgery token, for uploads in the media picker.
export function makeNodeViews({ csrf }) {
  return {
    figure: (node, view, getPos) => new FigureView(node, view, getPos, csrf),
    gallery: (node, view, getPos) => new GalleryView(node, view, getPos, csrf),
    embed: (node) => new EmbedView(node),
  };
}
