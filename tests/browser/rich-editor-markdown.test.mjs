// The rich editor's Markdown both ways (src/render/rich_editor/src/markdown.js),
// run under Node on real bodies: the welcome site's, the seed's and, when the
// shared data sits beside the repository, every body of the ANT corpus.
// Each body parsed and serialized afresh parses back to the same document
// (nothing lost or changed by escaping), and an edit that adds a paragraph
// leaves the rest of the body byte for byte. Then the shared block forms of
// the body (figure, gallery, embed) and what is not one of them.
// The module is bundled for Node with Debian's esbuild from the packages the
// build installed (build/rich_editor/node_modules).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { QALAM_BIN, QALAM_SHARED, SEED_JSONL, CLI_TIMEOUT } from './support/qalam.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const source = path.resolve(here, '../../src/render/rich_editor/src');
const nodeModules = path.join(path.dirname(QALAM_BIN), 'rich_editor', 'node_modules');
let md;

before(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'qalam-rich-md-'));
  const out = path.join(dir, 'markdown.mjs');
  await new Promise((resolve, reject) => execFile('esbuild', [
    path.join(source, 'markdown.js'), '--bundle', '--platform=node', '--format=esm', '--log-level=warning', `--outfile=${out}`,
  ], { env: { ...process.env, NODE_PATH: nodeModules }, timeout: CLI_TIMEOUT }, (err, _o, stderr) => (err ? reject(new Error(stderr || err.message)) : resolve())));
  md = await import(pathToFileURL(out).href);
  await rm(dir, { recursive: true, force: true });
}, { timeout: CLI_TIMEOUT });

async function bodies(file) {
  const text = await readFile(file, 'utf8');
  return text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)).filter((a) => a.body)
    .map((a) => ({ id: a.id || a.title, body: a.body }));
}

async function checkBodies(list) {
  const { parseMarkdown, serializeMarkdown } = md;
  const unstable = [];
  const rewritten = [];
  for (const { id, body } of list) {
    const parsed = parseMarkdown(body);
    const fresh = serializeMarkdown(parsed.doc);
    if (!parseMarkdown(fresh).doc.eq(parsed.doc)) unstable.push(id);
    const schema = parsed.doc.type.schema;
    const edited = parsed.doc.copy(parsed.doc.content.addToEnd(schema.node('paragraph', null, schema.text('فقرة جديدة'))));
    if (serializeMarkdown(edited, parsed) !== `${body.replace(/\s+$/, '')}\n\nفقرة جديدة`) rewritten.push(id);
  }
  assert.deepEqual(unstable.slice(0, 10), [], 'every body serialized afresh parses back to the same document');
  assert.deepEqual(rewritten.slice(0, 10), [], 'an added paragraph leaves the rest of every body as it was written');
}

test('the welcome site\'s and the seed\'s bodies round-trip', async () => {
  const list = [...await bodies(path.resolve(here, '../../src/services/welcome_site.jsonl')), ...await bodies(SEED_JSONL)];
  assert.ok(list.length >= 2, 'bodies to check');
  await checkBodies(list);
});

const ANT = path.join(QALAM_SHARED, 'data', 'ant-corpus', 'ant-qalam.jsonl');
test('every body of the ANT corpus round-trips', { skip: !existsSync(ANT) && 'the ANT corpus is not beside the repository' }, async () => {
  const list = await bodies(ANT);
  assert.ok(list.length > 1000, 'the corpus has its bodies');
  await checkBodies(list);
});

test('the shared block forms: figure, gallery, embed; and what is not one', () => {
  const { parseMarkdown, serializeMarkdown, splitTitle } = md;
  const types = (text) => {
    const out = [];
    parseMarkdown(text).doc.forEach((n) => out.push(n.type.name === 'gallery' ? `gallery:${n.childCount}` : n.type.name));
    return out;
  };
  const same = (text) => assert.equal(serializeMarkdown(parseMarkdown(text).doc), text, `serialized back as written: ${text}`);
  assert.deepEqual(splitTitle('الميناء | قديم | رويترز'), { caption: 'الميناء | قديم', credit: 'رويترز' }, 'split at the last " | "');
  assert.deepEqual(splitTitle('| تصوير: رويترز'), { caption: '', credit: 'تصوير: رويترز' });
  assert.deepEqual(splitTitle('تعليق فقط'), { caption: 'تعليق فقط', credit: '' });

  const figure = parseMarkdown('![رافعات](/media/a.jpg "الرافعات | تصوير: رويترز")').doc.firstChild;
  assert.equal(figure.type.name, 'figure');
  assert.deepEqual({ ...figure.attrs }, { src: '/media/a.jpg', alt: 'رافعات', caption: 'الرافعات', credit: 'تصوير: رويترز' });
  for (const text of [
    '![رافعات](/media/a.jpg "الرافعات | تصوير: رويترز")',
    '![رافعات](/media/a.jpg "| تصوير: رويترز")',
    '![أ](/media/a.jpg)\n![ب](/media/b.jpg "تعليق")',
    'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
    'فقرة فيها ![صورة](/media/a.jpg) داخل النص.',
    'https://example.com/page_one',
    '[فيديو](https://youtu.be/dQw4w9WgXcQ)',
  ]) same(text);
  assert.deepEqual(types('![أ](/media/a.jpg) ![ب](/media/b.jpg)'), ['gallery:2'], 'images separated by a space are a gallery');
  assert.deepEqual(types('![أ](/media/a.jpg)\n![ب](/media/b.jpg)\n![ج](/media/c.jpg)'), ['gallery:3']);
  assert.deepEqual(types('فقرة فيها ![صورة](/media/a.jpg) داخل النص.'), ['paragraph'], 'an image in running text stays inline');
  for (const url of [
    'https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'https://youtu.be/dQw4w9WgXcQ', 'https://www.youtube.com/shorts/abc123',
    'https://vimeo.com/76979871', 'https://x.com/user/status/1234567890', 'https://twitter.com/user/status/1234567890',
    'https://www.facebook.com/page/posts/pfbid0abc', 'https://www.facebook.com/page/videos/1234', 'https://fb.watch/abc123/',
    'https://www.instagram.com/p/Cabc123/', 'https://www.instagram.com/reel/Cabc123/', 'https://www.tiktok.com/@user/video/1234567890',
  ]) assert.deepEqual(types(url), ['embed'], `${url} alone is an embed`);
  assert.deepEqual(types('<https://vimeo.com/76979871>'), ['embed'], 'an autolink alone is an embed');
  assert.equal(serializeMarkdown(parseMarkdown('<https://vimeo.com/76979871>').doc), 'https://vimeo.com/76979871',
    'an embed serializes as the bare address');
  assert.deepEqual(types('https://example.com/video'), ['paragraph'], 'another site\'s address stays a link');
  assert.deepEqual(types('[فيديو](https://youtu.be/dQw4w9WgXcQ)'), ['paragraph'], 'a [text](address) link is not an embed');
  assert.deepEqual(types('شاهد https://youtu.be/dQw4w9WgXcQ'), ['paragraph'], 'an address inside text is not an embed');
});

test('a list item\'s own paragraph is no figure or embed, as on the site; a quote\'s is', () => {
  const { parseMarkdown, serializeMarkdown } = md;
  for (const text of [
    '- https://youtu.be/dQw4w9WgXcQ',
    '- ![أ](/media/a.jpg)',
    '1. البند\n2. https://vimeo.com/76979871',
    '> https://youtu.be/dQw4w9WgXcQ',
  ]) {
    const { doc } = parseMarkdown(text);
    assert.equal(serializeMarkdown(doc), text, `serialized back as written: ${text}`);
    assert.ok(parseMarkdown(serializeMarkdown(doc)).doc.eq(doc), `parses back to the same document: ${text}`);
  }
  const inItem = parseMarkdown('- https://youtu.be/dQw4w9WgXcQ').doc.firstChild.firstChild.firstChild;
  assert.equal(inItem.type.name, 'paragraph', 'a list item\'s address stays a paragraph');
  assert.equal(inItem.firstChild.marks[0].type.name, 'link', 'with its link');
  const image = parseMarkdown('- ![أ](/media/a.jpg)').doc.firstChild.firstChild.firstChild;
  assert.equal(image.firstChild.type.name, 'image', 'a list item\'s image stays inline');
  assert.equal(parseMarkdown('> https://youtu.be/dQw4w9WgXcQ').doc.firstChild.firstChild.type.name, 'embed',
    'a quote\'s lone address is an embed, as the site shows it');
});

test('a gallery as the WordPress import writes it; reordered, with a caption edited, it is written back in its new order', () => {
  const { parseMarkdown, serializeMarkdown } = md;
  const imported = parseMarkdown('![قارب](</media/a.jpg> "القارب عند \\"الغروب\\"")\n![طاحونة](</media/b.jpg>)').doc.firstChild;
  assert.equal(imported.type.name, 'gallery');
  assert.deepEqual(imported.content.content.map((f) => [f.attrs.src, f.attrs.alt, f.attrs.caption]),
    [['/media/a.jpg', 'قارب', 'القارب عند "الغروب"'], ['/media/b.jpg', 'طاحونة', '']]);

  const text = 'قبل المعرض.\n\n![أ](/media/a.jpg "الأولى | تصوير: أ")\n![ب](/media/b.jpg)\n![ج](/media/c.jpg "الثالثة")\n\nبعد   المعرض.';
  const parsed = parseMarkdown(text);
  const gallery = parsed.doc.child(1);
  const [a, b, c] = gallery.content.content;
  const reordered = gallery.copy(gallery.content.constructor.from([c, a.type.create({ ...a.attrs, caption: 'الأولى بعد التعديل' }), b]));
  const edited = parsed.doc.copy(parsed.doc.content.replaceChild(1, reordered));
  assert.equal(serializeMarkdown(edited, parsed),
    'قبل المعرض.\n\n![ج](/media/c.jpg "الثالثة")\n![أ](/media/a.jpg "الأولى بعد التعديل | تصوير: أ")\n![ب](/media/b.jpg)\n\nبعد   المعرض.',
    'only the gallery is rewritten, in its new order');
});

test('a caption typed with quotes, backslashes, an entity or a bar reads back as typed', () => {
  const { parseMarkdown, serializeMarkdown } = md;
  const schema = parseMarkdown('x').doc.type.schema;
  for (const [caption, credit, back] of [
    ['قال "نعم" \\ ثم مضى', 'تصوير: أ', null],
    ['ينتهي بشرطة\\', '', null],
    ['AT&T و &amp; حرفيًا', '', null],
    ['القاهرة | مساءً', '', 'القاهرة ｜ مساءً'],
    ['| بداية', '', '｜ بداية'],
    ['القاهرة | مساءً', 'رويترز', null],
  ]) {
    const doc = schema.node('doc', null, [schema.node('figure', { src: '/media/a.jpg', alt: 'أ', caption, credit })]);
    const text = serializeMarkdown(doc);
    const figure = parseMarkdown(text).doc.firstChild;
    assert.equal(figure.type.name, 'figure', text);
    assert.deepEqual([figure.attrs.caption, figure.attrs.credit], [back || caption, credit], `read back from ${text}`);
  }
});
