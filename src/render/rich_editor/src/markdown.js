// The body's Markdown both ways (prosemirror-markdown over markdown-it with
// GFM's bare-address links), following the shared conventions of
// docs/ARTICLE-FORMAT.md: parse(serialize(doc)) is the document, and
// serialize(parse(text)) is the text for the Markdown the site writes (its
// delimiters, list bullets and bare addresses kept as they were).
import MarkdownIt from 'markdown-it';
import { MarkdownParser, MarkdownSerializer } from 'prosemirror-markdown';
import { schema } from './schema.js';
import { embedProvider } from './embeds.js';

// An image's title: "CAPTION", "CAPTION | CREDIT" (split at the last " | ")
// or "| CREDIT".
export function splitTitle(title) {
  const t = title || '';
  if (t.startsWith('| ')) return { caption: '', credit: t.slice(2).trim() };
  const cut = t.lastIndexOf(' | ');
  if (cut < 0) return { caption: t.trim(), credit: '' };
  return { caption: t.slice(0, cut).trim(), credit: t.slice(cut + 3).trim() };
}

// Without a credit, a caption's own " | " (or a leading "| ") would read
// back as one: its bar becomes "｜" (U+FF5C), as the WordPress import
// writes it.
export function joinTitle(caption, credit) {
  let c = (caption || '').trim();
  const r = (credit || '').trim();
  if (c && r) return c + ' | ' + r;
  if (r) return '| ' + r;
  if (c.startsWith('| ')) c = '｜' + c.slice(1);
  return c.replace(/ \| /g, ' ｜ ');
}

function isBlank(tok) {
  return tok.type === 'softbreak' || tok.type === 'hardbreak' || (tok.type === 'text' && !tok.content.trim());
}

// A markdown-it core rule: paragraphs that are figures, galleries or embeds
// become tokens of their own before prosemirror-markdown sees them. As on
// the site (content/markdown.cc), a list item's own paragraph is never one:
// its image stays inline, its address a link.
function qalamBlocks(state) {
  const out = [];
  const tokens = state.tokens;
  const openBlocks = [];
  for (let i = 0; i < tokens.length; i++) {
    const open = tokens[i];
    const inline = tokens[i + 1];
    const inItem = openBlocks.length && openBlocks[openBlocks.length - 1] === 'list_item_open';
    if (open.nesting === 1) openBlocks.push(open.type);
    else if (open.nesting === -1) openBlocks.pop();
    if (open.type === 'paragraph_open' && !inItem && inline && inline.type === 'inline' &&
        tokens[i + 2] && tokens[i + 2].type === 'paragraph_close') {
      const parts = (inline.children || []).filter((t) => !isBlank(t));
      if (parts.length >= 1 && parts.every((t) => t.type === 'image')) {
        const figures = parts.map((img) => {
          const f = new state.Token('figure', '', 0);
          f.level = open.level + (parts.length > 1 ? 1 : 0);
          f.map = open.map;
          const { caption, credit } = splitTitle(img.attrGet('title'));
          f.attrs = [['src', img.attrGet('src')], ['alt', img.content || ''], ['caption', caption], ['credit', credit]];
          return f;
        });
        if (figures.length === 1) {
          out.push(figures[0]);
        } else {
          const start = new state.Token('gallery_open', 'div', 1);
          const end = new state.Token('gallery_close', 'div', -1);
          start.level = end.level = open.level;
          start.map = open.map;
          out.push(start, ...figures, end);
        }
        openBlocks.pop();
        i += 2;
        continue;
      }
      if (parts.length === 3 && parts[0].type === 'link_open' && parts[1].type === 'text' &&
          parts[2].type === 'link_close' && (parts[0].markup === 'linkify' || parts[0].markup === 'autolink') &&
          embedProvider(parts[0].attrGet('href')) && parts[1].content === parts[0].attrGet('href')) {
        const e = new state.Token('embed', '', 0);
        e.attrs = [['url', parts[0].attrGet('href')]];
        e.level = open.level;
        e.map = open.map;
        out.push(e);
        openBlocks.pop();
        i += 2;
        continue;
      }
    }
    out.push(open);
  }
  state.tokens = out;
}

const md = MarkdownIt('commonmark', { html: false, linkify: true }).enable(['linkify', 'table', 'strikethrough']);
// GFM autolinks only addresses with a scheme or www.; not bare domain names.
md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
md.core.ruler.push('qalam_blocks', qalamBlocks);

function listIsTight(tokens, i) {
  while (++i < tokens.length) if (tokens[i].type !== 'list_item_open') return tokens[i].hidden;
  return false;
}

export const parser = new MarkdownParser(schema, md, {
  blockquote: { block: 'blockquote' },
  paragraph: { block: 'paragraph' },
  list_item: { block: 'list_item' },
  bullet_list: { block: 'bullet_list', getAttrs: (tok, tokens, i) => ({ tight: listIsTight(tokens, i), bullet: tok.markup || '-' }) },
  ordered_list: {
    block: 'ordered_list',
    getAttrs: (tok, tokens, i) => ({ order: +tok.attrGet('start') || 1, tight: listIsTight(tokens, i) }),
  },
  heading: { block: 'heading', getAttrs: (tok) => ({ level: Math.min(Math.max(+tok.tag.slice(1), 2), 3) }) },
  code_block: { block: 'code_block', noCloseToken: true },
  fence: { block: 'code_block', getAttrs: (tok) => ({ params: tok.info || '' }), noCloseToken: true },
  hr: { node: 'horizontal_rule' },
  figure: { node: 'figure', getAttrs: (tok) => Object.fromEntries(tok.attrs) },
  gallery: { block: 'gallery' },
  embed: { node: 'embed', getAttrs: (tok) => ({ url: tok.attrGet('url') }) },
  image: {
    node: 'image',
    getAttrs: (tok) => ({ src: tok.attrGet('src'), title: tok.attrGet('title') || null, alt: (tok.children[0] && tok.children[0].content) || null }),
  },
  hardbreak: { node: 'hard_break' },
  softbreak: { ignore: true, noCloseToken: true },
  em: { mark: 'em', getAttrs: (tok) => ({ markup: tok.markup || '*' }) },
  strong: { mark: 'strong', getAttrs: (tok) => ({ markup: tok.markup || '**' }) },
  link: {
    mark: 'link',
    getAttrs: (tok) => ({
      href: tok.attrGet('href'), title: tok.attrGet('title') || null,
      markup: tok.markup === 'linkify' || tok.markup === 'autolink' ? tok.markup : '',
    }),
  },
  code_inline: { mark: 'code', noCloseToken: true },
  // Not in the editor's schema: kept as the text they show.
  s: { ignore: true },
  table: { ignore: true }, thead: { ignore: true }, tbody: { ignore: true }, tr: { ignore: true },
  th: { ignore: true }, td: { ignore: true },
});

// A title reads back as written: its backslashes, quotes and what would
// read as an entity escaped.
function imageLine(state, src, alt, title) {
  state.write('![' + state.esc(alt || '') + '](' + src.replace(/[()\s]/g, encodeURIComponent) +
      (title ? ' "' + title.replace(/[\\"]|&(?=#?[a-zA-Z0-9]+;)/g, '\\$&') + '"' : '') + ')');
}

function backticksFor(node, side) {
  const ticks = /`+/g;
  let m; let len = 0;
  if (node.isText) while ((m = ticks.exec(node.text))) len = Math.max(len, m[0].length);
  let result = len > 0 && side > 0 ? ' `' : '`';
  for (let i = 0; i < len; i++) result += '`';
  if (len > 0 && side < 0) result += ' ';
  return result;
}

export const serializer = new MarkdownSerializer({
  blockquote(state, node) { state.wrapBlock('> ', null, node, () => state.renderContent(node)); },
  code_block(state, node) {
    const backticks = node.textContent.match(/`{3,}/gm);
    const fence = backticks ? backticks.sort().slice(-1)[0] + '`' : '```';
    state.write(fence + (node.attrs.params || '') + '\n');
    state.text(node.textContent, false);
    state.write('\n');
    state.write(fence);
    state.closeBlock(node);
  },
  heading(state, node) {
    state.write(state.repeat('#', node.attrs.level) + ' ');
    state.renderInline(node, false);
    state.closeBlock(node);
  },
  horizontal_rule(state, node) { state.write('---'); state.closeBlock(node); },
  bullet_list(state, node) { state.renderList(node, '  ', () => (node.attrs.bullet || '-') + ' '); },
  ordered_list(state, node) {
    const start = node.attrs.order == null ? 1 : node.attrs.order;
    const maxW = String(start + node.childCount - 1).length;
    const space = state.repeat(' ', maxW + 2);
    state.renderList(node, space, (i) => {
      const n = String(start + i);
      return state.repeat(' ', maxW - n.length) + n + '. ';
    });
  },
  list_item(state, node) { state.renderContent(node); },
  paragraph(state, node) { state.renderInline(node); state.closeBlock(node); },
  figure(state, node) {
    imageLine(state, node.attrs.src, node.attrs.alt, joinTitle(node.attrs.caption, node.attrs.credit));
    state.closeBlock(node);
  },
  // One image a line, in one paragraph.
  gallery(state, node) {
    node.forEach((figure, _, i) => {
      if (i) state.write('\n');
      imageLine(state, figure.attrs.src, figure.attrs.alt, joinTitle(figure.attrs.caption, figure.attrs.credit));
    });
    state.closeBlock(node);
  },
  embed(state, node) { state.write(node.attrs.url); state.closeBlock(node); },
  image(state, node) { imageLine(state, node.attrs.src, node.attrs.alt, node.attrs.title); },
  hard_break(state, node, parent, index) {
    for (let i = index + 1; i < parent.childCount; i++) {
      if (parent.child(i).type !== node.type) { state.write('\\\n'); return; }
    }
  },
  text(state, node) { state.text(node.text, !state.inAutolink); },
}, {
  em: {
    open: (_s, mark) => mark.attrs.markup, close: (_s, mark) => mark.attrs.markup,
    mixable: true, expelEnclosingWhitespace: true,
  },
  strong: {
    open: (_s, mark) => mark.attrs.markup, close: (_s, mark) => mark.attrs.markup,
    mixable: true, expelEnclosingWhitespace: true,
  },
  link: {
    open(state, mark, parent, index) {
      const child = parent.child(index);
      const plain = mark.attrs.markup && !mark.attrs.title && child.isText && child.text === mark.attrs.href;
      state.inAutolink = plain ? mark.attrs.markup : undefined;
      if (plain) return mark.attrs.markup === 'autolink' ? '<' : '';
      return '[';
    },
    close(state, mark) {
      const auto = state.inAutolink;
      state.inAutolink = undefined;
      if (auto) return auto === 'autolink' ? '>' : '';
      return '](' + mark.attrs.href.replace(/[()"\s]/g, (c) => (c === '"' ? '%22' : encodeURIComponent(c))) +
          (mark.attrs.title ? ' "' + mark.attrs.title.replace(/"/g, '\\"') + '"' : '') + ')';
    },
    mixable: true,
  },
  code: {
    open: (_s, _m, parent, index) => backticksFor(parent.child(index), -1),
    close: (_s, _m, parent, index) => backticksFor(parent.child(index - 1), 1),
    escape: false,
  },
}, { tightLists: true });

// The top-level blocks of `text` with where each is in it, in the order of
// the document's children, or null when they cannot be told apart.
function sourceBlocks(text, doc) {
  const tokens = md.parse(text, {});
  const lineStart = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStart.push(i + 1);
  lineStart.push(text.length);
  const at = (line) => lineStart[Math.min(line, lineStart.length - 1)];
  const spans = [];
  for (const tok of tokens) {
    if (tok.level !== 0 || tok.nesting < 0) continue;
    const map = tok.map;
    if (!map) return null;
    let end = at(map[1]);
    while (end > at(map[0]) && /\s/.test(text[end - 1])) end--;
    spans.push({ start: at(map[0]), end });
  }
  if (spans.length !== doc.childCount) return null;
  return spans.map((span, i) => ({ node: doc.child(i), start: span.start, end: span.end }));
}

// A parsed body that remembers its Markdown: serializing keeps every
// top-level block the editor did not change exactly as it was written (and
// the blank lines between unchanged neighbours), so an edit rewrites only the
// blocks it touches and a diff of the revision shows only them.
export function parseMarkdown(text) {
  const source = text || '';
  const doc = parser.parse(source);
  return { doc, source, blocks: sourceBlocks(source, doc) };
}

export function serializeMarkdown(doc, parsed) {
  const fresh = (node) => serializer.serialize(node.type === doc.type ? node : doc.type.create(null, node)).trim();
  if (!parsed || !parsed.blocks) return fresh(doc);
  if (doc.eq(parsed.doc)) return parsed.source.replace(/\s+$/, '');
  const { blocks, source } = parsed;
  let out = '';
  let next = 0;  // The first original block not yet used.
  let previous = -1;  // The original block just written, or -1.
  doc.forEach((child) => {
    let found = -1;
    for (let k = next; k < blocks.length && k < next + 50; k++) {
      if (blocks[k].node.eq(child)) { found = k; break; }
    }
    if (found >= 0) {
      if (out) out += previous >= 0 && found === previous + 1 ? source.slice(blocks[previous].end, blocks[found].start) : '\n\n';
      out += source.slice(blocks[found].start, blocks[found].end);
      next = found + 1;
      previous = found;
    } else {
      // An empty paragraph is nothing in Markdown.
      const text = fresh(child);
      if (!text) return;
      if (out) out += '\n\n';
      out += text;
      previous = -1;
    }
  });
  return out;
}
