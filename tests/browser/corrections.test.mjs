// Corrections and notes in the browser: a chief editor opens the seed
// article on the desk, adds a correction at the top with "تعديل طفيف"
// ticked (a correction is never minor), then an editor's note at the
// bottom; a reader sees both where they were put, with their kind, date and
// time, under visible breadcrumbs (الرئيسية › القسم › the title), "آخر
// تحديث" moved to the correction's time; /corrections lists it with a link
// to the article. At a phone's and a laptop's width: nothing wider than the
// screen; screenshots in QALAM_ARTIFACTS (corrections-desk-desktop.png, the
// editor's notices; corrections-article-top-*.png,
// corrections-article-bottom-*.png, corrections-page-*.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  newContext, watch, squash, ensureArtifacts, addUser, useSite, TEST_TIMEOUT,
  VIEWPORTS,
} from './support/qalam.mjs';

const START = 1767258000; // 2026-01-01 09:00 UTC: 12:00 in Riyadh, the site's time zone.
const DAY = 86400;
const PASSWORD = 'kalimat-sirr-2024';
const CHIEF = { role: 'chief_editor', email: 'chief@news.example', name: 'مراد رئيس التحرير' };
const CORRECTION = 'ذكرت نسخة سابقة من هذا المقال أن الاجتماع عُقد في القاهرة، والصحيح أنه عُقد في الرياض.';
const NOTE = 'كُتب هذا المقال قبل إعلان نتائج القمة.';

let site;
let browser;
let seed;
let artifacts;
let link;

useSite(async (env) => {
  ({ site, browser, seed } = env);
  artifacts = await ensureArtifacts();
  link = await addUser(site.dataDir, CHIEF);
}, { clock: START });

const atPath = (pathname) => (u) => u.pathname === pathname;
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Elements wider than the screen, or a page that scrolls sideways. */
async function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    if (document.documentElement.scrollWidth > width + 1) out.push(`page scrolls sideways (${document.documentElement.scrollWidth} > ${width})`);
    for (const el of document.querySelectorAll('.breadcrumbs, .article-notice, .corrections-list li')) {
      const r = el.getBoundingClientRect();
      if (r.left < -1 || r.right > width + 1) out.push(`${el.className} spans ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
    return out;
  });
}

/** The reader's article page once `ready` holds (the cache is purged within 250 ms). */
async function readerPage(page, url, ready) {
  for (let i = 0; i < 40; i++) {
    await page.goto(url);
    if (await ready()) return;
    await pause(100);
  }
  assert.fail(`${url} never showed what was saved`);
}

test('corrections: a correction at the top and a note at the bottom, dated, listed on /corrections, at phone and laptop widths',
  { timeout: TEST_TIMEOUT }, async () => {
    const deskCtx = await newContext(browser, VIEWPORTS.desktop);
    try {
      // --- The desk: password, sign-in, the seed article's editor.
      const d = await deskCtx.newPage();
      const dw = watch(d, { allowCookies: true });
      await d.goto(`${site.url}${link}`);
      await d.getByLabel(/^كلمة المرور الجديدة/).fill(PASSWORD);
      // Setting the password signs the chief editor in.
      await Promise.all([d.waitForURL(atPath('/admin')), d.getByRole('button', { name: 'حفظ', exact: true }).click()]);
      await d.goto(`${site.url}/admin/articles?q=${encodeURIComponent(seed.title)}`);
      await Promise.all([d.waitForURL(/\/admin\/articles\/\d+$/), d.locator('.desk-article-title', { hasText: seed.title }).first().click()]);
      const deskUrl = d.url();

      // Three days after publication (on the site's clock): a correction at
      // the top, with "minor" ticked.
      await site.setClock(START + 3 * DAY);
      const fieldset = d.locator('fieldset.desk-notices');
      await assert.doesNotReject(fieldset.waitFor(), 'the editor has a notices fieldset');
      const row = fieldset.getByRole('group', { name: 'تنبيه جديد' });
      await row.getByLabel('نوع التنبيه').selectOption({ label: 'تصحيح' });
      await row.getByLabel('مكانه').selectOption({ label: 'أعلى المقال' });
      await row.getByLabel(/^نص التنبيه/).fill(CORRECTION);
      await d.getByLabel(/تعديل طفيف/).check();
      await Promise.all([d.waitForURL((u) => u.pathname === new URL(deskUrl).pathname && u.search.includes('done')),
        d.locator('#editor').getByRole('button', { name: 'احفظ', exact: true }).click()]);
      assert.ok(await fieldset.getByText(/^أُضيف 4 يناير 2026، 12:00 م$/).count() >= 1, 'the desk shows the notice with its date');

      // A day later, an editor's note at the bottom.
      await site.setClock(START + 4 * DAY);
      const next = fieldset.getByRole('group', { name: 'تنبيه جديد' });
      await next.getByLabel('نوع التنبيه').selectOption({ label: 'ملاحظة المحرر' });
      await next.getByLabel('مكانه').selectOption({ label: 'أسفل المقال' });
      await next.getByLabel(/^نص التنبيه/).fill(NOTE);
      await Promise.all([d.waitForURL((u) => u.search.includes('done')),
        d.locator('#editor').getByRole('button', { name: 'احفظ', exact: true }).click()]);
      assert.equal(await fieldset.getByRole('group').count(), 3, 'two notices and an empty row to add one');
      await fieldset.screenshot({ path: path.join(artifacts, 'corrections-desk-desktop.png') });
      await dw.settle();
      assert.deepEqual(dw.problems, [], 'the desk: no console errors, CSP violations or failed requests');
    } finally {
      await deskCtx.close();
    }

    // --- Readers, on a phone and on a laptop.
    for (const [name, options] of Object.entries(VIEWPORTS)) {
      const context = await newContext(browser, options);
      try {
        const page = await context.newPage();
        const watcher = watch(page);
        await page.goto(`${site.url}/`);
        const href = await page.getByRole('link', { name: seed.title, exact: true }).first().getAttribute('href');
        const url = new URL(href, site.url).href;
        await readerPage(page, url, async () => (await page.locator('.article-notice').count()) === 2);

        // Breadcrumbs: home › section › title.
        const crumbs = page.getByRole('navigation', { name: 'مسار التصفح' });
        assert.equal(await crumbs.isVisible(), true, `${name}: the breadcrumbs are visible`);
        const items = (await crumbs.locator('li').allInnerTexts()).map(squash);
        assert.equal(items[0], 'الرئيسية');
        if (seed.section) assert.equal(items[1], seed.section, `${name}: the section`);
        assert.equal(items[items.length - 1], seed.title);
        assert.equal(await crumbs.getByRole('link', { name: 'الرئيسية' }).getAttribute('href'), '/');

        // The correction, at the top: between the header and the body.
        const correction = page.getByRole('note', { name: 'تصحيح' });
        assert.equal(await correction.isVisible(), true, `${name}: the correction is shown`);
        assert.equal(squash(await correction.innerText()), `تصحيح 4 يناير 2026، 12:00 م ${CORRECTION}`);
        const order = await page.evaluate(() => {
          const top = (sel) => document.querySelector(sel).getBoundingClientRect().top;
          return { title: top('h1'), correction: top('.article-notice-correction'), body: top('.article-body'),
            note: top('.article-notice-editors_note'), comments: top('#comments') };
        });
        assert.ok(order.title < order.correction && order.correction < order.body, `${name}: the correction is at the top ${JSON.stringify(order)}`);
        assert.ok(order.body < order.note && order.note < order.comments, `${name}: the note is at the bottom ${JSON.stringify(order)}`);
        const note = page.getByRole('note', { name: 'ملاحظة المحرر' });
        assert.equal(squash(await note.innerText()), `ملاحظة المحرر 5 يناير 2026، 12:00 م ${NOTE}`);
        // A correction is never minor: "آخر تحديث" is its time (the note's save was not minor either).
        assert.match(squash(await page.locator('.article-updated').innerText()), /^آخر تحديث : 5 يناير 2026، 12:00 م$/);

        assert.deepEqual(await overflow(page), [], `${name}: nothing wider than the screen`);
        await correction.scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(artifacts, `corrections-article-top-${name}.png`) });
        await note.scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(artifacts, `corrections-article-bottom-${name}.png`) });
        await watcher.settle();

        // The corrections page, from the footer.
        await Promise.all([page.waitForURL(atPath('/corrections')),
          page.getByRole('navigation', { name: 'صفحات الموقع' }).getByRole('link', { name: 'التصحيحات' }).click()]);
        assert.equal(squash(await page.locator('h1').innerText()), 'التصحيحات');
        const listed = page.locator('.corrections-list li');
        assert.equal(await listed.count(), 1, `${name}: one correction listed (an editor's note is not)`);
        assert.equal(squash(await listed.innerText()), `${seed.title} تصحيح 4 يناير 2026، 12:00 م ${CORRECTION}`, `${name}: the article, then its correction`);
        const toArticle = listed.getByRole('link', { name: seed.title, exact: true });
        assert.equal(new URL(await toArticle.getAttribute('href'), site.url).href, url);
        assert.deepEqual(await overflow(page), [], `${name}: the corrections page fits`);
        await page.screenshot({ path: path.join(artifacts, `corrections-page-${name}.png`), fullPage: true });
        await watcher.settle();
        assert.deepEqual(watcher.problems, [], `${name}: no console errors, exceptions, CSP violations or failed requests`);
        assert.deepEqual(await context.cookies(), [], `${name}: no cookies`);
      } finally {
        await context.close();
      }
    }
  });
