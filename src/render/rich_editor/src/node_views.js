// How figures and embeds look while editing. A figure shows its image and
// fields for its caption, credit and description (each edit is a step in
// the document's history); an embed shows the site's name and the address,
// and loads nothing from that site.
import { el } from './dialogs.js';
import { embedProvider } from './embeds.js';

const FIELDS = [
  { attr: 'caption', label: 'تعليق الصورة', placeholder: 'تعليق تحت الصورة' },
  { attr: 'credit', label: 'حقوق الصورة', placeholder: 'المصوّر أو الوكالة' },
  { attr: 'alt', label: 'وصف الصورة لمن لا يراها', placeholder: 'وصف الصورة لمن لا يراها' },
];

class FigureView {
  constructor(node, view, getPos) {
    this.node = node;
    this.img = el('img', { src: node.attrs.src, alt: node.attrs.alt, loading: 'lazy' });
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
    const remove = el('button', { type: 'button', class: 'rich-figure-remove', title: 'احذف الصورة', 'aria-label': 'احذف الصورة' }, '×');
    remove.addEventListener('click', () => {
      const pos = getPos();
      if (pos != null) view.dispatch(view.state.tr.delete(pos, pos + this.node.nodeSize));
      view.focus();
    });
    this.dom = el('figure', { class: 'rich-figure', contenteditable: 'false' }, this.img, caption, remove);
  }
  update(node) {
    if (node.type !== this.node.type) return false;
    this.node = node;
    if (this.img.getAttribute('src') !== node.attrs.src) this.img.setAttribute('src', node.attrs.src);
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

class EmbedView {
  constructor(node) {
    const provider = embedProvider(node.attrs.url);
    this.dom = el('div', { class: 'rich-embed' + (provider && provider.video ? ' rich-embed-video' : ''), contenteditable: 'false' },
        el('span', { class: 'rich-embed-site' }, (provider && provider.video ? '▶ فيديو من ' : 'منشور من ') + (provider ? provider.name : '')),
        el('span', { class: 'rich-embed-url', dir: 'ltr' }, node.attrs.url));
  }
  ignoreMutation() { return true; }
}

export const nodeViews = {
  figure: (node, view, getPos) => new FigureView(node, view, getPos),
  embed: (node) => new EmbedView(node),
};
