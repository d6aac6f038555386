// The WordPress move, as a reader meets it: after `qalam import` of the
// Arabic WordPress export (tests/fixtures/wordpress, made by Debian's
// WordPress 6.1), a reader follows an address saved from the old site — the
// Arabic, percent-encoded permalink of a post — and lands, through one 301,
// on the same article in Qalam, with its featured image loaded and its
// readers' comments in their threads. Then a `?p=ID` short link and a page.
// Screenshots: wordpress-article-phone.png, wordpress-article-desktop.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  newContext, watch, squash, ensureArtifacts, qalam, useSite, TEST_TIMEOUT,
} from './support/qalam.mjs';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/wordpress');
const OLD_PERMALINK = '/2026/09/%d8%ad%d8%af%d8%a7%d8%a6%d9%82-%d8%a7%d9%84%d8%b1%d9%8a%d8%a7%d8%b6-%d8%a7%d9%84%d8%ac%d8%af%d9%8a%d8%af%d8%a9/';
const TITLE = 'أمانة الرياض تفتتح ثلاث حدائق عامة في شمال المدينة';

let site;
let browser;
let artifacts;

useSite(async (env) => {
  ({ site, browser } = env);
  artifacts = await ensureArtifacts();
  await qalam(['import', '--data', site.dataDir, path.join(fixtures, 'arabic-site.xml'),
    '--media-dir', path.join(fixtures, 'uploads')]);
});

for (const [name, viewport] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1280, height: 800 }]]) {
  test(`a reader follows an old WordPress permalink and lands on the article (${name})`, { timeout: TEST_TIMEOUT }, async () => {
    const context = await newContext(browser, { viewport });
    const page = await context.newPage();
    const watcher = watch(page);
    const response = await page.goto(site.url + OLD_PERMALINK);
    assert.equal(response.status(), 200);
    // One permanent redirect, straight to the article.
    const chain = [];
    for (let r = response.request().redirectedFrom(); r; r = r.redirectedFrom()) chain.push(r);
    assert.equal(chain.length, 1, 'one redirect');
    assert.equal((await chain[0].response()).status(), 301);
    assert.match(new URL(page.url()).pathname, /^\/article\//);
    assert.equal(squash(await page.locator('h1').first().innerText()), TITLE);

    // The featured image, from the site's own media, loaded.
    const image = page.locator('article img').first();
    await image.scrollIntoViewIfNeeded();
    assert.match(await image.getAttribute('src'), /^\/media\//);
    await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await image.elementHandle());
    assert.ok((await image.getAttribute('alt')).length > 0, 'the image has its alt text');

    // The readers' comments, with the staff reply marked, and no email.
    const authors = page.locator('.comment-author');
    assert.equal(await authors.count(), 5);
    assert.ok((await page.locator('.comment-staff').count()) >= 1, 'the staff reply is marked');
    assert.ok(!(await page.content()).includes('@example.test'), 'no email on the page');
    await page.locator('.comment-author').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, `wordpress-article-${name}.png`), fullPage: true });
    await watcher.settle();

    // A short link and a page of the old site.
    await page.goto(site.url + '/?p=14');
    assert.equal(new URL(page.url()).pathname, '/article/riyadh-book-fair-opens');
    await page.goto(site.url + '/about-us/');
    assert.equal(new URL(page.url()).pathname, '/page/about-us');
    assert.equal(squash(await page.locator('h1').first().innerText()), 'من نحن');
    await watcher.settle();
    assert.deepEqual(watcher.problems, []);
    await context.close();
  });
}
