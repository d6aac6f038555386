// Clipboard HTML from Word and Google Docs reduced to what the body's
// schema keeps (paragraphs, h2/h3, quotes, lists, links, bold, italic,
// images): styles, classes, spans, fonts, Word's mso- markup and conditional
// comments, Google's <b id="docs-internal-guid-…"> wrapper and empty
// paragraphs go; bold and italic written as styles become <strong>/<em>
// first, and Word's pseudo-lists (p.MsoListParagraph…) become real lists.
const DROP = 'style, script, meta, link, title, xml, o\\:p, w\\:sdt, v\\:shape, colgroup';
const KEEP_ATTRS = { a: ['href', 'title'], img: ['src', 'alt', 'title'], ol: ['start'], figure: ['data-caption', 'data-credit'], div: ['data-gallery'] };

// Styles are read from data-qalam-style: a style attribute, even in a
// detached document, is checked against the desk's Content-Security-Policy.
function styleOf(el, prop) {
  const m = new RegExp('(?:^|;)\\s*' + prop + '\\s*:\\s*([^;]+)', 'i').exec(el.getAttribute('data-qalam-style') || '');
  return m ? m[1].trim().toLowerCase() : '';
}

function unwrap(el) {
  const parent = el.parentNode;
  while (el.firstChild) parent.insertBefore(el.firstChild, el);
  parent.removeChild(el);
}

function wrapChildren(el, tag) {
  const w = el.ownerDocument.createElement(tag);
  while (el.firstChild) w.appendChild(el.firstChild);
  el.appendChild(w);
}

function isWordList(el) {
  return el && el.nodeType === 1 && el.tagName === 'P' &&
      (/MsoListParagraph/i.test(el.className) || /mso-list\s*:/i.test(el.getAttribute('data-qalam-style') || ''));
}

// Event handlers (onerror=…) are renamed before the HTML is parsed: even in
// a detached document the browser checks each against the desk's
// Content-Security-Policy and reports a violation (nothing runs). Whatever
// looks like one is renamed, in text too, in one pass; the attributes go
// with every other the schema does not read, and the text gets its words
// back at the end.
const HANDLER = /([\s/"'])(on[a-z]+\s*=)/gi;
const HANDLER_RENAMED = /data-qalam-(on[a-z]+\s*=)/gi;

export function cleanPastedHtml(html) {
  // Word's conditional comments hide its bullets' real characters.
  const source = html.replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, '')
    // A style or base element is checked against the desk's CSP as it is
    // parsed (a violation reported, nothing applied): they go first, a style
    // left open with all after it (the browser would read that as CSS).
    .replace(/<style[\s\S]*?(?:<\/style>|$)/gi, '')
    .replace(/<base\b[^>]*>/gi, '')
    .replace(/(<[^>]*?\s)style(\s*=)/gi, '$1data-qalam-style$2')
    .replace(HANDLER, '$1data-qalam-$2');
  const doc = new DOMParser().parseFromString(source, 'text/html');
  const body = doc.body;
  body.querySelectorAll(DROP).forEach((el) => el.remove());
  // A figure's caption and credit, as the site and the editor write them
  // (<span class="caption">, <span class="credit">), kept on the figure,
  // and a gallery (<div class="gallery">) kept a gallery: classes, spans and
  // divs go below.
  body.querySelectorAll('div.gallery').forEach((d) => d.setAttribute('data-gallery', ''));
  body.querySelectorAll('figure').forEach((f) => {
    const caption = f.querySelector('figcaption .caption');
    const credit = f.querySelector('figcaption .credit');
    if (caption) f.setAttribute('data-caption', caption.textContent.trim());
    if (credit) f.setAttribute('data-credit', credit.textContent.trim());
  });
  // Comments.
  const walker = doc.createTreeWalker(body, NodeFilter.SHOW_COMMENT);
  const comments = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  comments.forEach((c) => c.remove());
  // Word's bullet characters and their spacing.
  body.querySelectorAll('span').forEach((el) => {
    if (/mso-list\s*:\s*ignore/i.test(el.getAttribute('data-qalam-style') || '')) el.remove();
  });
  // Word's pseudo-lists: runs of list paragraphs become one list.
  body.querySelectorAll('p').forEach((p) => {
    if (!p.isConnected || !isWordList(p) || isWordList(p.previousElementSibling)) return;
    const ordered = /^\s*\d+[.)]/.test(p.textContent);
    const list = doc.createElement(ordered ? 'ol' : 'ul');
    p.parentNode.insertBefore(list, p);
    let item = p;
    while (isWordList(item)) {
      const next = item.nextElementSibling;
      const li = doc.createElement('li');
      while (item.firstChild) li.appendChild(item.firstChild);
      if (ordered) li.innerHTML = li.innerHTML.replace(/^\s*\d+[.)](?:&nbsp;|\s)*/, '');
      list.appendChild(li);
      item.remove();
      item = next;
    }
  });
  // Google Docs' wrapper: a <b> that is not bold.
  body.querySelectorAll('b').forEach((b) => {
    if (/^docs-internal-guid/.test(b.id || '') || styleOf(b, 'font-weight') === 'normal') unwrap(b);
  });
  // Bold and italic written as styles (Google Docs' spans).
  body.querySelectorAll('span').forEach((span) => {
    const weight = styleOf(span, 'font-weight');
    if (weight === 'bold' || +weight >= 600) wrapChildren(span, 'strong');
    if (styleOf(span, 'font-style') === 'italic') wrapChildren(span, 'em');
  });
  // Every attribute the schema does not read, then the spans and fonts.
  body.querySelectorAll('*').forEach((el) => {
    const keep = KEEP_ATTRS[el.tagName.toLowerCase()] || [];
    Array.from(el.attributes).forEach((a) => { if (!keep.includes(a.name)) el.removeAttribute(a.name); });
  });
  body.querySelectorAll('span, font, u').forEach(unwrap);
  body.querySelectorAll('div:not([data-gallery])').forEach((div) => {
    if (div.querySelector('p, h1, h2, h3, h4, h5, h6, ul, ol, blockquote, div')) {
      unwrap(div);
    } else {
      const p = doc.createElement('p');
      while (div.firstChild) p.appendChild(div.firstChild);
      div.replaceWith(p);
    }
  });
  // Line breaks between blocks (Google's empty lines) make no paragraph.
  Array.from(body.children).forEach((el) => { if (el.tagName === 'BR') el.remove(); });
  // Google Docs puts list items' text in <p>; a <br> alone in a paragraph
  // and paragraphs of spaces are empty.
  body.querySelectorAll('p, h1, h2, h3, h4, h5, h6, li').forEach((el) => {
    if (!el.querySelector('img') && !el.textContent.replace(/[\s\u00a0\u200b]/g, '')) el.remove();
  });
  // Only text and kept attributes' values can hold a renamed one now.
  return body.innerHTML.replace(HANDLER_RENAMED, '$1');
}
