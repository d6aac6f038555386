// The front page as an editor arranges it and a reader sees it, at a
// phone's (390×844) and a laptop's (1280×800) width. A chief editor signs
// in, opens «الصفحة الرئيسية» on the desk, drags an article from the search
// results onto the lead and another into the featured row, reorders the row
// by dragging and by the keyboard's up/down buttons, chooses the opinion
// section, looks at the preview (the reader's theme, the unsaved layout),
// saves, and the reader's home page shows exactly that: the lead, the row in
// order, the section blocks, «مقالات الرأي» with the writer. Nothing is wider
// than the screen; screenshots go to QALAM_ARTIFACTS (front-*.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import {
  newContext, watch, squash, ensureArtifacts, addUser, useSite, qalam, TEST_TIMEOUT,
  VIEWPORTS, fitsScreen,
} from './support/qalam.mjs';

const PASSWORD = 'kalimat-sirr-2024';
const CHIEF = { role: 'chief_editor', email: 'chief@news.example', name: 'مراد رئيس التحرير' };

const ARTICLES = [
  { id: 'e1', title: 'الميناء الجديد يستقبل أول سفينة', published_at: '2026-11-01T10:00:00Z', section: 'اقتصاد' },
  { id: 'e2', title: 'أسعار النفط ترتفع في الأسواق', published_at: '2026-11-02T10:00:00Z', section: 'اقتصاد' },
  { id: 'p1', title: 'البرلمان يقر الميزانية العامة', published_at: '2026-11-03T10:00:00Z', section: 'سياسة' },
  { id: 'p2', title: 'زيارة وزير الخارجية إلى القاهرة', published_at: '2026-11-04T10:00:00Z', section: 'سياسة' },
  { id: 's1', title: 'المنتخب يتأهل إلى النهائي', published_at: '2026-11-05T10:00:00Z', section: 'رياضة' },
  { id: 'o1', title: 'في معنى الصحافة الحرة', published_at: '2026-11-06T10:00:00Z', section: 'آراء', writer: { name: 'سعاد الكاتبة' } },
  { id: 'n1', title: 'أحدث خبر في الموقع', published_at: '2026-11-07T10:00:00Z', section: 'سياسة' },
];
const LEAD = 'الميناء الجديد يستقبل أول سفينة';
const FIRST = 'المنتخب يتأهل إلى النهائي';
const SECOND = 'أسعار النفط ترتفع في الأسواق';

let site;
let browser;
let artifacts;
let link;

useSite(async (env) => {
  ({ site, browser } = env);
  artifacts = await ensureArtifacts();
  const file = path.join(site.dataDir, '..', 'front.jsonl');
  await writeFile(file, ARTICLES.map((a) => JSON.stringify({ ...a, body: `نص ${a.title}.` })).join('\n') + '\n');
  await qalam(['import', '--data', site.dataDir, file]);
  link = await addUser(site.dataDir, CHIEF);
});

async function shoot(page, name) {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

/** The titles a desk list shows, in order. */
function titles(page, list) {
  return page.locator(`[data-home-list="${list}"] .home-slot-title`).allInnerTexts();
}

/** The reader's home page: the lead's title and the featured row's titles. */
async function readerHome(page) {
  return {
    lead: squash(await page.locator('.lead .card-title').innerText()),
    featured: (await page.locator('.featured .card-title').allInnerTexts()).map(squash),
    opinion: squash(await page.locator('.home-opinion').innerText().catch(() => '')),
  };
}

const PHOTO = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'fixtures', 'wordpress', 'uploads', '2026', '09', 'riyadh-skyline-1024x683.jpg');
let pictured = false;
/** A photo uploaded through the media library, as the featured image of the lead and the first featured article. */
async function picture(page) {
  if (pictured) return;
  await page.goto(`${site.url}/admin/media`);
  await page.locator('input[type="file"][name="file"]').setInputFiles(PHOTO);
  await page.locator('form').filter({ has: page.locator('input[type="file"]') }).getByLabel(/^وصف الصورة/).fill('أفق الرياض');
  await Promise.all([page.waitForURL((u) => u.pathname === '/admin/media'), page.getByRole('button', { name: 'ارفع', exact: true }).click()]);
  await page.goto(`${site.url}/admin/home`);
  const ids = [];
  for (const title of [LEAD, FIRST]) ids.push(await page.locator('.home-result').filter({ hasText: title }).first().getAttribute('data-id'));
  for (const id of ids) {
    await page.goto(`${site.url}/admin/articles/${id}`);
    await page.locator('input[name="image_id"]').fill('1');
    await page.locator('input[name="image_alt"]').fill('أفق الرياض عند الغروب');
    await Promise.all([page.waitForURL((u) => u.pathname === `/admin/articles/${id}`),
      page.locator('button[name="action"].desk-primary').click()]);
  }
  pictured = true;
}

let signedUp = false;
async function signIn(page) {
  if (!signedUp) {
    await page.goto(`${site.url}${link}`);
    await page.getByLabel(/^كلمة المرور الجديدة/).fill(PASSWORD);
    // Setting the password signs the chief editor in.
    await Promise.all([page.waitForURL((u) => u.pathname === '/admin'), page.getByRole('button', { name: 'حفظ', exact: true }).click()]);
    signedUp = true;
    return;
  }
  if (new URL(page.url()).pathname !== '/admin/login') await page.goto(`${site.url}/admin/login`);
  await page.getByLabel('البريد الإلكتروني').fill(CHIEF.email);
  await page.getByLabel('كلمة المرور').fill(PASSWORD);
  await Promise.all([page.waitForURL((u) => u.pathname === '/admin'), page.getByRole('button', { name: 'دخول', exact: true }).click()]);
}

for (const [name, device] of Object.entries(VIEWPORTS)) {
  const width = device.viewport.width;
  test(`the front page arranged on the desk and read at ${width}px`, { timeout: TEST_TIMEOUT }, async () => {
    const context = await newContext(browser, device);
    const page = await context.newPage();
    const watcher = watch(page, { allowCookies: true });
    try {
      await signIn(page);
      await picture(page);
      await page.goto(`${site.url}/admin`);
      await Promise.all([page.waitForURL((u) => u.pathname === '/admin/home'),
        page.getByRole('link', { name: 'ترتيب الصفحة الرئيسية', exact: true }).click()]);
      await fitsScreen(page, `desk home (${name})`, width);
      await watcher.settle();

      // Start from a clean layout: whatever the other viewport's run saved is removed.
      for (const list of ['lead', 'featured']) {
        while (await page.locator(`[data-home-list="${list}"] [data-home-op="remove"]`).count()) {
          await page.locator(`[data-home-list="${list}"] [data-home-op="remove"]`).first().click();
        }
      }
      const result = (title) => page.locator('.home-result').filter({ hasText: title });
      if (name === 'desktop') {
        // Find each by its title (Enter in the search box), then drag it:
        // the lead, then two featured, the second dropped above the first.
        const find = async (title) => {
          await page.getByLabel('جزء من العنوان').fill(title);
          await Promise.all([page.waitForLoadState('load'), page.waitForURL(/\/admin\/home$/), page.getByLabel('جزء من العنوان').press('Enter')]);
          await page.evaluate(() => window.scrollTo(0, 0));
          assert.deepEqual((await page.locator('.home-result .home-slot-title').allInnerTexts()).map(squash), [title]);
        };
        await find(LEAD);
        await result(LEAD).dragTo(page.locator('[data-home-list="lead"]'));
        await find(SECOND);
        await result(SECOND).dragTo(page.locator('[data-home-list="featured"]'));
        await find(FIRST);
        await result(FIRST).dragTo(page.locator('[data-home-list="featured"] .home-slot').first(),
          { targetPosition: { x: 10, y: 2 } });
      } else {
        // The buttons, as on a phone or from the keyboard: then a move up.
        await result(LEAD).getByRole('button', { name: 'اجعله الرئيسي' }).click();
        await result(SECOND).getByRole('button', { name: 'أضفه إلى المميزة' }).click();
        await result(FIRST).getByRole('button', { name: 'أضفه إلى المميزة' }).click();
        const up = page.getByRole('button', { name: `انقل «${FIRST}» إلى أعلى` });
        await up.focus();
        await page.keyboard.press('Enter');
      }
      assert.deepEqual(await titles(page, 'lead'), [LEAD]);
      assert.deepEqual(await titles(page, 'featured'), [FIRST, SECOND], 'the row in the order arranged');
      assert.equal(await page.locator('input[name="featured"]').inputValue(),
        await page.locator('[data-home-list="featured"] .home-slot').evaluateAll((els) => els.map((e) => e.dataset.id).join(',')),
        'the form sends what the lists show');
      await page.getByLabel(/^قسم الرأي/).selectOption({ label: 'آراء' });
      await shoot(page, `front-desk-${name}`);

      // The preview: a new tab with the reader's page and the unsaved layout.
      const [preview] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'معاينة', exact: true }).click()]);
      await preview.waitForLoadState('load');
      assert.match(await preview.locator('.article-preview-note').innerText(), /معاينة/);
      const previewed = await readerHome(preview);
      assert.equal(previewed.lead, LEAD);
      assert.deepEqual(previewed.featured.slice(0, 2), [FIRST, SECOND]);
      await fitsScreen(preview, `preview (${name})`, width);
      await shoot(preview, `front-preview-${name}`);
      await preview.close();

      await Promise.all([page.waitForURL((u) => u.searchParams.get('done') === 'saved'),
        page.getByRole('button', { name: 'احفظ الصفحة الرئيسية' }).click()]);
      assert.match(await page.locator('.desk-notice').innerText(), /حُفظت الصفحة الرئيسية/);
      await watcher.settle();

      // The reader's home page.
      const reader = await (await newContext(browser, device)).newPage();
      const readerWatch = watch(reader);
      await reader.goto(`${site.url}/`);
      const home = await readerHome(reader);
      assert.equal(home.lead, LEAD, 'the chosen lead');
      assert.deepEqual(home.featured.slice(0, 2), [FIRST, SECOND], 'the featured row in the desk\'s order');
      assert.equal(home.featured.length, 4, 'the rest of the row filled with the latest');
      assert.match(home.opinion, /مقالات الرأي/);
      assert.match(home.opinion, /سعاد الكاتبة/);
      // Pictures: the lead's and the first featured card's, nothing for the rest.
      assert.equal(await reader.locator('.lead img').count(), 1, 'the lead shows its picture');
      assert.equal(await reader.locator('.featured .card').first().locator('img').count(), 1);
      assert.equal(await reader.locator('.featured .card').nth(1).locator('img').count(), 0, 'no picture, no box');
      const shown = (await reader.locator('main .card-title').allInnerTexts()).map(squash);
      assert.equal(new Set(shown).size, shown.length, `no article twice: ${shown.join(' | ')}`);
      await fitsScreen(reader, `home (${name})`, width);
      await shoot(reader, `front-home-${name}`);
      await readerWatch.settle();
      assert.deepEqual(readerWatch.problems, []);
      await reader.context().close();
      assert.deepEqual(watcher.problems, []);
    } finally {
      await context.close();
    }
  });
}
