// The default theme's dark colour scheme, as a reader whose system asks for
// it sees the site, at a phone's (390×844) and a laptop's (1280×800) width:
// every reader's page (home, article with its comment form, section, tag,
// writer, search, a static page, corrections, the error page) has a dark background, every
// piece of text keeps at least 4.5:1 against what it sits on, pictures are
// shown as they are, and the header shows the desk's dark logo
// (`logo_dark`) where a light scheme shows the logo. The same pages in the
// light scheme keep the light logo and contrast; the desk, which has no
// dark scheme, stays light and readable. Screenshots go to QALAM_ARTIFACTS
// (dark-*.png, light-home-*.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import {
  newContext, watch, ensureArtifacts, addUser, useSite, qalam, TEST_TIMEOUT, VIEWPORTS, fitsScreen,
} from './support/qalam.mjs';

const PASSWORD = 'kalimat-sirr-2024';
const ADMIN = { role: 'admin', email: 'admin@news.example', name: 'ليلى مديرة الموقع' };
const LOGO = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'fixtures', 'wordpress', 'uploads', '2026', '08', 'newsroom-logo.png');

const LINES = [
  { id: 'e1', title: 'الميناء الجديد يستقبل أول سفينة', published_at: '2026-11-01T10:00:00Z', section: 'اقتصاد',
    writer: { name: 'سلمى حداد', bio: 'محررة الشؤون الاقتصادية.' }, tags: ['موانئ'],
    highlights: ['أول سفينة ترسو في الميناء الجديد.'],
    body: 'رست السفينة صباحًا.\n\n> قال المدير: «يوم تاريخي».\n\nالرمز `PORT-1` في السجل.',
    notices: [{ kind: 'correction', text: 'صُحح اسم السفينة.', date: '2026-11-02T09:00:00Z', placement: 'bottom' },
      { kind: 'update', text: 'وصلت سفينة ثانية.', date: '2026-11-02T12:00:00Z', placement: 'top' }] },
  { id: 'p1', title: 'البرلمان يقر الميزانية العامة', published_at: '2026-11-03T10:00:00Z', section: 'سياسة',
    writer: { name: 'سلمى حداد' }, body: 'أقر البرلمان الميزانية.' },
  { id: 'about', kind: 'page', title: 'من نحن', published_at: '2026-10-01T10:00:00Z', in_footer: true,
    body: 'صحيفة إخبارية مستقلة.' },
];

let site;
let browser;
let artifacts;
let link;

useSite(async (env) => {
  ({ site, browser } = env);
  artifacts = await ensureArtifacts();
  const file = path.join(site.dataDir, '..', 'dark.jsonl');
  await writeFile(file, LINES.map((a) => JSON.stringify(a)).join('\n') + '\n');
  await qalam(['import', '--data', site.dataDir, file]);
  link = await addUser(site.dataDir, ADMIN);
});

async function shoot(page, name) {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

/** A light logo for a dark background (pale letters on nothing), drawn by the browser as a PNG. */
async function darkLogo(page) {
  const data = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 720;
    canvas.height = 240;
    const g = canvas.getContext('2d');
    g.fillStyle = '#ff9d8f';
    g.fillRect(40, 40, 160, 160);
    g.fillStyle = '#f3eee6';
    g.font = 'bold 150px sans-serif';
    g.fillText('قلم', 250, 185);
    return canvas.toDataURL('image/png').split(',')[1];
  });
  return Buffer.from(data, 'base64');
}

/** Signs the admin in by the one-time link, uploads the two logos and sets them. */
async function setUpIdentity() {
  const context = await newContext(browser, VIEWPORTS.desktop);
  const page = await context.newPage();
  try {
    await page.goto(`${site.url}${link}`);
    await page.getByLabel(/^كلمة المرور الجديدة/).fill(PASSWORD);
    await Promise.all([page.waitForURL((u) => u.pathname === '/admin'), page.getByRole('button', { name: 'حفظ', exact: true }).click()]);
    const uploads = [
      { files: LOGO, alt: 'شعار الصحيفة' },
      { files: { name: 'logo-dark.png', mimeType: 'image/png', buffer: await darkLogo(page) }, alt: 'شعار الصحيفة الداكن' },
    ];
    for (const { files, alt } of uploads) {
      await page.goto(`${site.url}/admin/media`);
      await page.locator('input[type="file"][name="file"]').setInputFiles(files);
      await page.locator('form').filter({ has: page.locator('input[type="file"]') }).getByLabel(/^وصف الصورة/).fill(alt);
      await Promise.all([page.waitForURL((u) => u.pathname === '/admin/media'), page.getByRole('button', { name: 'ارفع', exact: true }).click()]);
    }
  } finally {
    await context.close();
  }
  await qalam(['settings', '--data', site.dataDir, 'logo', '1']);
  await qalam(['settings', '--data', site.dataDir, 'logo_dark', '2']);
}

/**
 * Every element showing text of its own, with its colour and the colour
 * behind it (the backgrounds of it and its ancestors composited), and
 * their contrast ratio (WCAG 2).
 */
function contrasts() {
  const parse = (s) => {
    const m = /rgba?\(([^)]+)\)/.exec(s);
    if (!m) return null;
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const luminance = ([r, g, b]) => {
    const lin = (v) => { const c = v / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const behind = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) {
        layers.push(c);
        if (c[3] >= 1) break;
      }
    }
    let out = parse(getComputedStyle(document.documentElement).backgroundColor);
    if (!out || out[3] === 0) out = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i -= 1) {
      const [r, g, b, a] = layers[i];
      out = [r * a + out[0] * (1 - a), g * a + out[1] * (1 - a), b * a + out[2] * (1 - a), 1];
    }
    return out;
  };
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== '');
    // Decorative marks hidden from assistive technology (a drag handle) are no text to read.
    if (!own || el.closest('.visually-hidden, .skip-link, script, style, noscript, [hidden], [aria-hidden="true"]')) continue;
    const style = getComputedStyle(el);
    if (style.visibility !== 'visible' || el.getClientRects().length === 0) continue;
    const fg = parse(style.color);
    const bg = behind(el);
    const a = fg[3];
    const seen = [fg[0] * a + bg[0] * (1 - a), fg[1] * a + bg[1] * (1 - a), fg[2] * a + bg[2] * (1 - a)];
    const [l1, l2] = [luminance(seen), luminance(bg)].sort((x, y) => y - x);
    out.push({ text: el.textContent.trim().slice(0, 40), tag: el.tagName, cls: el.className,
      color: style.color, background: `rgb(${bg.slice(0, 3).map(Math.round).join(', ')})`,
      ratio: Math.round(((l1 + 0.05) / (l2 + 0.05)) * 100) / 100 });
  }
  return out;
}

/** The page's background luminance (0 black, 1 white). */
function backgroundLuminance() {
  const m = /rgba?\(([^)]+)\)/.exec(getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = m[1].split(/[\s,/]+/).map(Number);
  const lin = (v) => { const c = v / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

async function assertReadable(page, where) {
  const all = await page.evaluate(contrasts);
  assert.ok(all.length > 5, `${where}: text found (${all.length})`);
  const poor = all.filter((t) => t.ratio < 4.5);
  assert.deepEqual(poor, [], `${where}: text below 4.5:1`);
}

/** Which logo the header shows: the URL the browser chose, the <source>'s and the <img>'s. */
async function headerLogo(page) {
  return page.locator('.site-header a.site-logo img').evaluate((img) => {
    const source = img.parentElement.querySelector('source');
    return {
      current: img.currentSrc,
      light: img.src,
      dark: source ? new URL(source.getAttribute('srcset'), document.baseURI).href : '',
      media: source ? source.media : '',
      loaded: img.complete && img.naturalWidth > 0,
      height: img.getBoundingClientRect().height,
    };
  });
}

const READER_PAGES = [
  ['home', '/'],
  ['article', `/article/${encodeURIComponent('الميناء-الجديد-يستقبل-أول-سفينة')}`],
  ['section', `/section/${encodeURIComponent('اقتصاد')}`],
  ['tag', `/tag/${encodeURIComponent('موانئ')}`],
  ['writer', `/writer/${encodeURIComponent('سلمى-حداد')}`],
  ['search', `/search?q=${encodeURIComponent('الميناء')}`],
  ['page', `/page/${encodeURIComponent('من-نحن')}`],
  ['corrections', '/corrections'],
];

let identitySet;
for (const [name, device] of Object.entries(VIEWPORTS)) {
  const width = device.viewport.width;
  test(`the dark scheme on every reader's page at ${width}px`, { timeout: TEST_TIMEOUT }, async () => {
    identitySet ??= setUpIdentity();
    await identitySet;
    const dark = await newContext(browser, { ...device, colorScheme: 'dark' });
    const light = await newContext(browser, { ...device, colorScheme: 'light' });
    try {
      const page = await dark.newPage();
      const watcher = watch(page);
      // The settings reach the cached pages on the server's next tick.
      let logo;
      for (let i = 0; i < 40; i += 1) {
        await page.goto(`${site.url}/`);
        if (await page.locator('.site-header a.site-logo source').count()) break;
        await page.waitForTimeout(100);
      }
      for (const [label, where] of READER_PAGES) {
        await page.goto(`${site.url}${where}`);
        assert.equal(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), true);
        const bg = await page.evaluate(backgroundLuminance);
        assert.ok(bg < 0.05, `${label}: a dark background (luminance ${bg})`);
        logo = await headerLogo(page);
        assert.equal(logo.media, '(prefers-color-scheme: dark)', `${label}: the dark logo's source`);
        assert.notEqual(logo.dark, logo.light);
        assert.equal(logo.current, logo.dark, `${label}: the dark logo is the one shown`);
        assert.ok(logo.loaded && logo.height > 30 && logo.height < 80, `${label}: the logo loads, ${logo.height}px high`);
        await assertReadable(page, `dark ${label} (${name})`);
        await fitsScreen(page, `dark ${label} (${name})`, width);
        if (['home', 'article', 'search', 'corrections'].includes(label)) await shoot(page, `dark-${label}-${name}`);
        await watcher.settle();
      }
      // The article's parts: its notices, quote, code, comment form.
      await page.goto(`${site.url}${READER_PAGES[1][1]}`);
      for (const part of ['.article-notice', '.article-body blockquote', '.article-body code', '.comment-form', '.breadcrumbs']) {
        assert.ok(await page.locator(part).count(), `the article shows ${part}`);
      }
      // Pictures as they are: no filter on any image, the logo's included.
      const filtered = await page.evaluate(() => [...document.images].filter((img) => {
        const s = getComputedStyle(img);
        return s.filter !== 'none' || s.mixBlendMode !== 'normal' || Number(s.opacity) < 1;
      }).map((img) => img.src));
      assert.deepEqual(filtered, []);
      await watcher.settle();
      assert.deepEqual(watcher.problems, []);

      // The error page (a 404, so apart from the watcher).
      const missing = await dark.newPage();
      const reply = await missing.goto(`${site.url}/article/${encodeURIComponent('لا-يوجد-مقال-بهذا-العنوان')}`);
      assert.equal(reply.status(), 404);
      assert.ok(await missing.evaluate(backgroundLuminance) < 0.05, 'the error page: a dark background');
      await assertReadable(missing, `dark 404 (${name})`);
      await missing.close();

      // The light scheme: the logo, a light page, readable.
      const lightPage = await light.newPage();
      for (const [label, where] of [READER_PAGES[0], READER_PAGES[1]]) {
        await lightPage.goto(`${site.url}${where}`);
        assert.ok(await lightPage.evaluate(backgroundLuminance) > 0.8, `light ${label}: a light background`);
        const l = await headerLogo(lightPage);
        assert.equal(l.current, l.light, `light ${label}: the logo, not the dark one`);
        await assertReadable(lightPage, `light ${label} (${name})`);
      }
      await lightPage.goto(`${site.url}/`);
      await shoot(lightPage, `light-home-${name}`);

      // The desk under a dark system: its own light style, readable.
      const desk = await dark.newPage();
      await desk.goto(`${site.url}/admin/login`);
      await desk.getByLabel('البريد الإلكتروني').fill(ADMIN.email);
      await desk.getByLabel('كلمة المرور').fill(PASSWORD);
      await Promise.all([desk.waitForURL((u) => u.pathname === '/admin'), desk.getByRole('button', { name: 'دخول', exact: true }).click()]);
      for (const where of ['/admin', '/admin/articles/new', '/admin/identity']) {
        await desk.goto(`${site.url}${where}`);
        assert.ok(await desk.evaluate(backgroundLuminance) > 0.8, `desk ${where}: unchanged, light`);
        await assertReadable(desk, `desk ${where} (${name})`);
      }
      await shoot(desk, `dark-desk-identity-${name}`);
    } finally {
      await dark.close();
      await light.close();
    }
  });
}
