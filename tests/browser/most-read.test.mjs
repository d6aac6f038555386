// Most read in the browser: opening the seed article sends one view beacon
// (POST /api/view, article=ID, 204, no cookie) and no second one when the
// page is hidden and shown again, with no console errors or CSP
// violations; headless Chromium's own agent is a program's, so the
// reader's context here names a phone's Chrome. A minute later on the
// site's clock, «الأكثر قراءة» lists the article on the home page and the
// article page, right to left and no wider than a phone's or a laptop's
// screen; the desk shows the article's chart and the dashboard its count.
// Screenshots in QALAM_ARTIFACTS (most-read-home-*.png,
// most-read-article-*.png, most-read-desk-chart.png, most-read-dashboard.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  newContext, watch, squash, ensureArtifacts, useSite, fitsScreen, addUser, TEST_TIMEOUT, VIEWPORTS,
} from './support/qalam.mjs';

const START = 1767258000; // 2026-01-01 09:00 UTC.
const CHROME = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

let site;
let browser;
let seed;
let artifacts;
let link;
const CHIEF = { role: 'chief_editor', email: 'chief@news.example', name: 'مراد رئيس التحرير' };

useSite(async (env) => {
  ({ site, browser, seed } = env);
  artifacts = await ensureArtifacts();
  link = await addUser(site.dataDir, CHIEF);
}, { clock: START });

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test('most read: the article page sends one beacon; the block appears on the home and article pages',
  { timeout: TEST_TIMEOUT }, async () => {
    let articleUrl;
    {
      const context = await newContext(browser, { ...VIEWPORTS.phone, userAgent: CHROME });
      try {
        const page = await context.newPage();
        const watcher = watch(page);
        const beacons = [];
        page.on('request', (req) => {
          if (new URL(req.url()).pathname === '/api/view') beacons.push({ method: req.method(), body: req.postData() });
        });
        const statuses = [];
        page.on('response', (res) => {
          if (new URL(res.url()).pathname === '/api/view') statuses.push(res.status());
        });
        await page.goto(`${site.url}/`);
        const href = await page.getByRole('link', { name: seed.title, exact: true }).first().getAttribute('href');
        articleUrl = new URL(href, site.url).href;
        assert.equal(await page.locator('.most-read').count(), 0, 'no block before any view');
        await page.goto(articleUrl);
        const id = await page.locator('article[data-article]').getAttribute('data-article');
        assert.match(id, /^\d+$/, 'the article carries its id');
        for (let i = 0; i < 50 && statuses.length === 0; i++) await pause(100);
        // Hidden and shown again (a tab switch): not another view.
        await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
        await pause(500);
        assert.equal(beacons.length, 1, `one beacon: ${JSON.stringify(beacons)}`);
        assert.equal(beacons[0].method, 'POST');
        assert.equal(beacons[0].body, `article=${id}`);
        assert.deepEqual(statuses, [204]);
        await watcher.settle();
        assert.deepEqual(watcher.problems, [], 'no console errors, CSP violations, failed requests or cookies');
      } finally {
        await context.close();
      }
    }

    // The server recounts about each minute (and flushes every 5 seconds).
    await pause(5500);
    await site.setClock(START + 61);
    for (const [name, options] of Object.entries(VIEWPORTS)) {
      const context = await newContext(browser, { ...options, userAgent: CHROME });
      try {
        const page = await context.newPage();
        const watcher = watch(page);
        let shown = false;
        for (let i = 0; i < 100 && !shown; i++) {
          await page.goto(`${site.url}/`);
          shown = (await page.locator('.most-read').count()) === 1;
          if (!shown) await pause(200);
        }
        assert.ok(shown, `${name}: the home page shows the most read`);
        const block = page.getByRole('region', { name: 'الأكثر قراءة' });
        assert.equal(await block.isVisible(), true);
        const items = (await block.locator('li').allInnerTexts()).map(squash);
        assert.deepEqual(items, [`1 ${seed.title}`], `${name}: ranked, with the title`);
        await fitsScreen(page, `${name} home`, options.viewport.width);
        await block.scrollIntoViewIfNeeded();
        await block.screenshot({ path: path.join(artifacts, `most-read-home-${name}.png`) });

        await page.goto(articleUrl);
        const onArticle = page.getByRole('region', { name: 'الأكثر قراءة' });
        assert.equal(await onArticle.isVisible(), true, `${name}: the article page shows it too`);
        await fitsScreen(page, `${name} article`, options.viewport.width);
        await onArticle.scrollIntoViewIfNeeded();
        await onArticle.screenshot({ path: path.join(artifacts, `most-read-article-${name}.png`) });
        await watcher.settle();
        assert.deepEqual(watcher.problems, [], `${name}: no console errors, CSP violations, failed requests or cookies`);
      } finally {
        await context.close();
      }
    }
  
    // The desk: the article's chart and the dashboard's top of the day.
    const desk = await newContext(browser, VIEWPORTS.desktop);
    try {
      const d = await desk.newPage();
      const dw = watch(d, { allowCookies: true });
      await d.goto(`${site.url}${link}`);
      await d.getByLabel(/^كلمة المرور الجديدة/).fill('kalimat-sirr-2024');
      await Promise.all([d.waitForURL((u) => u.pathname === '/admin'), d.getByRole('button', { name: 'حفظ', exact: true }).click()]);
      const today = d.getByRole('region', { name: 'الأكثر قراءة اليوم' });
      assert.equal(squash(await today.locator('li').first().innerText()), `${seed.title} مشاهدة واحدة`);
      await today.screenshot({ path: path.join(artifacts, 'most-read-dashboard.png') });
      await today.getByRole('link', { name: seed.title }).click();
      await d.waitForURL(/\/admin\/articles\/\d+$/);
      const chart = d.locator('figure.desk-views-chart');
      assert.match(squash(await chart.locator('figcaption').innerText()), /^مشاهدات القراء: مشاهدة واحدة في آخر 30 يومًا \(.+\)، منها مشاهدة واحدة اليوم\.$/);
      assert.equal(await chart.getByRole('img').count(), 1, 'the chart is an image named by its caption');
      assert.equal(await chart.locator('rect.views-bar').count(), 30);
      await chart.screenshot({ path: path.join(artifacts, 'most-read-desk-chart.png') });
      await dw.settle();
      assert.deepEqual(dw.problems, [], 'the desk: no console errors, CSP violations or failed requests');
    } finally {
      await desk.close();
    }
  });
