// The article body's schema: exactly what the site's Markdown says
// (docs/ARTICLE-FORMAT.md), so that every document serializes back to it.
// Figures, galleries and embeds are the shared block forms: a figure is an
// image alone in its paragraph (its title "CAPTION | CREDIT"), a gallery two
// or more, an embed a supported address alone in its paragraph.
import { Schema } from 'prosemirror-model';
import { safeAddress, safeImageAddress, shownImage } from './addresses.js';

const block = (tag) => [{ tag }];

export const schema = new Schema({
  nodes: {
    doc: { content: 'block+' },
    paragraph: {
      content: 'inline*', group: 'block',
      parseDOM: [{ tag: 'p' }], toDOM: () => ['p', 0],
    },
    heading: {
      attrs: { level: { default: 2 } }, content: 'inline*', group: 'block', defining: true,
      parseDOM: [
        { tag: 'h1', attrs: { level: 2 } }, { tag: 'h2', attrs: { level: 2 } },
        { tag: 'h3', attrs: { level: 3 } }, { tag: 'h4', attrs: { level: 3 } },
        { tag: 'h5', attrs: { level: 3 } }, { tag: 'h6', attrs: { level: 3 } },
      ],
      toDOM: (node) => ['h' + node.attrs.level, 0],
    },
    blockquote: {
      content: 'block+', group: 'block', defining: true,
      parseDOM: block('blockquote'), toDOM: () => ['blockquote', 0],
    },
    bullet_list: {
      attrs: { tight: { default: true }, bullet: { default: '-' } },
      content: 'list_item+', group: 'block',
      parseDOM: [{ tag: 'ul' }], toDOM: () => ['ul', 0],
    },
    ordered_list: {
      attrs: { order: { default: 1 }, tight: { default: true } },
      content: 'list_item+', group: 'block',
      parseDOM: [{ tag: 'ol', getAttrs: (dom) => ({ order: +(dom.getAttribute('start') || 1) }) }],
      toDOM: (node) => node.attrs.order === 1 ? ['ol', 0] : ['ol', { start: node.attrs.order }, 0],
    },
    list_item: {
      content: 'paragraph block*', defining: true,
      parseDOM: [{ tag: 'li' }], toDOM: () => ['li', 0],
    },
    // Kept so that imported bodies with code or a rule still round-trip; the
    // toolbar offers neither.
    code_block: {
      attrs: { params: { default: '' } }, content: 'text*', marks: '', group: 'block', code: true,
      defining: true, parseDOM: [{ tag: 'pre', preserveWhitespace: 'full' }],
      toDOM: () => ['pre', { dir: 'ltr' }, ['code', 0]],
    },
    horizontal_rule: { group: 'block', parseDOM: [{ tag: 'hr' }], toDOM: () => ['hr'] },
    figure: {
      attrs: { src: { default: '' }, alt: { default: '' }, caption: { default: '' }, credit: { default: '' } },
      group: 'block', atom: true, draggable: true, selectable: true,
      parseDOM: [{
        tag: 'figure',
        getAttrs(dom) {
          const img = dom.querySelector('img');
          if (!img || !img.getAttribute('src') || !safeImageAddress(img.getAttribute('src'))) return false;
          // Pasted HTML has them as attributes (paste.js).
          if (dom.hasAttribute('data-caption') || dom.hasAttribute('data-credit')) {
            return {
              src: img.getAttribute('src'), alt: img.getAttribute('alt') || '',
              caption: dom.getAttribute('data-caption') || '', credit: dom.getAttribute('data-credit') || '',
            };
          }
          const caption = dom.querySelector('figcaption .caption') || dom.querySelector('figcaption');
          const credit = dom.querySelector('figcaption .credit');
          return {
            src: img.getAttribute('src'), alt: img.getAttribute('alt') || '',
            caption: caption ? caption.textContent.trim() : '', credit: credit ? credit.textContent.trim() : '',
          };
        },
      }],
      // As the site writes it (content/figures.cc), so that a figure copied
      // and pasted keeps its caption and credit.
      toDOM(node) {
        const { src, alt, caption, credit } = node.attrs;
        const text = [];
        if (caption) text.push(['span', { class: 'caption' }, caption]);
        if (caption && credit) text.push(' ');
        if (credit) text.push(['span', { class: 'credit' }, credit]);
        return ['figure', { class: 'figure' }, ['img', { src: shownImage(src), alt }], ...(text.length ? [['figcaption', ...text]] : [])];
      },
    },
    gallery: {
      // Isolating: pasted whole, never opened into the figures around it.
      content: 'figure+', group: 'block', selectable: true, isolating: true,
      parseDOM: [{ tag: 'div.gallery' }, { tag: 'div[data-gallery]' }],
      toDOM: () => ['div', { class: 'gallery', role: 'group', 'aria-label': 'معرض صور' }, 0],
    },
    embed: {
      attrs: { url: {} }, group: 'block', atom: true, selectable: true, draggable: true,
      toDOM: (node) => ['p', { class: 'rich-embed', dir: 'ltr' }, node.attrs.url],
    },
    text: { group: 'inline' },
    image: {
      inline: true, group: 'inline', draggable: true,
      attrs: { src: {}, alt: { default: null }, title: { default: null } },
      parseDOM: [{
        tag: 'img[src]',
        // Pasted or dropped HTML: an image whose address the site would
        // clear is left out.
        getAttrs: (dom) => safeImageAddress(dom.getAttribute('src')) &&
          ({ src: dom.getAttribute('src'), alt: dom.getAttribute('alt'), title: dom.getAttribute('title') }),
      }],
      toDOM: (node) => ['img', { src: shownImage(node.attrs.src), alt: node.attrs.alt, title: node.attrs.title }],
    },
    hard_break: {
      inline: true, group: 'inline', selectable: false,
      parseDOM: [{ tag: 'br' }], toDOM: () => ['br'],
    },
  },
  marks: {
    // `markup` keeps the author's own delimiters (* or _), so an edit
    // elsewhere does not rewrite them.
    em: {
      attrs: { markup: { default: '*' } },
      parseDOM: [{ tag: 'i' }, { tag: 'em' }, { style: 'font-style=italic' }],
      toDOM: () => ['em', 0],
    },
    strong: {
      attrs: { markup: { default: '**' } },
      parseDOM: [{ tag: 'strong' }, { tag: 'b', getAttrs: (dom) => dom.style.fontWeight !== 'normal' && null },
        { style: 'font-weight', getAttrs: (v) => /^(bold(er)?|[6-9]\d{2,})$/.test(v) && null }],
      toDOM: () => ['strong', 0],
    },
    // `markup`: "linkify" for a bare address, "autolink" for <address>,
    // "" for [text](address); each serializes back as it was written.
    link: {
      attrs: { href: {}, title: { default: null }, markup: { default: '' } },
      inclusive: false,
      parseDOM: [{
        tag: 'a[href]',
        // Pasted or dropped HTML: a link whose address the site would clear
        // (javascript:, data:…) keeps its text only.
        getAttrs: (dom) => safeAddress(dom.getAttribute('href')) &&
          ({ href: dom.getAttribute('href'), title: dom.getAttribute('title') }),
      }],
      // An address is always left to right, whatever the text around it.
      toDOM: (node) => ['a', { href: safeAddress(node.attrs.href) ? node.attrs.href : null, title: node.attrs.title, rel: 'noopener', dir: 'auto' }, 0],
    },
    code: { parseDOM: [{ tag: 'code' }], toDOM: () => ['code', { dir: 'ltr' }, 0] },
  },
});
