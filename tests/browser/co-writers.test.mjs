// Several people on one article in the browser: a chief editor opens the
// seed article on the desk and names a co-writer, a translator and two who
// helped prepare it; a reader sees «بقلم: الكاتب وسلمى» under the
// highlights with both names linked, «ترجمة: …» and «شارك في الإعداد: … و…»,
// follows the co-writer's name to their page, which lists the article. At a
// phone's and a laptop's width: right to left, nothing wider than the
// screen; screenshots in QALAM_ARTIFACTS (co-writers-desk-desktop.png,
// co-writers-article-*.png, co-writers-writer-page-*.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  newContext, watch, squash, ensureArtifacts, addUser, useSite, fitsScreen, TEST_TIMEOUT, VIEWPORTS,
} from './support/qalam.mjs';

const PASSWORD = 'kalimat-sirr-2024';
const CHIEF = { role: 'chief_editor', email: 'chief@news.example', name: 'مراد رئيس التحرير' };
const CO_WRITER = 'سلمى الشريف';
const TRANSLATOR = 'Jane Roe';
const CONTRIBUTORS = ['علي المصور', 'منى الباحثة'];

let site;
let browser;
let seed;
let artifacts;
let link;

useSite(async (env) => {
  ({ site, browser, seed } = env);
  artifacts = await ensureArtifacts();
  link = await addUser(site.dataDir, CHIEF);
});

const atPath = (pathname) => (u) => u.pathname === pathname;
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test('co-writers: the byline names both writers, the translator and the contributors, each linked to a page listing the article',
  { timeout: TEST_TIMEOUT }, async () => {
    const deskCtx = await newContext(browser, VIEWPORTS.desktop);
    let writer;
    try {
      const d = await deskCtx.newPage();
      const dw = watch(d, { allowCookies: true });
      await d.goto(`${site.url}${link}`);
      await d.getByLabel(/^كلمة المرور الجديدة/).fill(PASSWORD);
      await Promise.all([d.waitForURL(atPath('/admin')), d.getByRole('button', { name: 'حفظ', exact: true }).click()]);
      await d.goto(`${site.url}/admin/articles?q=${encodeURIComponent(seed.title)}`);
      await Promise.all([d.waitForURL(/\/admin\/articles\/\d+$/), d.locator('.desk-article-title', { hasText: seed.title }).first().click()]);
      writer = await d.locator('input[name="writer"]').inputValue();
      assert.ok(writer, 'the seed article has a writer');
      await d.getByLabel(/^كتّاب مشاركون/).fill(CO_WRITER);
      await d.getByLabel(/^ترجمة/).fill(TRANSLATOR);
      await d.getByLabel(/^شارك في الإعداد/).fill(CONTRIBUTORS.join('، '));
      await Promise.all([d.waitForURL((u) => u.search.includes('done')),
        d.locator('#editor').getByRole('button', { name: 'احفظ', exact: true }).click()]);
      assert.equal(await d.getByLabel(/^شارك في الإعداد/).inputValue(), CONTRIBUTORS.join('، '), 'the desk keeps the names');
      await d.locator('fieldset', { hasText: 'الكتّاب والمحرر' }).screenshot({ path: path.join(artifacts, 'co-writers-desk-desktop.png') });
      await dw.settle();
      assert.deepEqual(dw.problems, [], 'the desk: no console errors, CSP violations or failed requests');
    } finally {
      await deskCtx.close();
    }

    for (const [name, options] of Object.entries(VIEWPORTS)) {
      const width = options.viewport.width;
      const context = await newContext(browser, options);
      try {
        const page = await context.newPage();
        const watcher = watch(page);
        await page.goto(`${site.url}/`);
        const href = await page.getByRole('link', { name: seed.title, exact: true }).first().getAttribute('href');
        const url = new URL(href, site.url).href;
        for (let i = 0; i < 40; i++) {
          await page.goto(url);
          if (await page.locator('.article-credits').count()) break;
          await pause(100);
        }
        const byline = page.locator('.article-byline');
        assert.equal(squash(await byline.innerText()), `بقلم: ${writer} و${CO_WRITER}`, `${name}: «بقلم: أ وب»`);
        assert.deepEqual(await byline.getByRole('link').allInnerTexts(), [writer, CO_WRITER], `${name}: each writer linked`);
        const credits = page.locator('.article-credit');
        assert.deepEqual((await credits.allInnerTexts()).map(squash),
          [`ترجمة: ${TRANSLATOR}`, `شارك في الإعداد: ${CONTRIBUTORS[0]} و${CONTRIBUTORS[1]}`], `${name}: the credits`);
        // The byline comes after the highlights and before the body, as on the seed page.
        const order = await page.evaluate(() => {
          const top = (sel) => document.querySelector(sel).getBoundingClientRect().top;
          return { byline: top('.article-byline'), credits: top('.article-credits'), body: top('.article-body') };
        });
        assert.ok(order.byline < order.credits && order.credits < order.body, `${name}: byline, credits, body ${JSON.stringify(order)}`);
        const ld = await page.evaluate(() => [...document.querySelectorAll('script[type="application/ld+json"]')]
          .flatMap((s) => [JSON.parse(s.textContent)].flat()).find((j) => j['@type'] === 'NewsArticle'));
        assert.deepEqual(ld.author.map((a) => a.name), [writer, CO_WRITER], `${name}: JSON-LD author is a list`);
        assert.deepEqual(ld.translator.map((a) => a.name), [TRANSLATOR]);
        await fitsScreen(page, `${name} article`, width);
        await byline.scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(artifacts, `co-writers-article-${name}.png`) });

        // The co-writer's page lists the article.
        await Promise.all([page.waitForURL(/\/writer\//), byline.getByRole('link', { name: CO_WRITER }).click()]);
        assert.equal(squash(await page.locator('h1').innerText()), CO_WRITER);
        assert.equal(await page.getByRole('link', { name: seed.title, exact: true }).count() >= 1, true,
          `${name}: the co-writer's page lists the article`);
        await fitsScreen(page, `${name} writer page`, width);
        await page.screenshot({ path: path.join(artifacts, `co-writers-writer-page-${name}.png`) });
        await watcher.settle();
        assert.deepEqual(watcher.problems, [], `${name}: no console errors, exceptions, CSP violations or failed requests`);
      } finally {
        await context.close();
      }
    }
  });
