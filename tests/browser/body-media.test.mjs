// An article with a gallery, a YouTube video and a post on X, and its
// sharing buttons, on a phone (390×844) and a laptop (1280×800). Nothing
// is requested from outside the site before the reader clicks an embed
// (the network log is checked); after the click the provider's iframe is
// there with the right address (outside requests are answered by the test
// itself, so that nothing leaves the machine: the element is what counts).
// "Copy the link" writes the article's address to the clipboard and says so.
// Screenshots go to QALAM_ARTIFACTS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import {
  newContext, watch, ensureArtifacts, TEST_TIMEOUT, useSite, qalam,
} from './support/qalam.mjs';

const VIEWPORTS = [
  { width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
  { width: 1280, height: 800, isMobile: false, hasTouch: false, deviceScaleFactor: 1 },
];

// Two small pictures as data: addresses (the page's img-src allows them),
// so that the gallery shows without files.
const RED = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR4nGNYYGAARww4OQDvZwwBf3RBegAAAABJRU5ErkJggg==';
const BLUE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR4nGMwSFgARww4OQAQ1g5B+WP+0gAAAABJRU5ErkJggg==';
const TITLE = 'معرض الكتاب يفتح أبوابه';
const YOUTUBE = 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1';
const TWEET = 'https://platform.twitter.com/embed/Tweet.html?id=1796613240123456789';

let site;
let browser;
let artifacts;

useSite(async (env) => {
  ({ site, browser } = env);
  artifacts = await ensureArtifacts();
  const dir = await mkdtemp(path.join(tmpdir(), 'qalam-body-media-'));
  try {
    const line = {
      id: 'body-media-1',
      title: TITLE,
      slug: 'book-fair',
      published_at: '2026-12-01T10:00:00Z',
      writer: 'هدى الضيفة',
      section: 'ثقافة',
      highlights: ['يفتح المعرض أبوابه للزوار صباح الغد.'],
      body: [
        'افتتح وزير الثقافة معرض الكتاب في دورته الجديدة بمشاركة مئات دور النشر.',
        `![الجناح الأحمر](${RED} "الجناح الرئيسي | تصوير: أحمد علي")\n![الجناح الأزرق](${BLUE} "جناح الأطفال")`,
        'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
        'وكتب المنظمون على منصة إكس:',
        'https://x.com/AJArabic/status/1796613240123456789',
        'ويستمر المعرض عشرة أيام.',
      ].join('\n\n'),
    };
    const file = path.join(dir, 'article.jsonl');
    await writeFile(file, `${JSON.stringify(line)}\n`);
    await qalam(['import', '--data', site.dataDir, file]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

for (const vp of VIEWPORTS) {
  const size = `${vp.width}x${vp.height}`;
  test(`gallery, embeds and sharing at ${size}`, { timeout: TEST_TIMEOUT }, async () => {
    const { width, height, ...device } = vp;
    const context = await newContext(browser, { viewport: { width, height }, ...device });
    const origin = new URL(site.url).origin;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    // Every request that is not the site's is logged and answered here.
    const outside = [];
    await context.route((url) => url.origin !== origin && url.protocol !== 'data:', (route) => {
      outside.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>.</title>' });
    });
    const page = await context.newPage();
    const watcher = watch(page);
    try {
      const url = `${site.url}/article/book-fair`;
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForTimeout(300);

      // The gallery: two figures with caption and credit.
      const figures = page.locator('.article-body .gallery figure.figure');
      assert.equal(await figures.count(), 2);
      assert.equal((await figures.nth(0).locator('.caption').innerText()).trim(), 'الجناح الرئيسي');
      assert.equal((await figures.nth(0).locator('.credit').innerText()).trim(), 'تصوير: أحمد علي');

      // The embeds: placeholders, nothing from outside yet.
      const video = page.locator('figure.embed-youtube');
      const post = page.locator('figure.embed-x');
      assert.equal(await video.count(), 1);
      assert.equal(await post.count(), 1);
      assert.equal(await page.locator('iframe').count(), 0);
      assert.deepEqual(outside, [], `requests outside the site before any click: ${outside.join(', ')}`);
      assert.match(await video.locator('.embed-provider').innerText(), /يوتيوب/);
      assert.match(await post.locator('.embed-provider').innerText(), /إكس/);
      // The original stays one link away without JavaScript.
      assert.equal(await video.locator('a').getAttribute('href'), 'https://www.youtube.com/watch?v=dQw4w9WgXcQ');

      // Sharing: plain links, the copy button shown by the theme's script.
      const share = page.locator('.article-share');
      await share.scrollIntoViewIfNeeded();
      for (const [cls, prefix] of [['whatsapp', 'https://wa.me/?text='], ['telegram', 'https://t.me/share/url?url='],
        ['x', 'https://x.com/intent/post?url='], ['facebook', 'https://www.facebook.com/sharer/sharer.php?u=']]) {
        const link = share.locator(`a.share-${cls}`);
        assert.ok((await link.getAttribute('href')).startsWith(prefix), cls);
        assert.equal(await link.getAttribute('rel'), 'noopener');
        assert.equal(await link.getAttribute('target'), '_blank');
        assert.ok(await link.isVisible(), `${cls} link visible`);
      }
      const copy = share.locator('button.share-copy');
      assert.ok(await copy.isVisible(), 'the copy button is shown');
      const hasShare = await page.evaluate(() => typeof navigator.share === 'function');
      assert.equal(await share.locator('button.share-native').isVisible(), hasShare,
        'the Web Share button is shown exactly where the browser has navigator.share');
      await page.screenshot({ path: path.join(artifacts, `body-media-${size}.png`), fullPage: true });

      await copy.click();
      await page.locator('.share-status', { hasText: 'نُسخ الرابط' }).waitFor();
      assert.equal(await share.locator('.share-status').getAttribute('aria-live'), 'polite');
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.equal(copied, await copy.getAttribute('data-url'));
      assert.match(copied, /\/article\/book-fair$/);
      assert.deepEqual(outside, [], 'sharing loads nothing from outside');
      await share.screenshot({ path: path.join(artifacts, `body-media-share-${size}.png`) });

      // The video, from the keyboard: its player replaces the button.
      await video.locator('button.embed-load').focus();
      await page.keyboard.press('Enter');
      const frame = video.locator('iframe.embed-frame');
      await frame.waitFor({ state: 'attached' });
      assert.equal(await frame.getAttribute('src'), YOUTUBE);
      assert.match(await frame.getAttribute('sandbox'), /allow-scripts/);
      assert.match(await frame.getAttribute('allow'), /autoplay/);
      assert.equal(await frame.getAttribute('referrerpolicy'), 'strict-origin-when-cross-origin');
      assert.ok((await frame.getAttribute('title')).includes('يوتيوب'));
      assert.equal(await post.locator('iframe').count(), 0, 'the post is still a placeholder');

      await post.locator('button.embed-load').click();
      const postFrame = post.locator('iframe.embed-frame');
      await postFrame.waitFor({ state: 'attached' });
      assert.equal(await postFrame.getAttribute('src'), TWEET);
      await page.waitForTimeout(300);
      assert.ok(outside.some((u) => u.startsWith('https://www.youtube-nocookie.com/embed/')), outside.join(', '));
      assert.ok(outside.every((u) => /^https:\/\/(www\.youtube-nocookie\.com|platform\.twitter\.com)\//.test(u)),
        `only the clicked players were asked for: ${outside.join(', ')}`);
      await video.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(artifacts, `body-media-clicked-${size}.png`) });

      await watcher.settle();
      assert.deepEqual(watcher.problems, []);
    } finally {
      await context.close();
    }
  });
}
