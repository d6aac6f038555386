// Breaking news, live (issue 16): an open article page shows a new
// breaking item, and loses a removed one, without a reload, at phone and
// desktop sizes; the ticker's bar does not move the page's content; screen
// readers are told politely; no console error, no CSP violation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  newContext, watch, useSite, qalam, squash, VIEWPORTS, ensureArtifacts, TEST_TIMEOUT, ACTION_TIMEOUT,
} from './support/qalam.mjs';

const env = useSite();

async function breakingIds(dataDir) {
  const { stdout } = await qalam(['breaking', 'list', '--all', '--data', dataDir]);
  return stdout.split('\n').map((line) => line.split('\t')[0]).filter((id) => /^\d+$/.test(id));
}

for (const [name, options] of Object.entries(VIEWPORTS)) {
  test(`live ticker (${name}): a breaking item comes and goes on an open page without a reload`, { timeout: TEST_TIMEOUT }, async () => {
    const { site, seed } = env;
    const context = await newContext(env.browser, options);
    const page = await context.newPage();
    const watcher = watch(page);
    try {
      await page.goto(`${site.url}/`);
      const link = page.getByRole('link', { name: seed.title, exact: true }).first();
      // The article page opens the stream (seen from the browser's side).
      const streamOpened = page.waitForRequest((r) => new URL(r.url()).pathname === '/live', { timeout: ACTION_TIMEOUT });
      await Promise.all([page.waitForURL(/\/article\//), link.click()]);
      const stream = await streamOpened;
      assert.match(new URL(stream.url()).search, /^\?since=\d+$/, 'the stream starts from breaking.json\'s event_id');
      await page.evaluate(() => { window.__sameDocument = true; });
      const headingBefore = await page.locator('h1').first().boundingBox();
      assert.equal(await page.locator('.breaking-items').getAttribute('aria-live'), 'polite');

      const text = `عاجل (${name}): بدء جلسة طارئة لمجلس الأمن`;
      const { stdout } = await qalam(['breaking', 'add', '--data', site.dataDir, text, '--link', '/latest']);
      const id = stdout.trim().split('\n')[0];
      const item = page.locator('.breaking-items a', { hasText: text });
      await item.waitFor({ state: 'visible', timeout: 5000 });
      assert.equal(await item.getAttribute('href'), '/latest');
      assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was not reloaded');
      assert.ok(squash(await page.locator('.breaking-items li').first().innerText()).includes(text),
        'the newest item is first');
      const headingAfter = await page.locator('h1').first().boundingBox();
      assert.deepEqual(headingAfter, headingBefore, 'the article\'s heading did not move');
      await ensureArtifacts().then((dir) => page.screenshot({ path: path.join(dir, `live-ticker-${name}.png`) }));

      // Removed: gone from the open page; with nothing left, the bar hides.
      await qalam(['breaking', 'remove', '--data', site.dataDir, id]);
      await item.waitFor({ state: 'detached', timeout: 5000 });
      for (const other of await breakingIds(site.dataDir)) {
        await qalam(['breaking', 'remove', '--data', site.dataDir, other]);
      }
      await page.locator('.breaking').waitFor({ state: 'hidden', timeout: 5000 });
      assert.equal(await page.evaluate(() => document.body.classList.contains('has-breaking')), false);
      // And back: the bar reappears with a new item.
      const again = `عاجل (${name}): استئناف الرحلات`;
      await qalam(['breaking', 'add', '--data', site.dataDir, again]);
      await page.locator('.breaking-items li', { hasText: again }).waitFor({ state: 'visible', timeout: 5000 });
      assert.equal(await page.evaluate(() => window.__sameDocument), true, 'still the same page');
      await watcher.settle();
      assert.deepEqual(watcher.problems, []);
    } finally {
      await context.close();
    }
  });
}
