// Layout on a phone (390×844) and a laptop (1280×800): right-to-left Arabic,
// no sideways scrolling, the theme's own Arabic font really loaded, the
// breaking-news ticker on screen. Full-page screenshots go to QALAM_ARTIFACTS
// for a person to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  newContext, watch, ensureArtifacts, withTimeout, TEST_TIMEOUT, ACTION_TIMEOUT, useSite,
} from './support/qalam.mjs';

const VIEWPORTS = [
  { width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
  { width: 1280, height: 800, isMobile: false, hasTouch: false, deviceScaleFactor: 1 },
];

let site;
let browser;
let seed;
let artifacts;

useSite(async (env) => {
  ({ site, browser, seed } = env);
  artifacts = await ensureArtifacts();
});

/** The article's address, as the home page links to it. */
async function articleUrl(page) {
  await page.goto(`${site.url}/`);
  const href = await page.getByRole('link', { name: seed.title, exact: true }).first().getAttribute('href');
  return new URL(href, page.url()).href;
}

/** What the layout checks need, measured in the page. */
function measure() {
  const track = document.querySelector('.breaking-track');
  const first = document.querySelector('.breaking-items li');
  const ticker = document.querySelector('.breaking');
  const box = (el) => {
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height };
  };
  return {
    dir: document.documentElement.dir,
    lang: document.documentElement.lang,
    direction: getComputedStyle(document.body).direction,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    innerHeight: window.innerHeight,
    fonts: [...document.fonts].map((f) => ({
      family: f.family.replace(/^["']|["']$/g, ''), weight: f.weight, status: f.status,
    })),
    bodyFont: getComputedStyle(document.body).fontFamily,
    ticker: box(ticker),
    tickerPosition: ticker && getComputedStyle(ticker).position,
    track: box(track),
    firstItem: box(first),
    firstItemText: first ? first.innerText.trim() : '',
  };
}

for (const vp of VIEWPORTS) {
  const size = `${vp.width}x${vp.height}`;
  test(`layout at ${size}: rtl, no sideways scroll, own font, ticker, screenshots`, { timeout: TEST_TIMEOUT }, async () => {
    const { width, height, ...device } = vp;
    const context = await newContext(browser, { viewport: { width, height }, ...device });
    const page = await context.newPage();
    const watcher = watch(page);
    try {
      const pages = [['home', `${site.url}/`], ['article', await articleUrl(page)]];
      await watcher.settle();
      for (const [name, url] of pages) {
        await page.goto(url, { waitUntil: 'load' });
        await withTimeout(page.evaluate(() => document.fonts.ready.then(() => true)), ACTION_TIMEOUT, 'document.fonts.ready');
        const m = await page.evaluate(measure);
        const where = `${name} at ${size}`;

        assert.equal(m.dir, 'rtl', `${where}: <html dir>`);
        assert.equal(m.lang, 'ar', `${where}: <html lang>`);
        assert.equal(m.direction, 'rtl', `${where}: the body's computed direction`);
        assert.ok(m.scrollWidth <= m.innerWidth,
          `${where}: no horizontal scrolling (scrollWidth ${m.scrollWidth} > innerWidth ${m.innerWidth})`);

        const naskh = m.fonts.filter((f) => f.family === 'Qalam Naskh');
        assert.ok(naskh.length > 0, `${where}: the stylesheet declares "Qalam Naskh" (fonts: ${JSON.stringify(m.fonts)})`);
        assert.ok(naskh.some((f) => f.status === 'loaded'),
          `${where}: a "Qalam Naskh" face is loaded (${JSON.stringify(naskh)})`);
        assert.match(m.bodyFont, /^"?Qalam Naskh"?/, `${where}: the body is set in Qalam Naskh`);
        const fontResponses = watcher.responses.filter((r) => /\.(ttf|woff2?)$/.test(new URL(r.url()).pathname));
        assert.ok(fontResponses.some((r) => r.ok()), `${where}: the font file came from the site`);

        // The ticker: fixed to the bottom of the screen, inside the viewport,
        // with its first item showing in the track.
        const ticker = page.locator('.breaking');
        assert.ok(await ticker.isVisible(), `${where}: the ticker is visible`);
        assert.ok(await page.getByRole('heading', { name: 'الأخبار العاجلة' }).isVisible(), `${where}: the ticker's label is visible`);
        assert.equal(m.tickerPosition, 'fixed', `${where}: the ticker stays on screen`);
        assert.ok(m.ticker.top >= 0 && m.ticker.bottom <= m.innerHeight + 0.5 && m.ticker.height > 0,
          `${where}: the ticker is inside the viewport (${JSON.stringify(m.ticker)}, innerHeight ${m.innerHeight})`);
        assert.ok(m.ticker.left <= 0.5 && m.ticker.right >= m.innerWidth - 0.5,
          `${where}: the ticker spans the width (${JSON.stringify(m.ticker)})`);
        assert.ok(m.firstItemText.length > 0, `${where}: the ticker has an item`);
        assert.ok(m.firstItem.right > m.track.left && m.firstItem.left < m.track.right,
          `${where}: the ticker's first item is in view on load (item ${JSON.stringify(m.firstItem)}, track ${JSON.stringify(m.track)})`);

        // Animations off: the ticker at its start, the same picture every run.
        // First the screen a reader sees on arrival, then the whole page. For
        // the whole page the viewport is made as tall as the document, so the
        // fixed ticker sits at the end of the page rather than across the
        // middle of the picture where the first screen ended.
        const shot = { animations: 'disabled', timeout: ACTION_TIMEOUT * 2 };
        await page.screenshot({ ...shot, path: path.join(artifacts, `${name}-${size}-screen.png`) });
        const fullHeight = await page.evaluate(() => Math.ceil(document.documentElement.scrollHeight));
        await page.setViewportSize({ width, height: Math.max(height, fullHeight) });
        try {
          await page.screenshot({ ...shot, path: path.join(artifacts, `${name}-${size}.png`) });
          const tall = await page.evaluate(measure);
          assert.ok(tall.scrollWidth <= tall.innerWidth, `${where}, whole page: no horizontal scrolling`);
          // The page leaves room below its last line for the ticker: nothing of
          // the footer is hidden under it.
          const footer = await page.locator('.site-footer').boundingBox();
          assert.ok(footer && footer.y + footer.height <= tall.ticker.top + 0.5,
            `${where}: the ticker does not cover the footer (footer ${JSON.stringify(footer)}, ticker ${JSON.stringify(tall.ticker)})`);
        } finally {
          await page.setViewportSize({ width, height });
        }
        await watcher.settle();
      }
      assert.deepEqual(watcher.problems, [], 'no console errors, exceptions, CSP violations or failed requests');
      assert.deepEqual(await context.cookies(), [], 'no cookies');
    } finally {
      await context.close();
    }
  });
}
