// A reader's pages set no cookie and produce no console error, uncaught
// exception, CSP violation or failed request. Every page reachable from the
// home page is visited (the site is small: a bounded crawl), then the 404
// page; a last test proves the watcher does see a CSP violation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  newContext, watch, TEST_TIMEOUT, useSite,
} from './support/qalam.mjs';

const MAX_PAGES = 60; // The seeded site has about 20; the bound keeps a bug from crawling forever.

let site;
let browser;
let seed;

useSite(async (env) => {
  ({ site, browser, seed } = env);
});

test('no cookies, console errors, exceptions or CSP violations on any page reachable from home', { timeout: TEST_TIMEOUT }, async (t) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const watcher = watch(page);
  const origin = new URL(site.url).origin;
  try {
    const queue = [`${origin}/`];
    const seen = new Set(queue);
    const visited = [];
    const assets = new Set();
    while (queue.length > 0) {
      assert.ok(visited.length < MAX_PAGES, `more than ${MAX_PAGES} pages reachable from home: ${visited.join(' ')}`);
      const url = queue.shift();
      const res = await page.goto(url, { waitUntil: 'load' });
      assert.equal(res.status(), 200, `${decodeURI(url)} answers 200`);
      await page.evaluate(() => document.fonts.ready.then(() => true));
      await watcher.settle();
      visited.push(decodeURI(new URL(url).pathname + new URL(url).search));
      for (const href of await page.$$eval('link[href]', (ls) => ls.map((l) => l.href))) {
        if (new URL(href).pathname.startsWith('/assets/')) assets.add(href);
      }
      const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
      for (const href of hrefs) {
        const u = new URL(href);
        u.hash = '';
        if (u.origin !== origin || u.pathname.startsWith('/assets/') || seen.has(u.href)) continue;
        seen.add(u.href);
        queue.push(u.href);
      }
    }
    t.diagnostic(`visited ${visited.length} pages: ${visited.join(' ')}`);
    // The crawl really covered every kind of page.
    for (const prefix of ['/article/', '/tag/', '/section/', '/writer/', '/source/', '/latest']) {
      assert.ok(visited.some((p) => p.startsWith(prefix)), `the crawl reached a ${prefix} page (visited: ${visited.join(' ')})`);
    }
    const seedPath = decodeURI(new URL(await articleHref(page)).pathname);
    assert.ok(visited.includes(seedPath), `the crawl reached the seed article ${seedPath}`);

    // The stylesheet and icon every page names are served (the browser may
    // cancel the icon when the crawl moves on, so ask for each directly).
    assert.ok(assets.size >= 2, `pages name a stylesheet and an icon: ${[...assets].join(' ')}`);
    for (const href of assets) {
      const res = await page.request.get(href);
      assert.equal(res.status(), 200, `${href} is served`);
      assert.equal((await res.headersArray()).filter((h) => h.name.toLowerCase() === 'set-cookie').length, 0,
        `${href} sets no cookie`);
    }

    assert.deepEqual(watcher.problems, [], `no console errors, exceptions, CSP violations or failed requests on ${visited.length} pages`);
    assert.deepEqual(await context.cookies(), [], 'no cookies');
  } finally {
    await context.close();
  }
});

/** The seed article's address, from the home page. */
async function articleHref(page) {
  await page.goto(`${site.url}/`);
  const href = await page.getByRole('link', { name: seed.title, exact: true }).first().getAttribute('href');
  return new URL(href, page.url()).href;
}

test('the 404 page sets no cookie and breaks no policy', { timeout: TEST_TIMEOUT }, async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const watcher = watch(page);
  try {
    const res = await page.goto(`${site.url}/article/${encodeURIComponent('مقالة-لا-وجود-لها')}`);
    assert.equal(res.status(), 404);
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    assert.ok(await page.locator('.breaking').isVisible(), 'the ticker is on the 404 page too');
    await page.evaluate(() => document.fonts.ready.then(() => true));
    await watcher.settle();
    // The browser reports the document's own 404 status; nothing else may go wrong.
    const others = watcher.problems.filter((p) => !/status of 404|^HTTP 404 for /.test(p));
    assert.deepEqual(others, [], 'only the page\'s own 404 is reported');
    assert.deepEqual(await context.cookies(), [], 'no cookies');
  } finally {
    await context.close();
  }
});

test('the watcher sees a CSP violation: the policy is enforced', { timeout: TEST_TIMEOUT }, async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const watcher = watch(page);
  try {
    await page.goto(await articleHref(page));
    await watcher.settle();
    assert.deepEqual(watcher.problems, []);
    // An inline style is what the site's policy (style-src 'self') refuses.
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'body { background: red }';
      document.head.append(style);
    });
    await page.waitForFunction(() => window.__qalamCsp && window.__qalamCsp.length > 0);
    await watcher.settle();
    assert.ok(watcher.problems.some((p) => /^CSP violation/.test(p) && /style-src/.test(p)),
      `the violation was recorded: ${JSON.stringify(watcher.problems)}`);
    assert.notEqual(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(255, 0, 0)',
      'the inline style was refused');
  } finally {
    await context.close();
  }
});
