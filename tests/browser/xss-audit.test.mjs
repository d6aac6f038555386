// The XSS part of issue 15's hostile-input audit. Every payload of
// fixtures/xss-payloads.json (the kinds of OWASP's filter-evasion cheat
// sheet; each calls its own marker, xss(N), alert(N) or msgbox(N), or names
// N in an address) goes in through every input that reaches a page or the
// desk: the comment form (name and text), every field of the desk's
// article editor, `qalam import`, people's bios, sections' and tags'
// descriptions, breaking news (desk and `qalam breaking add`), the
// settings and the footer menu, search queries and the media library (alt,
// caption, credit; the upload's file name is never kept). Then chromium
// loads every page where they show, reader's and desk's, and the test
// fails, naming the payload, on
// - anything that ran: alert/confirm/prompt/print/xss/msgbox are hooked
//   before any page script, in every frame;
// - a CSP violation (the securitypolicyviolation event, or a console error
//   naming the Content Security Policy): the CSP stopping a payload is still
//   a hole in Qalam's escaping;
// - an uncaught exception;
// - a request the payloads make (evil.example, an `x` image);
// - the served HTML itself (parsed without running it) and the live DOM
//   holding anything executable: an on* attribute, a script that is not
//   the theme's or JSON-LD that parses, a javascript:/vbscript:/data:
//   address in href/src/action/formaction/data/xlink:href, object, embed,
//   base, frame, iframe (srcdoc or not), meta refresh, SVG animate/set.
// The API answers JSON (application/json, nosniff); feeds are XML and not
// run. Screenshots xss-*-phone.png and xss-*-desktop.png in QALAM_ARTIFACTS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFile } from 'node:fs/promises';
import {
  newContext, ensureArtifacts, addUser, qalam, useSite, TEST_TIMEOUT, VIEWPORTS,
} from './support/qalam.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const PAYLOADS = JSON.parse(readFileSync(path.join(here, 'fixtures', 'xss-payloads.json'), 'utf8'));
const BY_N = new Map(PAYLOADS.map((p) => [p.n, p]));
const TEXTS = PAYLOADS.map((p) => p.payload);
const PASSWORD = 'kalimat-sirr-2024';
const ADMIN = { role: 'admin', email: 'admin@xss.example', name: 'مديرة الموقع' };
const SAFE_URL = 'https://example.com/story';

const cp = (s) => [...s].length;
const oneLine = (s) => s.replace(/[\r\n\u2028\u2029]+/g, ' ');

/**
 * Packs texts, in order, into as few strings as fit `limit` code points,
 * joined by `sep`. A text longer than the limit gets a string of its own,
 * cut (its marker is at its start or middle; a cut one is still hostile).
 */
function pack(texts, limit, sep = ' ') {
  const out = [];
  let cur = '';
  for (const t0 of texts) {
    const t = cp(t0) > limit ? [...t0].slice(0, limit).join('') : t0;
    if (cur !== '' && cp(cur) + cp(sep) + cp(t) > limit) {
      out.push(cur);
      cur = '';
    }
    cur = cur === '' ? t : cur + sep + t;
  }
  if (cur !== '') out.push(cur);
  return out;
}

/** Splits a list into lists of at most n. */
function groups(list, n) {
  const out = [];
  for (let i = 0; i < list.length; i += n) out.push(list.slice(i, i + n));
  return out;
}

/** The payloads a piece of HTML or text names, as «#N (kind): payload». */
function blame(text) {
  const ns = new Set();
  for (const m of String(text).matchAll(/(?:xss|alert|msgbox|click|img|ref)[( ](\d+)|evil\.example\/(\d+)|>(\d+)<\/a>/g)) {
    const n = Number(m[1] ?? m[2] ?? m[3]);
    if (BY_N.has(n)) ns.add(n);
  }
  if (ns.size === 0) return 'no payload named';
  return [...ns].map((n) => `#${n} (${BY_N.get(n).kind}): ${JSON.stringify(BY_N.get(n).payload)}`).join('; ');
}

// ---------------------------------------------------------------------------
// What is looked for in a document: runs in the page, on the live DOM and on
// the served HTML parsed by DOMParser (which runs nothing).
function scanDocument({ html, live }) {
  const found = [];
  const origin = location.origin;
  const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'poster', 'background',
    'codebase', 'cite', 'lowsrc', 'dynsrc', 'srcset', 'ping', 'manifest', 'icon']);
  const FORBIDDEN = new Set(['object', 'embed', 'base', 'frame', 'frameset', 'applet', 'portal', 'iframe',
    'animate', 'set', 'animatemotion', 'animatetransform', 'handler', 'listener', 'isindex']);
  const badScheme = (value) => {
    // As a browser reads it: control characters and spaces are dropped.
    const v = String(value).replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
    return /^(javascript|vbscript|data|livescript|mocha):/.test(v);
  };
  const show = (el) => el.outerHTML.slice(0, 300);
  const scan = (doc, where) => {
    for (const el of doc.querySelectorAll('*')) {
      const tag = el.localName.toLowerCase();
      for (const a of el.attributes) {
        const name = a.name.toLowerCase();
        if (name.startsWith('on')) found.push({ where, what: `${tag}[${name}]`, html: show(el) });
        if (name === 'srcdoc') found.push({ where, what: `${tag}[srcdoc]`, html: show(el) });
        if (URL_ATTRS.has(name) && badScheme(a.value)) found.push({ where, what: `${tag}[${name}=${a.value.slice(0, 40)}]`, html: show(el) });
        if (name === 'style' && /expression\(|javascript:|url\(\s*['"]?\s*(javascript|data|vbscript):/i.test(a.value)) {
          found.push({ where, what: `${tag}[style]`, html: show(el) });
        }
      }
      if (FORBIDDEN.has(tag)) found.push({ where, what: `<${tag}>`, html: show(el) });
      if (tag === 'meta') {
        const eq = (el.getAttribute('http-equiv') || '').toLowerCase();
        if (eq && eq !== 'content-type') found.push({ where, what: `meta[http-equiv=${eq}]`, html: show(el) });
      }
      if (tag === 'script') {
        const type = (el.getAttribute('type') || '').toLowerCase();
        const src = el.getAttribute('src');
        if (type === 'application/ld+json' && !src) {
          try { JSON.parse(el.textContent); } catch { found.push({ where, what: 'JSON-LD that does not parse', html: show(el) }); }
          continue;
        }
        let ours = false;
        if (src && !el.textContent.trim()) {
          try {
            const u = new URL(src, location.href);
            ours = u.origin === origin && (u.pathname.startsWith('/assets/') || u.pathname.startsWith('/admin/assets/'));
          } catch { ours = false; }
        }
        if (!ours) found.push({ where, what: 'a script that is not the site\'s', html: show(el) });
      }
      if (tag === 'link') {
        const rel = (el.getAttribute('rel') || '').toLowerCase();
        const href = el.getAttribute('href') || '';
        if (rel.includes('import') || (rel.includes('stylesheet') && new URL(href, location.href).origin !== origin)) {
          found.push({ where, what: `link[rel=${rel}]`, html: show(el) });
        }
      }
      if (tag === 'style' && doc.body && doc.body.contains(el)) found.push({ where, what: '<style> in the body', html: show(el) });
    }
  };
  if (live) scan(document, 'live DOM');
  if (html != null) scan(new DOMParser().parseFromString(html, 'text/html'), 'served HTML');
  return { found, hits: window.__xssHits || [], csp: window.__xssCsp || window.__qalamCsp || [] };
}

// ---------------------------------------------------------------------------

let site;
let browser;
let artifacts;
let link;
let deskCtx; // the admin, signed in; its request shares the cookies
let desk;    // deskCtx.request
let csrf;
const pages = { reader: new Set(), desk: new Set() }; // paths to load
// Paths whose payloads are in the address (read by the page's scripts, or
// echoed): run in chromium whatever the cover picks.
const alwaysRun = { reader: new Set(), desk: new Set() };
const refusals = []; // { path, form } desk forms refused: loaded through the browser too
const notes = [];    // what the seeding saw, for the report
let settingsRounds = []; // { settings, footer, labels }
let commentCount = 0;

useSite(async (env) => {
  ({ site, browser } = env);
  artifacts = await ensureArtifacts();
  link = await addUser(site.dataDir, ADMIN);
  for (const [k, v] of [['moderation_mode', 'pre'], ['comment_min_seconds', '0'], ['comment_rate_per_hour', '1000'],
    ['page_size', '100'], ['comment_max_chars', '20000']]) {
    await qalam(['settings', '--data', site.dataDir, k, v]);
  }
});

/** A new context with the hooks: every payload's marker, alert & co. */
async function hookedContext(options) {
  const context = await newContext(browser, options);
  await context.addInitScript(() => {
    window.__xssHits = [];
    const hook = (name) => function hooked(...args) {
      const hit = `${name}(${args.map(String).join(', ')})`;
      window.__xssHits.push(hit);
      try { if (window.top !== window) window.top.__xssHits.push(`in a frame: ${hit}`); } catch { /* cross-origin */ }
    };
    // Where a CSP violation comes from: an attribute's element is the event's
    // target (its HTML names the payload).
    document.addEventListener('securitypolicyviolation', (e) => {
      const el = e.target && e.target.outerHTML ? e.target.outerHTML.slice(0, 300) : String(e.target && e.target.nodeName);
      (window.__xssCsp ??= []).push(`${e.violatedDirective} (${e.sourceFile || 'inline'}:${e.lineNumber}) at ${el}`);
    }, true);
    for (const name of ['xss', 'alert', 'confirm', 'prompt', 'print', 'msgbox']) {
      Object.defineProperty(window, name, { value: hook(name), writable: false, configurable: false });
    }
  });
  return context;
}

function formOf(html) {
  const m = /name="csrf" value="([^"]+)"/.exec(html);
  return m ? m[1] : null;
}

// A form holding a NUL is refused whole (web/query_string.h: 400, nothing
// saved); the payloads with one are sent once as they are, to see that
// refusal, then without their NULs, so that every other payload of the
// form still goes in.
const hasNul = (form) => Object.values(form).some((v) => typeof v === 'string' && v.includes('\u0000'));
const withoutNul = (form) =>
  Object.fromEntries(Object.entries(form).map(([k, v]) => [k, typeof v === 'string' ? v.replaceAll('\u0000', '') : v]));

async function deskPost(pathname, form, { expect = [303] } = {}) {
  if (hasNul(form)) {
    const refused = await desk.post(site.url + pathname, { form: { csrf, ...form }, maxRedirects: 0 });
    assert.equal(refused.status(), 400, `POST ${pathname} with a NUL is refused`);
    form = withoutNul(form);
  }
  const res = await desk.post(site.url + pathname, { form: { csrf, ...form }, maxRedirects: 0 });
  const status = res.status();
  if (!expect.includes(status)) {
    const body = await res.text();
    const alert = body.indexOf('role="alert"');
    const main = body.slice(Math.max(0, alert >= 0 ? alert - 40 : body.indexOf('<main')));
    const error = main.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 400);
    throw new Error(`POST ${pathname} answered ${status}, not ${expect}: ${error}`);
  }
  return { status, location: res.headers().location || '', body: status === 303 ? '' : await res.text() };
}

async function deskGet(pathname) {
  const res = await desk.get(site.url + pathname);
  assert.equal(res.status(), 200, `GET ${pathname}`);
  return res.text();
}

const ids = (html, re) => [...new Set([...html.matchAll(re)].map((m) => m[1]))];

// Names (people, sources, sections, tags) are packs of payloads of at most
// 120 characters (the desk's names editor's bound), the same packs for
// every name field and for the import, so that each name has one page
// (writer, source, section, tag) and there are as few as can be.
const NAMES = pack(TEXTS.map((t) => oneLine(t).replace(/[,،|]/g, ' ').trim()), 120);
const nameAt = (i) => NAMES[((i % NAMES.length) + NAMES.length) % NAMES.length];

// The articles the desk makes: every field of the editor, each filled with
// packs of payloads as long as the field allows; as many articles as the
// most packs any field needs. The name fields take NAMES (the byline's
// other people: the next articles' writers).
function deskArticles() {
  const scalar = {
    title: pack(TEXTS, 300), writer_bio: pack(TEXTS, 2000, '\n'), image_alt: pack(TEXTS, 300),
    image_caption: pack(TEXTS, 300), seo_title: pack(TEXTS, 120), seo_description: pack(TEXTS, 300),
    slug: pack(TEXTS, 120),
  };
  const lists = {
    highlights: [groups(pack(TEXTS.map(oneLine), 600), 12), '\n'],
    related: [groups(pack(TEXTS.map((t) => oneLine(t).replace(/\|/g, ' ')), 200), 12).map((g) => g.map((t) => `${t} | ${SAFE_URL}`)), '\n'],
  };
  // The body: each payload a paragraph of its own, as a link's text, as an
  // image's alt and caption, in a quote and a list item.
  const bodies = groups(PAYLOADS, 30).map((g) => g.map((p) => [
    p.payload,
    `[${p.payload.replace(/[[\]]/g, '')}](${SAFE_URL})`,
    `![${p.payload.replace(/[[\]]/g, '')}](/media/none-${p.n}.jpg "${p.payload.replace(/"/g, '')} | ${p.n}")`,
    `> ${oneLine(p.payload)}`,
    `- ${oneLine(p.payload)}`,
  ].join('\n\n')).join('\n\n'));
  const notices = pack(TEXTS, 1000, '\n\n');
  const count = Math.max(NAMES.length, ...Object.values(scalar).map((v) => v.length),
    ...Object.values(lists).map(([g]) => g.length), bodies.length, notices.length);
  const out = [];
  for (let i = 0; i < count; i++) {
    const f = {};
    for (const [k, v] of Object.entries(scalar)) if (v[i]) f[k] = v[i];
    for (const [k, [g, sep]] of Object.entries(lists)) if (g[i]) f[k] = g[i].join(sep);
    f.title ??= `مقال اختبار رقم ${i + 1}`;
    f.body = bodies[i] ?? `نص المقال ${i + 1}.`;
    f.writer = nameAt(i);
    f.source = nameAt(i + 1);
    f.section = nameAt(i + 2);
    f.tags = [0, 1, 2, 3].map((k) => nameAt(i + 3 + k)).join('، ');
    f.co_writers = [nameAt(i + 7), nameAt(i + 8)].join('، ');
    f.translators = nameAt(i + 9);
    f.contributors = [nameAt(i + 10), nameAt(i + 11)].join('، ');
    if (notices[i]) Object.assign(f, { notice_fields: '1', notice_kind_0: 'correction', notice_placement_0: 'top', notice_text_0: notices[i] });
    f.source_url = SAFE_URL;
    f.original_url = `${SAFE_URL}/${i}`;
    out.push(f);
  }
  return out;
}

// The import: one JSON line per pack, every field of the interchange format.
function importLines() {
  const titles = pack(TEXTS, 300);
  const bios = pack(TEXTS, 2000, '\n');
  const hl = groups(pack(TEXTS.map(oneLine), 600), 12);
  const bodies = groups(TEXTS, 40).map((g) => g.join('\n\n'));
  const notices = pack(TEXTS, 1000, '\n\n');
  const seo = pack(TEXTS, 120);
  const count = Math.max(titles.length, hl.length, seo.length);
  const lines = [];
  for (let i = 0; i < count; i++) {
    lines.push({
      id: `xss-import-${i}`,
      title: titles[i] ?? `مقال مستورد ${i}`,
      status: 'published',
      published_at: '2026-01-01T10:00:00Z',
      editor: nameAt(i + 5),
      writer: { name: nameAt(i + 3), bio: bios[i % bios.length] },
      co_writers: [nameAt(i + 4)],
      translators: [nameAt(i + 6)],
      contributors: [nameAt(i + 7)],
      source: { name: nameAt(i + 2), url: SAFE_URL, article_url: `${SAFE_URL}/${i}` },
      section: nameAt(i + 1),
      tags: [nameAt(i), nameAt(i + 8)],
      highlights: hl[i] ?? [],
      body: bodies[i] ?? `نص ${i}`,
      related: [{ title: titles[(i + 1) % titles.length], url: SAFE_URL }],
      notices: notices[i] ? [{ kind: 'update', text: notices[i], date: '2026-01-02' }] : [],
      seo: { title: seo[i] ?? '', description: titles[i] ?? '' },
    });
  }
  return lines;
}

test('every payload goes in through every input (or is refused)', { timeout: TEST_TIMEOUT }, async () => {
  let last = Date.now();
  let lastName = 'signing in';
  const phase = (name) => { notes.push(`${lastName}: ${((Date.now() - last) / 1000).toFixed(1)} s`); last = Date.now(); lastName = name; };
  deskCtx = await hookedContext(VIEWPORTS.desktop);
  desk = deskCtx.request;
  const p = await deskCtx.newPage();
  await p.goto(`${site.url}${link}`);
  await p.getByLabel(/^كلمة المرور الجديدة/).fill(PASSWORD);
  await Promise.all([p.waitForURL((u) => u.pathname === '/admin'), p.getByRole('button', { name: 'حفظ', exact: true }).click()]);
  csrf = formOf(await p.content());
  assert.ok(csrf, 'the desk carries a csrf token');
  await p.close();

  phase('media library');
  // A featured image for the articles; its alt, caption and credit packs.
  const shots = await browser.newPage();
  const media = [];
  const alts = pack(TEXTS, 300);
  const captions = pack(TEXTS, 300).reverse();
  const credits = pack(TEXTS, 200);
  const uploads = Math.max(alts.length, captions.length, credits.length);
  for (let i = 0; i < uploads; i++) {
    await shots.setContent(`<body style="margin:0;background:hsl(${i * 37},70%,50%)"><p>${i}</p></body>`);
    const png = await shots.screenshot({ clip: { x: 0, y: 0, width: 64 + i, height: 48 } });
    // The upload's file name: a payload (never stored or shown).
    const upload = (strip) => desk.post(`${site.url}/admin/media`, {
      multipart: {
        csrf,
        alt: strip(alts[i % alts.length]),
        file: { name: `${strip(TEXTS[i].replace(/["\r\n]/g, ''))}.png`, mimeType: 'image/png', buffer: png },
      },
      maxRedirects: 0,
    });
    if (`${alts[i % alts.length]}${TEXTS[i]}`.includes('\u0000')) {
      assert.equal((await upload((v) => v)).status(), 400, `upload ${i} with a NUL is refused`);
    }
    const res = await upload((v) => v.replaceAll('\u0000', ''));
    assert.equal(res.status(), 303, `upload ${i}: ${(await res.text()).slice(0, 300)}`);
    const id = /[?&]id=(\d+)/.exec(res.headers().location)?.[1];
    assert.ok(id, `upload ${i} names its id`);
    media.push(id);
    await deskPost(`/admin/media/${id}`, { alt: alts[i % alts.length], caption: captions[i % captions.length], credit: credits[i % credits.length] });
  }
  for (let n = 1; n <= Math.ceil(uploads / 24); n++) pages.desk.add(`/admin/media?page=${n}`);
  await shots.close();
  // An SVG with a script, and a GIF that is also HTML: refused, or made
  // into new image files (variants are encoded anew, never the upload).
  for (const [name, type, bytes] of [
    ['x.svg', 'image/svg+xml', `<svg xmlns="http://www.w3.org/2000/svg" onload="xss(72)"><script>xss(73)</script></svg>`],
    ['x.gif', 'image/gif', `GIF89a<html><script>xss(1)</script><img src=x onerror=xss(15)>`],
    ['x.html', 'text/html', `<script>xss(1)</script>`]]) {
    const res = await desk.post(`${site.url}/admin/media`, {
      multipart: { csrf, alt: 'صورة', file: { name, mimeType: type, buffer: Buffer.from(bytes) } }, maxRedirects: 0,
    });
    assert.equal(res.status(), 400, `the upload of ${name} is refused`);
  }

  const jsUrls = PAYLOADS.filter((x) => /script:|data:/i.test(x.payload)).map((x) => x.payload.replace(/\n/g, ''));
  phase('import');
  // The import first: its names are the ones the desk's articles use.
  const lines = importLines();
  const file = path.join(site.dataDir, '..', 'xss.jsonl');
  const unsafe = jsUrls.slice(0, 20).map((u, i) => ({ id: `xss-unsafe-${i}`, title: `غير آمن ${i}`, body: 'نص', source: { name: 'م', url: u } }));
  await writeFile(file, [...lines, ...unsafe].map((l) => JSON.stringify(l)).join('\n') + '\n');
  const imported = await qalam(['import', '--data', site.dataDir, file]);
  const skipped = (imported.stderr.match(/skipped:/g) || []).length;
  assert.ok(skipped >= unsafe.length, `the import skips the lines with unsafe addresses (${skipped} skipped):\n${imported.stderr.slice(0, 2000)}`);
  notes.push(`import: ${lines.length} lines; ${skipped} skipped: ${imported.stdout.trim()}`);

  phase('desk editor');
  // The desk's editor, every field.
  const articles = deskArticles();
  const made = [];
  for (const [i, f] of articles.entries()) {
    const { location } = await deskPost('/admin/articles', {
      ...f, image_id: f.image_alt ? media[i % media.length] : '', action: 'publish', kind_fields: '1', kind: 'article', pin_fields: '1',
    });
    const id = /\/admin\/articles\/(\d+)/.exec(location)?.[1];
    assert.ok(id, `article ${i} saved: ${location}`);
    made.push(id);
    pages.desk.add(`/admin/articles/${id}`);
    // The rich editor renders the body in the page: every body runs.
    if (!f.body.startsWith('نص المقال')) alwaysRun.desk.add(`/admin/articles/${id}`);
  }
  // Edited once more, so the history has a diff of every field.
  for (const id of made.slice(0, 3)) {
    const html = await deskGet(`/admin/articles/${id}`);
    const version = /name="version" value="(\d+)"/.exec(html)[1];
    const f = articles[made.indexOf(id)];
    await deskPost(`/admin/articles/${id}`, { ...f, title: `${f.title.slice(0, 250)} ب`, version, action: 'save', image_id: f.image_alt ? media[0] : '' });
    pages.desk.add(`/admin/articles/${id}/history`);
  }
  // What the desk refuses comes back in the form: those pages too.
  for (const [i, u] of pack(jsUrls, 200, '').slice(0, 2).entries()) {
    refusals.push({ path: '/admin/articles', form: { title: `رفض ${i}`, body: 'نص', source: 'مصدر', source_url: u, original_url: u, related: `عنوان | ${u}`, action: 'save' } });
  }
  // Static pages (in the footer), their titles and bodies.
  for (const [i, f] of articles.slice(0, 3).entries()) {
    const { location } = await deskPost('/admin/articles', {
      title: f.title, body: f.body, action: 'publish', kind_fields: '1', kind: 'page', in_footer: '1',
    });
    const id = /\/admin\/articles\/(\d+)/.exec(location)?.[1];
    assert.ok(id, `page ${i} saved`);
    pages.desk.add(`/admin/articles/${id}`);
  }
  pages.reader.add('/page/' + encodeURIComponent(/href="\/page\/([^"]+)"/.exec(await (await desk.get(`${site.url}/`)).text())?.[1] ?? 'none'));
  // The preview of the editor (a whole article page): sent from the editor's page.
  for (const f of articles.slice(0, 6)) {
    refusals.push({ path: '/admin/preview', preview: true, form: { ...f, image_id: '' } });
  }
  // The header menu holds one link, so that the sections' names are not on
  // every page (the pages are big enough).
  await deskPost('/admin/identity', { menu: 'header', op: 'save', count: '1', kind_0: 'link', url_0: '/', label_0: 'الرئيسية' });
  notes.push(`desk: ${made.length} articles`);

  phase('names');
  // Names: bios and descriptions.
  const bios = pack(TEXTS, 2000, '\n\n');
  const descriptions = pack(TEXTS, 500);
  for (const [kind, texts, field] of [['person', bios, 'bio'], ['section', descriptions, 'description'], ['tag', descriptions, 'description']]) {
    const list = await deskGet(`/admin/names/${kind}`);
    const found = ids(list, new RegExp(`href="/admin/names/${kind}/(\\d+)"`, 'g'));
    assert.ok(found.length >= 1, `the desk lists ${kind}s`);
    pages.desk.add(`/admin/names/${kind}`);
    for (const [i, text] of texts.entries()) {
      const id = found[i % found.length];
      const html = await deskGet(`/admin/names/${kind}/${id}`);
      const name = /name="name"[^>]*value="([^"]*)"/.exec(html)?.[1] ?? /value="([^"]*)"[^>]*name="name"/.exec(html)?.[1];
      assert.ok(name !== undefined, `the ${kind} editor shows the name`);
      const decoded = await decodeEntities(name);
      await deskPost(`/admin/names/${kind}/${id}`, { name: decoded, [field]: text, url: SAFE_URL });
      pages.desk.add(`/admin/names/${kind}/${id}`);
      const pub = /href="(\/(?:writer|section|tag)\/[^"]+)"/.exec(html)?.[1];
      if (pub) pages.reader.add(await decodeEntities(pub));
    }
  }
  pages.desk.add('/admin/names/source');

  phase('breaking news, terms, accounts');
  // Breaking news: the desk and the command line.
  for (const text of pack(TEXTS, 280)) {
    await deskPost('/admin/breaking/add', { text, link: SAFE_URL, minutes: '600' });
  }
  for (const text of pack(TEXTS.slice(0, 40), 280)) {
    await qalam(['breaking', 'add', '--data', site.dataDir, text, '--link', '/search?q=x']);
  }
  for (const [i, l] of jsUrls.slice(0, 12).entries()) {
    const refused = await qalam(['breaking', 'add', '--data', site.dataDir, `خبر ${i}`, '--link', l]).then(() => false, () => true);
    assert.ok(refused, `qalam breaking add --link ${JSON.stringify(l)} is refused`);
  }
  refusals.push({ path: '/admin/breaking/add', form: { text: TEXTS.slice(0, 4).join(' '), link: jsUrls[0], minutes: '10' } });
  pages.desk.add('/admin/breaking');

  // Moderation terms (before the comments, so that the queue marks them in
  // the payloads) and their categories.
  // A term is at most five words of at most 100 characters: each payload's first five.
  const termTexts = [...new Set(TEXTS.map((t) => [...oneLine(t).trim().split(/\s+/).slice(0, 5).join(' ')].slice(0, 100).join('')))];
  let termsRefused = 0;
  for (const [i, text] of termTexts.entries()) {
    const { status } = await deskPost('/admin/terms', { text, action: i % 2 ? 'hold' : 'reject', category: '' }, { expect: [303, 400] });
    if (status === 400) termsRefused++;
  }
  notes.push(`terms: ${termTexts.length}, ${termsRefused} refused`);
  refusals.push({ path: '/admin/terms', form: { text: TEXTS[0], action: 'hold', category: TEXTS[1] } });
  pages.desk.add('/admin/terms');

  // Accounts: names of the newsroom (the desk's form and `qalam user add`).
  const people = pack(TEXTS.map(oneLine), 100);
  for (const [i, name] of people.entries()) {
    await deskPost('/admin/accounts', { email: `staff${i}@xss.example`, name, role: ['writer', 'editor', 'moderator'][i % 3] }, { expect: [200] });
  }
  for (const [i, name] of people.slice(0, 2).entries()) await addUser(site.dataDir, { role: 'writer', email: `cli${i}@xss.example`, name });
  refusals.push({ path: '/admin/accounts', form: { email: 'new@xss.example', name: people[3], role: 'writer' }, what: 'added' });
  refusals.push({ path: '/admin/accounts', form: { email: TEXTS[40], name: people[4], role: 'writer' } });
  pages.desk.add('/admin/accounts');

  // Addresses and queries that pages may echo.
  for (const q of pack(TEXTS.map(oneLine), 200).slice(0, 4)) {
    pages.desk.add(`/admin/articles?q=${encodeURIComponent(q)}`);
    pages.desk.add(`/admin/names/person?q=${encodeURIComponent(q)}`);
    pages.reader.add(`/no-such-page/${encodeURIComponent(q)}`);
    pages.reader.add(`/search?q=x&page=${encodeURIComponent(q)}`);
  }
  alwaysRun.reader.add(`/admin/set-password?token=${encodeURIComponent(TEXTS[80])}`);
  for (const [i, t] of TEXTS.slice(0, 6).entries()) {
    const e = encodeURIComponent(t);
    alwaysRun.desk.add(`/admin/media?done=uploaded&id=${e}`);
    alwaysRun.desk.add(`/admin/identity?done=${e}`);
    alwaysRun.desk.add(`/admin/comments?state=${e}&article=${e}&page=${i + 1}`);
    alwaysRun.desk.add(`/admin/articles?state=${e}&mine=${e}`);
    alwaysRun.reader.add(`/admin/login?done=${e}&email=${e}`);
    alwaysRun.reader.add(`/latest?page=${e}`);
  }
  refusals.push({ path: '/admin/login', reader: true, form: { email: TEXTS[41], password: TEXTS[42] } });

  phase('comments');
  // Comments: the first through the form in the browser, the rest posted
  // the same way (POST /comments with a token from /api/comment-token),
  // all held; seen in the queue, approved in bulk.
  const seedHome = await (await desk.get(`${site.url}/`)).text();
  const seedPath = await decodeEntities(/href="(\/article\/[^"]+)"/.exec(seedHome)[1]);
  const articleHtml = await (await desk.get(site.url + seedPath)).text();
  const articleId = /name="article" value="(\d+)"/.exec(articleHtml)?.[1];
  assert.ok(articleId, 'the article page has the comment form');
  const reader = await hookedContext(VIEWPORTS.phone);
  try {
    const r = await reader.newPage();
    await r.goto(site.url + seedPath);
    await r.waitForFunction(() => document.querySelector('#comment-form input[name=token]').value !== '');
    const form = r.locator('#comment-form');
    await form.getByLabel(/^الاسم/).fill(TEXTS[0]);
    await form.getByLabel(/^البريد الإلكتروني/).fill('reader@mail.example');
    // (Without NULs: a form holding one is refused whole, as below.)
    await form.getByLabel(/^التعليق/).fill(TEXTS.join('\n').replaceAll('\u0000', ''));
    await Promise.all([r.waitForURL(/posted=\d+/), form.getByRole('button', { name: 'أرسل التعليق' }).click()]);
    await r.locator('#comment-form .comment-status').waitFor({ state: 'visible' });
    await checkPage(r, null, 'the article after posting a comment');
    const names = pack(TEXTS.map(oneLine), 100);
    const bodies = groups(TEXTS, 3).map((g) => g.join('\n\n'));
    const { token } = await (await reader.request.get(`${site.url}/api/comment-token?article=${articleId}`)).json();
    for (let i = 0; i < Math.max(names.length, bodies.length); i++) {
      const form = { article: articleId, name: names[i % names.length], email: `r${i}@mail.example`, comment: bodies[i % bodies.length], token, website: '' };
      if (hasNul(form)) {
        const refused = await reader.request.post(`${site.url}/comments`, { form, maxRedirects: 0 });
        assert.equal(refused.status(), 400, `comment ${i + 1} with a NUL is refused`);
      }
      const res = await reader.request.post(`${site.url}/comments`, { form: withoutNul(form), maxRedirects: 0 });
      assert.equal(res.status(), 303, `comment ${i + 1}: ${(await res.text()).slice(0, 300)}`);
    }
    commentCount = Math.max(names.length, bodies.length) + 1;
    // The form sent back with an error shows what was typed.
    refusals.push({ path: '/comments', reader: true, form: { article: articleId, name: names[0], email: 'not-an-email', comment: TEXTS.slice(0, 30).join('\n'), token: '' } });
  } finally {
    await reader.close();
  }
  // The queue of every state (the spam rules may have put some aside).
  const pagesOfQueue = Math.ceil(commentCount / 30);
  const held = [];
  for (let n = 1; n <= pagesOfQueue; n++) {
    held.push(...ids(await deskGet(`/admin/comments?page=${n}`), /action="\/admin\/comments\/(\d+)"/g));
    pages.desk.add(`/admin/comments?page=${n}`);
  }
  const spam = ids(await deskGet('/admin/comments?state=spam'), /action="\/admin\/comments\/(\d+)"/g).length;
  pages.desk.add('/admin/comments?state=pending');
  pages.desk.add('/admin/comments?state=spam');
  assert.equal(held.length, commentCount, 'every comment is in the queue');
  notes.push(`comments: ${commentCount} posted, ${spam} of them put aside as spam`);
  await deskPost('/admin/comments/bulk', { ids: held.join(','), action: 'approve', back: '/admin/comments' });
  for (let n = 1; n <= pagesOfQueue; n++) pages.reader.add(`${seedPath}?page=${n}`);
  // The comment form's script reads ?posted= and ?sig=.
  for (const t of TEXTS.slice(14, 20)) alwaysRun.reader.add(`${seedPath}?posted=${encodeURIComponent(t)}&sig=${encodeURIComponent(t)}&page=${encodeURIComponent(t)}#${encodeURIComponent(t)}`);
  // The report form quotes the comment.
  for (const id of held.slice(0, 8)) pages.reader.add(`/comments/${id}/report`);
  pages.desk.add('/admin/comments?state=approved');

  phase('settings');
  // Settings, the footer text and the footer menu, in rounds: each round's
  // home, article and desk pages are loaded before the next round.
  settingsRounds = [];
  const names = pack(TEXTS.map((t) => t.replace(/[\r\n]/g, ' ')), 300);
  const descr = pack(TEXTS.map((t) => t.replace(/[\r\n]/g, ' ')), 300).reverse();
  const footer = pack(TEXTS.map((t) => t.replace(/[\r\n]/g, ' ')), 300).slice(3).concat(pack(TEXTS.slice(0, 12).map((t) => t.replace(/[\r\n]/g, ' ')), 300));
  const terms = pack(TEXTS, 5000, '\n\n');
  const labels = groups(pack(TEXTS.map((t) => t.replace(/[\u0000-\u001f\u2028\u2029\u200b\u202a-\u202e\u2066-\u2069\ufeff]/g, ' ')), 60), 20);
  const rounds = Math.max(names.length, descr.length, footer.length, terms.length, labels.length);
  for (let i = 0; i < rounds; i++) {
    settingsRounds.push({
      settings: { site_name: names[i % names.length], site_description: descr[i % descr.length], comment_terms: terms[i % terms.length] },
      footer: footer[i % footer.length],
      labels: labels[i % labels.length],
    });
  }

  // Search: each pack of payloads as a query (at most 200 characters and 20 words).
  for (const q of pack(TEXTS.map((t) => t.replace(/\s+/g, ' ')), 200)) pages.reader.add(`/search?q=${encodeURIComponent(q)}`);

  // The reader's pages where the articles show: home, each article, and
  // every writer, source, section and tag page linked from them.
  pages.reader.add('/');
  pages.reader.add('/latest');
  pages.reader.add('/corrections');
  const home = await (await desk.get(`${site.url}/`)).text();
  for (const a of ids(home, /href="(\/article\/[^"#?]+)"/g)) pages.reader.add(await decodeEntities(a));
  for (let n = 1; n <= 4; n++) pages.desk.add(`/admin/articles?page=${n}`);
  for (const x of ['/admin', '/admin/settings', '/admin/identity', '/admin/audit', '/admin/home', '/admin/articles?state=published']) pages.desk.add(x);
  phase('');
  notes.push(`pages: ${pages.reader.size} reader's, ${pages.desk.size} desk's; ${settingsRounds.length} settings rounds`);
});

let decodePage;
/** HTML entities decoded (by the browser: no hand-written table). */
async function decodeEntities(s) {
  decodePage ??= await browser.newPage();
  return decodePage.evaluate((t) => { const x = document.createElement('textarea'); x.innerHTML = t; return x.value; }, s);
}

// ---------------------------------------------------------------------------
// Loading and judging.

const findings = [];

function addFinding(where, what, detail, sink = findings) {
  sink.push(`${where}: ${what}\n    ${String(detail).slice(0, 300)}\n    payload: ${blame(detail)}`);
}

/** Watches a page for what a payload would make it do. */
function arm(page) {
  const seen = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content[- ]Security[- ]Policy|CSP/i.test(msg.text())) seen.push(['console CSP error', msg.text()]);
  });
  page.on('pageerror', (err) => seen.push(['uncaught exception', err.message]));
  page.on('request', (req) => {
    const u = req.url();
    // Nothing on these pages loads from another site (embeds wait for a
    // click): a request elsewhere is a payload's (//evil.example/…). A
    // same-site address with a marker in it is an image's text, inert.
    // (data: addresses, which the theme's CSS may use, are judged in the
    // markup instead.)
    let elsewhere;
    try { elsewhere = !u.startsWith('data:') && new URL(u).origin !== new URL(site.url).origin; } catch { elsewhere = true; }
    if (elsewhere) seen.push(['a request a payload makes', u]);
  });
  page.on('dialog', (d) => { seen.push(['a dialog', d.message()]); d.dismiss().catch(() => {}); });
  return seen;
}

/** Judges the document now in `page`; `html` is the served text when known. */
async function checkPage(page, html, where, sink = findings) {
  const seen = page.__xssSeen ?? (page.__xssSeen = arm(page));
  const { found, hits, csp } = await page.evaluate(scanDocument, { html, live: true });
  for (const f of found) addFinding(`${where} (${f.where})`, f.what, f.html, sink);
  for (const h of hits) addFinding(where, `ran: ${h}`, h, sink);
  for (const v of csp) addFinding(where, `CSP violation: ${v}`, v, sink);
  for (const [what, detail] of seen.splice(0)) addFinding(where, what, detail, sink);
}

test('the checks do see a payload that gets through', { timeout: TEST_TIMEOUT }, async () => {
  const ctx = await hookedContext(VIEWPORTS.desktop);
  try {
    const page = await ctx.newPage();
    page.__xssSeen = arm(page);
    await page.goto(`${site.url}/`);
    const seen = [];
    await checkPage(page, await (await ctx.request.get(`${site.url}/`)).text(), 'home', seen);
    assert.deepEqual(seen, [], 'a clean page has no findings');
    // As if the server had let these through: into the served HTML, and
    // into the live page (where the CSP blocks the handler and reports it).
    const served = '<p><img src=x onerror=xss(15)><a href=" jav&#x09;ascript:xss(41)">x</a></p><script>xss(1)</script>' +
      '<script type="application/ld+json">{"a":"</script><script>xss(173)</script>"}</script><svg><animate attributeName=href values=javascript:xss(76) /></svg>';
    await page.evaluate(() => {
      document.body.insertAdjacentHTML('beforeend', '<img src=x onerror="xss(16)"><base href="//evil.example/95/">');
      window.alert(3);
    });
    await page.waitForTimeout(200);
    await checkPage(page, served, 'control', seen);
    const all = seen.join('\n');
    for (const n of [15, 41, 1, 76, 16, 95, 3]) assert.match(all, new RegExp(`#${n} \\(`), `the checks name payload ${n}:\n${all}`);
    assert.match(all, /img\[onerror\]/);
    assert.match(all, /a\[href=/);
    assert.match(all, /CSP violation/, 'the CSP\'s report is seen');
    assert.match(all, /ran: alert\(3\)/, 'the hook on alert is seen');
    assert.match(all, /JSON-LD that does not parse|a script that is not the site/);
  } finally {
    await ctx.close();
  }
});

const timings = [];
async function visit(page, pathname) {
  const t0 = Date.now();
  const asked = new URL(site.url + pathname);
  asked.hash = '';
  page.__visiting = asked.href;
  const res = await page.goto(site.url + pathname, { waitUntil: 'load' });
  const status = res ? res.status() : 0;
  const type = res ? res.headers()['content-type'] || '' : '';
  if (status >= 500) addFinding(pathname, `HTTP ${status}`, '');
  if (!type.startsWith('text/html')) addFinding(pathname, `served as ${type}`, '');
  const html = res ? await res.text() : null;
  const t1 = Date.now();
  await checkPage(page, html, pathname);
  timings.push([Date.now() - t0, t1 - t0, pathname]);
}

/** Loads the paths in `list` with `n` pages of `context` side by side. */
async function visitAll(context, list, n = 2) {
  const queue = [...list];
  const workers = [];
  for (let i = 0; i < n; i++) {
    workers.push((async () => {
      const page = await context.newPage();
      page.__xssSeen = arm(page);
      try {
        for (let p = queue.shift(); p !== undefined; p = queue.shift()) await visit(page, p);
      } finally {
        await page.close();
      }
    })());
  }
  await Promise.all(workers);
}

/** Sends a desk or reader form from inside a page (a real browser POST) and judges the answer. */
async function submitInPage(page, pathname, form, what = 'refused') {
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.evaluate(({ pathname, form }) => {
      const f = document.createElement('form');
      f.method = 'post';
      f.action = pathname;
      for (const [k, v] of Object.entries(form)) {
        const t = document.createElement('textarea');
        t.name = k;
        t.value = v;
        f.append(t);
      }
      document.body.append(f);
      f.submit();
    }, { pathname, form }),
  ]);
  await checkPage(page, null, `POST ${pathname} (${what})`);
}

// The payloads a served page holds, by their markers.
function markersIn(html) {
  const ns = new Set();
  for (const m of html.matchAll(/(?:xss|alert|msgbox)\((\d+)\)|evil\.example\/(\d+)/g)) ns.add(Number(m[1] ?? m[2]));
  return ns;
}

/** The kind of page a path is: its template, as far as the path tells. */
function kindOf(pathname) {
  const p = pathname.split('?')[0];
  if (/^\/admin\/articles\/\d+$/.test(p)) return 'desk editor';
  if (/^\/admin\/names\/\w+\/\d+$/.test(p)) return `desk ${p.split('/')[3]} editor`;
  if (p.startsWith('/admin')) return p; // a desk screen: its pages and queries are one kind
  return p.split('/')[1] || 'home';
}

/**
 * The pages of one kind that hold every payload any of them holds, few
 * (greedy set cover): chromium runs these; the rest are parsed.
 */
function cover(served) {
  const byKind = new Map();
  for (const [p, ns] of served) {
    if (!byKind.has(kindOf(p))) byKind.set(kindOf(p), []);
    byKind.get(kindOf(p)).push([p, ns]);
  }
  const chosen = [];
  for (const list of byKind.values()) {
    const left = new Set(list.flatMap(([, ns]) => [...ns]));
    chosen.push(list[0][0]);
    for (const n of list[0][1]) left.delete(n);
    while (left.size) {
      let best = null;
      let gain = 0;
      for (const [p, ns] of list) {
        const g = [...ns].filter((n) => left.has(n)).length;
        if (g > gain) [best, gain] = [p, g];
      }
      if (!best) break;
      chosen.push(best);
      for (const n of served.get(best)) left.delete(n);
    }
  }
  return chosen;
}

/**
 * Every path's served HTML, fetched with `ctx`'s cookies, parsed by
 * DOMParser in `parser` (a page of the site: nothing in it runs) and
 * judged. Returns path → the payload numbers it holds.
 */
const parseTimes = { fetch: 0, parse: 0, bytes: 0 };
async function parseAll(ctx, parser, list, served) {
  const queue = [...list];
  const fetchOne = async (pathname) => {
    const t0 = Date.now();
    const res = await ctx.request.get(site.url + pathname, { maxRedirects: 0 });
    const body = await res.text();
    parseTimes.fetch += Date.now() - t0;
    const type = res.headers()['content-type'] || '';
    if (res.status() >= 500) addFinding(pathname, `HTTP ${res.status()}`, '');
    if (!type.startsWith('text/html')) addFinding(pathname, `served as ${type}`, '');
    const html = body;
    const t1 = Date.now();
    const { found } = await parser.evaluate(scanDocument, { html, live: false });
    parseTimes.parse += Date.now() - t1;
    parseTimes.bytes += html.length;
    for (const f of found) addFinding(`${pathname} (${f.where})`, f.what, f.html);
    served.set(pathname, markersIn(html));
    return html;
  };
  const htmls = new Map();
  await Promise.all([0, 1, 2].map(async () => {
    for (let p = queue.shift(); p !== undefined; p = queue.shift()) htmls.set(p, await fetchOne(p));
  }));
  return htmls;
}

test('no page runs or carries a payload', { timeout: TEST_TIMEOUT }, async () => {
  assert.ok(pages.reader.size > 50 && pages.desk.size > 20, 'the inputs were seeded');
  const started = Date.now();
  const readerCtx = await hookedContext(VIEWPORTS.desktop);
  try {
    const parser = await readerCtx.newPage();
    await parser.goto(`${site.url}/`);
    // 1. Every page, served HTML parsed and judged; the writer, source,
    // section and tag pages the articles link to as well.
    const served = new Map();
    const readerHtml = await parseAll(readerCtx, parser, pages.reader, served);
    const linked = new Set();
    for (const [p, html] of readerHtml) {
      if (!p.startsWith('/article/')) continue;
      for (const m of html.matchAll(/href="(\/(?:writer|source|section|tag)\/[^"#?]+)"/g)) linked.add(await decodeEntities(m[1]));
    }
    for (const l of pages.reader) linked.delete(l);
    await parseAll(readerCtx, parser, linked, served);
    const deskServed = new Map();
    await parseAll(deskCtx, parser, pages.desk, deskServed);
    const parsed = served.size + deskServed.size;
    const t1 = Date.now();

    // 2. Chromium runs, with the hooks, the fewest pages of each kind that
    // together hold every payload that kind shows.
    const run = [...new Set([...cover(served), ...alwaysRun.reader])];
    const runDesk = [...new Set([...cover(deskServed), ...alwaysRun.desk])];
    await Promise.all([visitAll(readerCtx, run, 2), visitAll(deskCtx, runDesk, 1)]);
    notes.push(`parsed ${parsed} pages (${linked.size} name pages) in ${((t1 - started) / 1000).toFixed(1)} s; ` +
      `${(parseTimes.bytes / 1e6).toFixed(1)} MB; fetching ${(parseTimes.fetch / 1000).toFixed(1)} s and parsing ` +
      `${(parseTimes.parse / 1000).toFixed(1)} s summed over three at a time; chromium runs ${run.length + runDesk.length} of them`);

    // What the desk and the comment form refuse, sent from a page.
    const d = await deskCtx.newPage();
    const r = await readerCtx.newPage();
    try {
      await d.goto(`${site.url}/admin`);
      await r.goto(`${site.url}/`);
      for (const { path: p, form, reader, preview, what } of refusals) {
        if (reader) await submitInPage(r, p, form);
        else await submitInPage(d, p, { csrf, ...form }, preview ? 'preview' : what ?? 'refused');
      }

      // Pasted into the desk's rich editor: every payload as HTML (also
      // wrapped in links and images), then as text; saved; the editor of
      // the saved article and its page judged too.
      await d.goto(`${site.url}/admin/articles/new`);
      d.__visiting = d.url();
      const body = d.getByRole('textbox', { name: 'نص المقال' });
      await body.waitFor();
      await d.locator('#editor').getByRole('textbox', { name: 'العنوان', exact: true }).fill('مقال ملصوق');
      const html = PAYLOADS.map((x) => `<p>${x.payload}</p><p><a href="javascript:xss(${x.n})">${x.n}</a><img src="javascript:xss(${x.n})" alt="${x.n}"></p>`).join('');
      for (const [type, data] of [['text/html', html], ['text/plain', TEXTS.join('\n\n')]]) {
        await body.click();
        await body.evaluate((el, [t, v]) => {
          const dt = new DataTransfer();
          dt.setData(t, v);
          el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
        }, [type, data]);
      }
      await d.waitForTimeout(300);
      await checkPage(d, null, 'the rich editor after pasting');
      const markdown = await d.locator('#editor textarea[name="body"]').inputValue();
      assert.ok(markdown.length > 1000, 'the paste made Markdown');
      await Promise.all([d.waitForURL(/done=save/), d.locator('#editor').getByRole('button', { name: 'احفظ', exact: true }).click()]);
      await checkPage(d, null, 'the editor of the pasted article');
      await Promise.all([d.waitForURL(/done=publish/), d.locator('#editor').getByRole('button', { name: 'انشر الآن', exact: true }).click()]);
      const pastedId = /\/admin\/articles\/(\d+)/.exec(d.url())[1];
      const view = await (await desk.get(`${site.url}/admin/articles?q=${encodeURIComponent('مقال ملصوق')}`)).text();
      assert.ok(view.includes(`/admin/articles/${pastedId}`), 'the pasted article is listed');

      // Settings rounds: the settings, the footer text and the menu; then
      // home runs in chromium and the article and desk pages are parsed.
      const article = [...pages.reader].find((x) => x.startsWith('/article/'));
      // Every fourth round (and the last) home also runs in chromium: the
      // settings reach no script, only the markup, which is parsed each time.
      const t0 = Date.now();
      for (const [i, round] of settingsRounds.entries()) {
        await deskPost('/admin/settings', round.settings);
        await deskPost('/admin/identity', { form: 'identity', footer_text: round.footer });
        const menu = { menu: 'footer', op: 'save', count: String(round.labels.length) };
        round.labels.forEach((label, k) => Object.assign(menu, { [`kind_${k}`]: 'link', [`url_${k}`]: SAFE_URL, [`label_${k}`]: label }));
        await deskPost('/admin/identity', menu);
        if (i % 4 === 0 || i === settingsRounds.length - 1) await visit(r, '/');
        await parseAll(readerCtx, parser, ['/', article], new Map());
        await parseAll(deskCtx, parser, ['/admin/settings', '/admin/identity', '/admin'], new Map());
      }
      notes.push(`settings: ${settingsRounds.length} rounds in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    } finally {
      await d.close();
      await r.close();
    }
  } finally {
    await readerCtx.close();
  }
  notes.push(`loading took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  timings.sort((a, b) => b[0] - a[0]);
  notes.push(`${timings.length} pages run in chromium, ${(timings.reduce((s, t) => s + t[0], 0) / 1000).toFixed(1)} s in all; ` +
    `slowest ${timings[0][0]} ms (${timings[0][2].slice(0, 60)})`);
  console.log(notes.join('\n'));
  assert.ok(findings.length === 0, `${findings.length} findings:\n${findings.slice(0, 30).join('\n')}`);
});

test('the API answers JSON that a browser will not sniff into HTML', { timeout: TEST_TIMEOUT }, async () => {
  const ctx = await hookedContext(VIEWPORTS.desktop);
  try {
    const list = await ctx.request.get(`${site.url}/api/v1/articles?per_page=50`);
    const answers = [list];
    const body = await list.json();
    assert.ok(body.articles.length > 0, 'the API lists articles');
    for (const a of body.articles.slice(0, 5)) answers.push(await ctx.request.get(`${site.url}/api/v1/articles/${a.id}`));
    answers.push(await ctx.request.get(`${site.url}/api/search?q=${encodeURIComponent(TEXTS[0])}`));
    answers.push(await ctx.request.get(`${site.url}/api/suggest?q=${encodeURIComponent(TEXTS[1])}`));
    for (const res of answers) {
      assert.match(res.headers()['content-type'] || '', /^application\/(problem\+)?json/, `${res.url()}: content type`);
      assert.equal(res.headers()['x-content-type-options'], 'nosniff', `${res.url()}: nosniff`);
    }
    // Feeds and sitemaps are XML (not run here): served as XML, and well formed
    // whatever the payloads.
    const writer = [...pages.reader].find((x) => x.startsWith('/article/'));
    const feeds = ['/feed', '/feed/atom', '/sitemap.xml'];
    const articleHtml = await (await ctx.request.get(site.url + writer)).text();
    const w = /href="(\/writer\/[^"#?]+)"/.exec(articleHtml)?.[1];
    if (w) feeds.push(`${await decodeEntities(w)}/feed`, `${await decodeEntities(w)}/feed/atom`);
    const xmlPage = await ctx.newPage();
    await xmlPage.goto(`${site.url}/`);
    for (const f of feeds) {
      const res = await ctx.request.get(site.url + f);
      assert.equal(res.status(), 200, f);
      assert.match(res.headers()['content-type'] || '', /^(application\/(rss\+|atom\+)?xml|text\/xml)/, `${f}: an XML type`);
      assert.equal(res.headers()['x-content-type-options'], 'nosniff', `${f}: nosniff`);
      const broken = await xmlPage.evaluate((x) => {
        const doc = new DOMParser().parseFromString(x, 'application/xml');
        return doc.querySelector('parsererror')?.textContent ?? '';
      }, await res.text());
      assert.equal(broken, '', `${f} is well-formed XML`);
    }
    await xmlPage.close();
    // The desk's JSON (name completion, the media picker), with the admin's cookies.
    for (const u of [`/admin/api/names?kind=person&q=${encodeURIComponent(TEXTS[0].slice(0, 10))}`, '/admin/api/names?kind=tag&q=img', '/admin/media/api']) {
      const res = await desk.get(site.url + u);
      assert.equal(res.status(), 200, u);
      assert.match(res.headers()['content-type'] || '', /^application\/json/, `${u}: content type`);
      assert.equal(res.headers()['x-content-type-options'], 'nosniff', `${u}: nosniff`);
    }
    // Opened as a page, the JSON is text: nothing in it runs.
    const page = await ctx.newPage();
    page.__xssSeen = arm(page);
    await page.goto(list.url());
    await checkPage(page, null, 'the API opened in a tab');
    assert.ok(findings.length === 0, findings.slice(0, 30).join('\n'));
  } finally {
    await ctx.close();
  }
});

test('pages full of payloads show them as text (screenshots)', { timeout: TEST_TIMEOUT }, async () => {
  const article = [...pages.reader].find((x) => x.startsWith('/article/xss') || x.startsWith('/article/')) ?? '/';
  for (const [name, options] of Object.entries(VIEWPORTS)) {
    const ctx = await hookedContext(options);
    try {
      const page = await ctx.newPage();
      for (const [what, p] of [['home', '/'], ['article', [...pages.reader].filter((x) => x.startsWith('/article/'))[1] ?? article]]) {
        await page.goto(site.url + p);
        // Past the site's name (a pack of payloads too) to the content.
        await page.locator(what === 'article' ? '.article-body' : 'main').first().scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(artifacts, `xss-${what}-${name}.png`) });
      }
      const text = await page.evaluate(() => document.body.innerText);
      assert.match(text, /xss\(\d+\)/, `${name}: the payloads show as text`);
    } finally {
      await ctx.close();
    }
  }
  await deskCtx?.close();
});
