// The site's identity as an admin sets it on the desk and a reader sees it,
// at a phone's (390×844) and a laptop's (1280×800) width. The admin signs
// in by the one-time link, uploads a logo to the media library, opens
// «هوية الموقع», picks the logo and the icon and writes the footer line;
// builds the header menu (a section with its own label, a link moved up by
// its button on the phone and by drag and drop on the laptop, a static page) and the footer menu (a page and a link), with
// the forms' buttons, and saves. The reader's pages
// show the logo in the header (the name as its alt), the icon, the menus in
// order and the footer line; nothing is wider than the screen. Screenshots
// go to QALAM_ARTIFACTS (identity-*.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import {
  newContext, watch, squash, ensureArtifacts, addUser, useSite, qalam, TEST_TIMEOUT,
  VIEWPORTS, fitsScreen,
} from './support/qalam.mjs';

const PASSWORD = 'kalimat-sirr-2024';
const ADMIN = { role: 'admin', email: 'admin@news.example', name: 'ليلى مديرة الموقع' };

const LINES = [
  { id: 'e1', title: 'الميناء الجديد يستقبل أول سفينة', published_at: '2026-11-01T10:00:00Z', section: 'اقتصاد' },
  { id: 'p1', title: 'البرلمان يقر الميزانية العامة', published_at: '2026-11-03T10:00:00Z', section: 'سياسة' },
  { id: 'about', kind: 'page', title: 'من نحن', published_at: '2026-10-01T10:00:00Z', in_footer: true },
  { id: 'contact', kind: 'page', title: 'اتصل بنا', published_at: '2026-10-01T10:00:00Z' },
];
const LOGO = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'fixtures', 'wordpress', 'uploads', '2026', '08', 'newsroom-logo.png');

let site;
let browser;
let artifacts;
let link;

useSite(async (env) => {
  ({ site, browser } = env);
  artifacts = await ensureArtifacts();
  const file = path.join(site.dataDir, '..', 'identity.jsonl');
  await writeFile(file, LINES.map((a) => JSON.stringify({ ...a, body: `نص ${a.title}.` })).join('\n') + '\n');
  await qalam(['import', '--data', site.dataDir, file]);
  link = await addUser(site.dataDir, ADMIN);
});

async function shoot(page, name) {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

let signedUp = false;
async function signIn(page) {
  if (!signedUp) {
    await page.goto(`${site.url}${link}`);
    await page.getByLabel(/^كلمة المرور الجديدة/).fill(PASSWORD);
    await Promise.all([page.waitForURL((u) => u.pathname === '/admin'), page.getByRole('button', { name: 'حفظ', exact: true }).click()]);
    signedUp = true;
    return;
  }
  if (new URL(page.url()).pathname !== '/admin/login') await page.goto(`${site.url}/admin/login`);
  await page.getByLabel('البريد الإلكتروني').fill(ADMIN.email);
  await page.getByLabel('كلمة المرور').fill(PASSWORD);
  await Promise.all([page.waitForURL((u) => u.pathname === '/admin'), page.getByRole('button', { name: 'دخول', exact: true }).click()]);
}

/** Presses a submit button of the menu form `menu` and waits for the page to come back. */
async function press(page, menu, button) {
  await Promise.all([page.waitForEvent('load'),
    page.locator(`form[data-menu="${menu}"]`).getByRole('button', button).first().click()]);
}

/** The names of a menu form's items, in order. */
async function deskItems(page, menu) {
  return page.locator(`form[data-menu="${menu}"] .menu-item`).evaluateAll((items) => items.map((li) => {
    const label = li.querySelector('input[name^="label_"]');
    return (label.value || label.placeholder).trim();
  }));
}

/** Removes every item of a menu, to start each run from nothing. */
async function empty(page, menu) {
  while (await page.locator(`form[data-menu="${menu}"] .menu-item`).count()) {
    await press(page, menu, { name: /^أزل/ });
  }
}

for (const [name, device] of Object.entries(VIEWPORTS)) {
  const width = device.viewport.width;
  test(`the site's identity set on the desk and read at ${width}px`, { timeout: TEST_TIMEOUT }, async () => {
    const context = await newContext(browser, device);
    const page = await context.newPage();
    const watcher = watch(page, { allowCookies: true });
    try {
      await signIn(page);
      if (name === 'phone') {
        await page.goto(`${site.url}/admin/media`);
        await page.locator('input[type="file"][name="file"]').setInputFiles(LOGO);
        await page.locator('form').filter({ has: page.locator('input[type="file"]') }).getByLabel(/^وصف الصورة/).fill('شعار الصحيفة');
        await Promise.all([page.waitForURL((u) => u.pathname === '/admin/media'), page.getByRole('button', { name: 'ارفع', exact: true }).click()]);
        await page.goto(`${site.url}/admin`);
      }
      await Promise.all([page.waitForURL((u) => u.pathname === '/admin/identity'),
        page.getByRole('link', { name: 'هوية الموقع', exact: true }).click()]);
      await fitsScreen(page, `desk identity (${name})`, width);

      // The logo, the icon and the footer line.
      const identity = page.locator('#identity-form');
      await identity.locator('select[name="logo"]').selectOption({ label: 'صورة 1: شعار الصحيفة (600×600)' });
      await identity.locator('select[name="favicon"]').selectOption({ label: 'صورة 1: شعار الصحيفة (600×600)' });
      await identity.locator('input[name="footer_text"]').fill(`جميع الحقوق محفوظة لـقلم (${name})`);
      await Promise.all([page.waitForURL((u) => u.searchParams.has('done')), identity.getByRole('button', { name: 'احفظ الهوية' }).click()]);
      assert.match(await page.locator('.desk-notice').first().innerText(), /حُفظت هوية الموقع|لم يتغير شيء/);

      // The header menu: a section renamed, a link moved above it, a page.
      await empty(page, 'header');
      const header = page.locator('form[data-menu="header"]');
      await header.locator('select[name="add_section"]').selectOption({ label: 'سياسة' });
      await press(page, 'header', { name: 'أضف القسم' });
      await header.locator('input[name="label_0"]').fill('السياسة');
      await header.locator('input[name="link_label"]').fill('قناتنا على تيليغرام');
      await header.locator('input[name="link_url"]').fill('https://t.me/qalam_news');
      await press(page, 'header', { name: 'أضف الرابط' });
      if (name === 'desktop') {
        // By drag and drop (desk/assets/identity.js): the link's grip onto the section's top half.
        await header.locator('.menu-item').nth(1).locator('.menu-item-grip')
          .dragTo(header.locator('.menu-item').first(), { targetPosition: { x: 20, y: 3 } });
        assert.match(await header.getByRole('status').innerText(), /لم تُحفظ بعد/);
      } else {
        await press(page, 'header', { name: 'انقل «قناتنا على تيليغرام» إلى أعلى' });
      }
      await header.locator('select[name="add_page"]').selectOption({ label: 'اتصل بنا' });
      await press(page, 'header', { name: 'أضف الصفحة' });
      assert.deepEqual(await deskItems(page, 'header'), ['قناتنا على تيليغرام', 'السياسة', 'اتصل بنا']);
      // A link that would run a script is refused, in Arabic (a 400, the
      // only problem that page has).
      await header.locator('input[name="link_label"]').fill('خبيث');
      await header.locator('input[name="link_url"]').fill('javascript:alert(1)');
      const before = watcher.problems.length;
      await press(page, 'header', { name: 'أضف الرابط' });
      assert.match(await page.locator('#menu-header .desk-error').innerText(), /javascript/);
      await watcher.settle();
      const refused = watcher.problems.splice(before);
      assert.ok(refused.length > 0 && refused.every((p) => /400/.test(p)), refused.join('\n'));
      assert.deepEqual(await deskItems(page, 'header'), ['قناتنا على تيليغرام', 'السياسة', 'اتصل بنا']);
      await shoot(page, `identity-desk-${name}`);
      await Promise.all([page.waitForURL((u) => u.searchParams.get('done') === 'header'),
        page.getByRole('button', { name: 'احفظ قائمة الرأس' }).click()]);

      // The footer menu: the about page and a link.
      await empty(page, 'footer');
      const footer = page.locator('form[data-menu="footer"]');
      await footer.locator('select[name="add_page"]').selectOption({ label: 'من نحن' });
      await press(page, 'footer', { name: 'أضف الصفحة' });
      await footer.locator('input[name="link_label"]').fill('التصحيحات');
      await footer.locator('input[name="link_url"]').fill('/corrections');
      await press(page, 'footer', { name: 'أضف الرابط' });
      await Promise.all([page.waitForURL((u) => u.searchParams.get('done') === 'footer'),
        page.getByRole('button', { name: 'احفظ قائمة التذييل' }).click()]);
      await fitsScreen(page, `desk identity saved (${name})`, width);
      await watcher.settle();

      // The reader's pages.
      const reader = await (await newContext(browser, device)).newPage();
      const readerWatch = watch(reader);
      for (const where of ['/', `/section/${encodeURIComponent('سياسة')}`]) {
        let headerText = '';
        for (let i = 0; i < 40; i += 1) {  // The cache is purged on the server's next tick.
          await reader.goto(`${site.url}${where}`);
          headerText = squash(await reader.locator('.site-nav').innerText());
          if (headerText.includes('قناتنا') && (await reader.locator('.footer-text').innerText()).includes(name)) break;
          await reader.waitForTimeout(100);
        }
        const nav = (await reader.locator('.site-nav a').allInnerTexts()).map(squash);
        assert.deepEqual(nav, ['قناتنا على تيليغرام', 'السياسة', 'اتصل بنا'], `${where}: the header menu in order`);
        assert.equal(await reader.locator('.site-nav a').first().getAttribute('href'), 'https://t.me/qalam_news');
        const foot = (await reader.locator('.footer-nav a').allInnerTexts()).map(squash);
        assert.deepEqual(foot, ['من نحن', 'التصحيحات']);
        assert.equal(squash(await reader.locator('.footer-text').innerText()), `جميع الحقوق محفوظة لـقلم (${name})`);
        const logo = reader.locator('.site-header a.site-logo img');
        assert.equal(await logo.getAttribute('alt'), 'قلم', 'the site\'s name is the logo\'s text');
        assert.ok(await logo.evaluate((img) => img.complete && img.naturalWidth > 0), 'the logo loads');
        const box = await logo.boundingBox();
        assert.ok(box.height > 30 && box.height < 80, `the logo's height: ${box.height}`);
        assert.match(await reader.locator('link[rel="icon"]').getAttribute('href'), /^\/media\/.+\.png$/);
        assert.match(await reader.locator('link[rel="apple-touch-icon"]').getAttribute('href'), /^\/media\/.+\.png$/);
        await fitsScreen(reader, `reader ${where} (${name})`, width);
      }
      await reader.goto(`${site.url}/`);
      await shoot(reader, `identity-home-${name}`);
      await readerWatch.settle();
      assert.deepEqual(readerWatch.problems, []);
      await reader.context().close();
      assert.deepEqual(watcher.problems, []);
    } finally {
      await context.close();
    }
  });
}
