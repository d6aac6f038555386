// The seed journey: a reader opens the home page, clicks the seed article,
// and sees every element of shared/seed/PAGE.md in the seed page's order;
// the tag, writer and source links lead to pages that list the article.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  newContext, watch, seedTextLine, squash, TEST_TIMEOUT, useSite,
} from './support/qalam.mjs';

let site;
let browser;
let seed;
let terms;

useSite(async (env) => {
  ({ site, browser, seed } = env);
  terms = await seedTextLine(51); // PAGE.md: the site's comment terms are line 51.
});

/**
 * Finds each [label, text] in `haystack` after the previous one's end;
 * fails naming the first that is missing or out of order. Returns the
 * position after the last one.
 */
function assertInOrder(haystack, items) {
  let pos = 0;
  for (const [label, needle] of items) {
    const at = haystack.indexOf(needle, pos);
    if (at < 0) {
      const why = haystack.includes(needle) ? 'it appears only earlier: out of order' : 'it is not on the page';
      assert.fail(`${label} «${needle}» not found after the previous element (${why}); ` +
        `text just before: «${haystack.slice(Math.max(0, pos - 120), pos)}»`);
    }
    pos = at + needle.length;
  }
  return pos;
}

/** The body's paragraphs as the interchange format separates them. */
function paragraphs(body) {
  return body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
}

test('seed journey: home → article shows PAGE.md in order; tag, writer and source pages', { timeout: TEST_TIMEOUT }, async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const watcher = watch(page);
  try {
    await page.goto(`${site.url}/`);
    await watcher.settle();
    const link = page.getByRole('link', { name: seed.title, exact: true });
    assert.ok(await link.count() >= 1, `the home page links to «${seed.title}»`);
    await Promise.all([page.waitForURL(/\/article\//), link.first().click()]);
    const articleUrl = page.url();
    assert.equal(decodeURIComponent(new URL(articleUrl).pathname).startsWith('/article/'), true);
    assert.equal(squash(await page.locator('h1').first().innerText()), seed.title, 'the article page\'s <h1>');

    const text = await page.evaluate(() => document.body.innerText);
    const body = paragraphs(seed.body);
    assert.ok(body.length >= 2, 'the seed body has several paragraphs');
    const items = [
      ['title', seed.title],
      ['editor', seed.editor],
      ['publish date', '15 يناير 2022'],
      ['"last updated" label', 'آخر تحديث'],
      ['tag', seed.tags[0]],
      ...seed.highlights.map((h, i) => [`highlight ${i + 1}`, h]),
      ['separator', '* * *'],
      ['byline', 'بقلم:'],
      ['writer', seed.writer.name],
      // Every paragraph's start, in order: the body's first and last among them.
      ...body.map((p, i) => [`body paragraph ${i + 1}/${body.length}`, p.slice(0, 30)]),
      ['bio', 'د. محمد السعيد ادريس خبير بمركز الأهرام'],
      ['source', 'المصدر| الخليج'],
      ['related heading', 'موضوعات تهمك:'],
      ['curated related title', seed.related[0].title],
      ['comment form heading', 'اترك تعليق'],
      ['comment note', 'لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *'],
      ['comment terms heading', 'شروط التعليق :'],
      ['comment terms (seed line 51)', terms],
      ['breaking-news ticker', 'الأخبار العاجلة'],
    ];
    const end = assertInOrder(text, items);

    // Details the order alone does not pin down.
    assert.match(text, new RegExp(`بقلم:\\s*${seed.writer.name}`), '"بقلم:" is followed by the writer');
    assert.ok(text.includes(seed.writer.bio), 'the whole bio is shown');
    const lastParagraph = body[body.length - 1];
    assert.ok(text.includes(lastParagraph.slice(-30)), 'the body\'s last paragraph is shown to its end');
    // The ticker is the last thing on the page: only its items follow its label.
    const tickerItems = squash(await page.locator('.breaking-items').innerText());
    assert.ok(tickerItems.length > 0, 'the ticker has an item');
    assert.equal(squash(text.slice(end)), tickerItems, 'nothing but the ticker\'s items follows "الأخبار العاجلة"');
    // The curated related article does not exist on the site: plain text, no dead link.
    const related = page.locator('.article-related li', { hasText: seed.related[0].title });
    assert.equal(await related.count(), 1, 'the curated related title is listed once');
    assert.equal(await related.locator('a').count(), 0, 'the missing related article is not a link');
    await watcher.settle();

    // The tag links to the tag's page, which lists the article.
    const tagLink = page.locator('.article-tags').getByRole('link', { name: seed.tags[0], exact: true });
    await Promise.all([page.waitForURL(/\/tag\//), tagLink.click()]);
    assert.equal(decodeURIComponent(new URL(page.url()).pathname), `/tag/${seed.tags[0]}`);
    assert.equal(squash(await page.locator('h1').first().innerText()), seed.tags[0], 'the tag page\'s heading');
    const fromTag = page.locator('main').getByRole('link', { name: seed.title, exact: true });
    assert.equal(await fromTag.count(), 1, 'the tag page lists the article');
    assert.equal(new URL(await fromTag.getAttribute('href'), page.url()).href, articleUrl, 'the tag page links to the article');
    await watcher.settle();

    // The byline links to the writer's page, which shows the bio and lists the article.
    await page.goto(articleUrl);
    const writerLink = page.locator('.article-byline').getByRole('link', { name: seed.writer.name, exact: true });
    await Promise.all([page.waitForURL(/\/writer\//), writerLink.click()]);
    const writerText = await page.evaluate(() => document.body.innerText);
    assert.equal(squash(await page.locator('h1').first().innerText()), seed.writer.name, 'the writer page\'s heading');
    assert.ok(writerText.includes(seed.writer.bio), 'the writer page shows the bio');
    const fromWriter = page.locator('main').getByRole('link', { name: seed.title, exact: true });
    assert.equal(await fromWriter.count(), 1, 'the writer page lists the article');
    assert.equal(new URL(await fromWriter.getAttribute('href'), page.url()).href, articleUrl);
    await watcher.settle();

    // The source links to the source's page, which lists the article.
    await page.goto(articleUrl);
    const sourceLink = page.locator('.article-source').getByRole('link', { name: seed.source.name, exact: true });
    await Promise.all([page.waitForURL(/\/source\//), sourceLink.click()]);
    assert.equal(squash(await page.locator('h1').first().innerText()), seed.source.name, 'the source page\'s heading');
    assert.equal(await page.locator('main').getByRole('link', { name: seed.title, exact: true }).count(), 1,
      'the source page lists the article');
    await watcher.settle();

    assert.deepEqual(watcher.problems, [], 'no console errors, exceptions, CSP violations or failed requests');
    assert.deepEqual(await context.cookies(), [], 'no cookies');
  } finally {
    await context.close();
  }
});
