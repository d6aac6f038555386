// The desk's rich-text editor of an article's body, mounted over the body's
// <textarea> in the editor form (admin_editor.mustache). The textarea stays
// the field the form submits (and what works without script): every change
// here writes its Markdown back and fires `input`, so editor.js's autosave,
// this browser's copy, the preview and the revision diff see it; a change of
// the textarea (the Markdown view, a restored copy) is read back here.
// Right to left, each block set by its own first letter
// (unicode-bidi: plaintext, rich-editor.css), links isolated, so an English
// name or link inside Arabic stays readable.
import { EditorState, Plugin, TextSelection, NodeSelection } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { DOMParser as PMDOMParser } from 'prosemirror-model';
import { history, undo, redo } from 'prosemirror-history';
import { keymap } from 'prosemirror-keymap';
import { toggleMark } from 'prosemirror-commands';
import { schema } from './schema.js';
import { parseMarkdown, serializeMarkdown } from './markdown.js';
import { rules, keys, markActive, blockActive, wrappedIn, toggleHeading, toggleWrap, toggleList } from './commands.js';
import { linkDialog, embedDialog, el } from './dialogs.js';
import { pickMedia } from './media_picker.js';
import { cleanPastedHtml } from './paste.js';
import { makeNodeViews } from './node_views.js';
import { figureOf, singleImageGalleries, galleryEdges, insertEmbedAfterContainer } from './gallery.js';
import { embedProvider } from './embeds.js';
import { mountFeaturedPicker } from './featured.js';
import { localDigits } from './digits.js';

function linkRange(state) {
  const { $from, from, to, empty } = state.selection;
  const type = schema.marks.link;
  if (!empty) {
    let mark = null;
    state.doc.nodesBetween(from, to, (node) => { if (!mark) mark = type.isInSet(node.marks); });
    return { from, to, mark };
  }
  const mark = type.isInSet($from.marks()) || ($from.nodeAfter && type.isInSet($from.nodeAfter.marks));
  if (!mark) return { from, to, mark: null };
  // The whole link around the cursor: the run of text with its mark that
  // reaches the cursor.
  const start = $from.start();
  let a = null; let b = null; let found = null;
  $from.parent.forEach((child, offset) => {
    const s = start + offset; const e = s + child.nodeSize;
    if (!mark.isInSet(child.marks)) { a = b = null; return; }
    if (a === null || s !== b) a = s;
    b = e;
    if (!found && a <= from && from <= b) found = { from: a, to: b };
    if (found && found.from === a) found.to = b;
  });
  return found ? { ...found, mark } : { from, to, mark: null };
}

async function openLink(view) {
  const { from, to, mark } = linkRange(view.state);
  const text = view.state.doc.textBetween(from, to, ' ');
  const answer = await linkDialog({ text, href: mark ? mark.attrs.href : '', editing: !!mark });
  view.focus();
  if (!answer) return;
  const type = schema.marks.link;
  let tr = view.state.tr;
  if (answer.remove) {
    view.dispatch(tr.removeMark(from, to, type));
    return;
  }
  const linkMark = type.create({ href: answer.href });
  if (answer.text !== text || from === to) {
    const marks = (from === to ? view.state.storedMarks || view.state.selection.$from.marks() : view.state.doc.resolve(from).marksAcross(view.state.doc.resolve(to)) || [])
      .filter((m) => m.type !== type);
    tr = tr.replaceWith(from, to, schema.text(answer.text, linkMark.addToSet(marks)));
    tr = tr.setSelection(TextSelection.create(tr.doc, from + answer.text.length)).removeStoredMark(type);
  } else {
    tr = tr.removeMark(from, to, type).addMark(from, to, linkMark);
  }
  view.dispatch(tr.scrollIntoView());
}

// A figure, gallery or embed goes between blocks: after a selected block,
// instead of an empty paragraph, or where the cursor splits its paragraph;
// the cursor then waits in a paragraph after it.
function insertBlock(view, node) {
  const { state } = view;
  const sel = state.selection;
  const tr = state.tr;
  let pos;
  if (sel instanceof NodeSelection && sel.node.isBlock) {
    pos = sel.to;
    tr.insert(pos, node);
  } else {
    const { $from } = sel;
    if (!sel.empty) tr.deleteSelection();
    const $at = tr.doc.resolve(tr.mapping.map($from.pos));
    const parent = $at.parent;
    if (parent.isTextblock && parent.content.size === 0) {
      pos = $at.before();
      tr.replaceWith(pos, $at.after(), node);
    } else if (parent.isTextblock && $at.parentOffset === 0) {
      pos = $at.before();
      tr.insert(pos, node);
    } else if (parent.isTextblock && $at.parentOffset === parent.content.size) {
      pos = $at.after();
      tr.insert(pos, node);
    } else {
      tr.split($at.pos);
      pos = $at.pos + 1;
      tr.insert(pos, node);
    }
  }
  let end = pos + node.nodeSize;
  const after = tr.doc.resolve(end).nodeAfter;
  if (!after || !after.isTextblock) tr.insert(end, schema.nodes.paragraph.create());
  tr.setSelection(TextSelection.create(tr.doc, end + 1));
  view.dispatch(tr.scrollIntoView());
}

async function insertImages(view, csrf, files) {
  const items = await pickMedia({ many: true, csrf, title: 'صورة أو معرض صور من المكتبة', files });
  view.focus();
  if (!items || !items.length) return;
  insertBlock(view, items.length === 1 ? figureOf(items[0]) : schema.nodes.gallery.create(null, items.map(figureOf)));
}

async function insertEmbed(view) {
  const answer = await embedDialog();
  view.focus();
  if (!answer) return;
  insertBlock(view, schema.nodes.embed.create({ url: answer.url }));
}

// The toolbar: each button an action with its Arabic name (and key), its
// state (aria-pressed) kept current with the selection.
function toolbar(view, csrf, toggleSource) {
  const bar = el('div', { class: 'rich-toolbar', role: 'toolbar', 'aria-label': 'تنسيق نص المقال' });
  const items = [];
  const add = (label, title, run, active, cls) => {
    const b = el('button', { type: 'button', title, 'aria-label': title, class: cls || '' }, label);
    b.addEventListener('mousedown', (e) => e.preventDefault());  // Keep the selection.
    b.addEventListener('click', () => { run(); });
    if (active) b.setAttribute('aria-pressed', 'false');
    bar.append(b);
    items.push({ b, active });
    return b;
  };
  const cmd = (c) => () => { c(view.state, view.dispatch, view); view.focus(); };
  const st = () => view.state;
  add('ع', 'عريض (Ctrl+B)', cmd(toggleMark(schema.marks.strong)), () => markActive(st(), schema.marks.strong), 'rich-bold');
  add('م', 'مائل (Ctrl+I)', cmd(toggleMark(schema.marks.em)), () => markActive(st(), schema.marks.em), 'rich-italic');
  add('رابط', 'رابط (Ctrl+K)', () => openLink(view), () => markActive(st(), schema.marks.link));
  add('عنوان', 'عنوان فرعي', cmd(toggleHeading(2)), () => blockActive(st(), schema.nodes.heading, { level: 2 }));
  add('عنوان صغير', 'عنوان أصغر', cmd(toggleHeading(3)), () => blockActive(st(), schema.nodes.heading, { level: 3 }));
  add('«اقتباس»', 'اقتباس', cmd(toggleWrap(schema.nodes.blockquote)), () => wrappedIn(st(), schema.nodes.blockquote));
  add('• قائمة', 'قائمة نقطية', cmd(toggleList(schema.nodes.bullet_list)), () => wrappedIn(st(), schema.nodes.bullet_list));
  add(localDigits('1. قائمة'), 'قائمة مرقمة', cmd(toggleList(schema.nodes.ordered_list)), () => wrappedIn(st(), schema.nodes.ordered_list));
  add('صورة', 'صورة أو معرض صور من مكتبة الوسائط', () => insertImages(view, csrf));
  add('تضمين', 'تضمين فيديو أو منشور (يوتيوب، فيميو، إكس، فيسبوك، إنستغرام، تيك توك)', () => insertEmbed(view));
  add('↶', 'تراجع (Ctrl+Z)', cmd(undo));
  add('↷', 'أعد (Ctrl+Shift+Z)', cmd(redo));
  const source = add('ماركداون', 'اعرض النص بصيغة ماركداون وحرّره', () => toggleSource(), null, 'rich-source');
  source.setAttribute('aria-pressed', 'false');
  const update = () => items.forEach(({ b, active }) => {
    if (active) b.setAttribute('aria-pressed', active() ? 'true' : 'false');
  });
  return { bar, update, source };
}

// A pasted address of a supported site, alone, in an empty paragraph
// becomes an embed; in a list or a quote, after it (gallery.js).
function pasteEmbed(view, event) {
  const text = (event.clipboardData && event.clipboardData.getData('text/plain') || '').trim();
  const { $from, empty } = view.state.selection;
  if (!text || !embedProvider(text) || !empty || $from.parent.type !== schema.nodes.paragraph || $from.parent.content.size) return false;
  const embed = schema.nodes.embed.create({ url: text });
  if (!insertEmbedAfterContainer(view, embed)) insertBlock(view, embed);
  return true;
}

// A place for the cursor after a figure, gallery or embed that ends the
// body: an empty paragraph, which is nothing in the Markdown.
function withTrailingParagraph(doc) {
  const last = doc.lastChild;
  return last && last.isTextblock ? doc : doc.copy(doc.content.addToEnd(schema.nodes.paragraph.create()));
}
const trailingParagraph = new Plugin({
  appendTransaction(trs, _old, state) {
    if (!trs.some((tr) => tr.docChanged) || (state.doc.lastChild && state.doc.lastChild.isTextblock)) return null;
    return state.tr.insert(state.doc.content.size, schema.nodes.paragraph.create()).setMeta('addToHistory', false);
  },
});

// An image file pasted or dropped into the body is uploaded in place: the
// media dialog opens with it, to be described (the description is required).
function imageFiles(data) {
  return Array.from((data && data.files) || []).filter((f) => /^image\/(jpeg|png|webp|gif)$/.test(f.type));
}

function mount(form, area) {
  const csrf = (form.elements.namedItem('csrf') || {}).value || '';
  let parsed = parseMarkdown(area.value);
  let writing = false;  // Our own write to the textarea, not to be read back.
  const label = area.closest('label') || area;
  // The label's hint is about Markdown, for the textarea; the editor's own
  // shows while the editor does.
  const hint = label.querySelector('small');
  const markdownHint = hint ? hint.textContent : '';
  const editorHint = 'نسّق النص بالأدوات أو بالاختصارات: Ctrl+B عريض، Ctrl+I مائل، Ctrl+K رابط، و«## » عنوان، و«- » قائمة، و«> » اقتباس.';
  if (hint) hint.textContent = editorHint;
  const wrap = el('div', { class: 'rich-editor', dir: 'rtl' });
  const content = el('div', { class: 'rich-editor-content' });
  label.after(wrap);

  const sync = (doc) => {
    const markdown = serializeMarkdown(doc, parsed);
    if (markdown === area.value.replace(/\s+$/, '')) return;
    writing = true;
    area.value = markdown;
    area.dispatchEvent(new Event('input', { bubbles: true }));
    writing = false;
  };
  const plugins = () => [
    rules,
    keymap(keys(openLink)[0]),
    keymap(keys(openLink)[1]),
    history(),
    trailingParagraph,
    singleImageGalleries,
    galleryEdges,
    new Plugin({ view: () => ({ update: () => tools.update() }) }),
  ];
  const stateFor = (doc) => EditorState.create({ schema, doc: withTrailingParagraph(doc), plugins: plugins() });
  const clipboardParser = PMDOMParser.fromSchema(schema);
  let tools = { update() {} };
  const view = new EditorView(content, {
    state: stateFor(parsed.doc),
    nodeViews: makeNodeViews({ csrf }),
    attributes: {
      class: 'rich-editor-body', role: 'textbox', 'aria-multiline': 'true', 'aria-label': 'نص المقال', dir: 'rtl', spellcheck: 'true',
    },
    clipboardParser,
    transformPastedHTML: cleanPastedHtml,
    // A NUL would make the whole form refused when saved (the server takes
    // no form holding one); HTML's parser drops them already.
    transformPastedText: (text) => text.replace(/\u0000/g, ''),
    handlePaste: (v, event) => {
      const files = imageFiles(event.clipboardData);
      if (files.length) { insertImages(v, csrf, files); return true; }
      return pasteEmbed(v, event);
    },
    handleDrop: (v, event) => {
      const files = imageFiles(event.dataTransfer);
      if (!files.length) return false;
      const at = v.posAtCoords({ left: event.clientX, top: event.clientY });
      if (at) v.dispatch(v.state.tr.setSelection(TextSelection.near(v.state.doc.resolve(at.pos))));
      insertImages(v, csrf, files);
      return true;
    },
    dispatchTransaction(tr) {
      const state = view.state.apply(tr);
      view.updateState(state);
      if (tr.docChanged) sync(state.doc);
    },
  });

  // The Markdown view: the textarea itself, for what the toolbar does not
  // offer or a quick look at the source.
  let sourceShown = false;
  const reload = () => {
    parsed = parseMarkdown(area.value);
    view.updateState(stateFor(parsed.doc));
  };
  const toggleSource = () => {
    sourceShown = !sourceShown;
    if (!sourceShown) reload();
    area.hidden = !sourceShown;
    if (hint) hint.textContent = sourceShown ? markdownHint : editorHint;
    content.hidden = sourceShown;
    tools.source.setAttribute('aria-pressed', sourceShown ? 'true' : 'false');
    Array.from(tools.bar.children).forEach((b) => { if (b !== tools.source) b.disabled = sourceShown; });
    (sourceShown ? area : view).focus();
  };
  tools = toolbar(view, csrf, toggleSource);
  wrap.append(tools.bar, content);
  tools.update();
  area.hidden = true;
  // A restored copy, or the textarea edited in the Markdown view.
  area.addEventListener('qalam:filled', reload);
  area.addEventListener('input', () => { if (!writing && !sourceShown) reload(); });
  form.addEventListener('submit', () => { if (!sourceShown) sync(view.state.doc); });
  return view;
}

function start() {
  const form = document.getElementById('editor');
  if (!form) return;
  const area = form.querySelector('textarea[name="body"]');
  if (area) mount(form, area);
  mountFeaturedPicker(form);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
