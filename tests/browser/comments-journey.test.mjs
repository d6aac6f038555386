// The comment journey of the moderation issue, in the browser: under the
// seed article a reader leaves a comment and is told, in Arabic, that it
// awaits moderation; an insulting one is held too. A moderator opens the
// queue, sees the insult's reason (the term, marked in the text), approves
// the first comment, and it shows on the article's page. The site runs in
// pre-moderation with the injected clock (the form's "too fast" guard). At
// the end the moderator opens the machine-against-moderators page.
// Screenshots: comments-article-*.png, comments-queue-phone.png and
// comments-queue-desktop.png in QALAM_ARTIFACTS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  newContext, watch, squash, ensureArtifacts, addUser, qalam, useSite, TEST_TIMEOUT, ACTION_TIMEOUT,
} from './support/qalam.mjs';

const START = 1767258000;
const PASSWORD = 'kalimat-sirr-2024';
const MODERATOR = { role: 'moderator', email: 'mod@news.example', name: 'نادية المشرفة' };
const KIND = 'تحليل عميق لما جرى في كازاخستان، شكرًا للكاتب.';
const RUDE = 'الكاتب حمار ولا يفهم شيئًا';
const READER_EMAIL = 'qari.private@mail.example';

let site;
let browser;
let seed;
let artifacts;
let link;

useSite(async (env) => {
  ({ site, browser, seed } = env);
  artifacts = await ensureArtifacts();
  link = await addUser(site.dataDir, MODERATOR);
  await qalam(['settings', '--data', site.dataDir, 'moderation_mode', 'pre']);
  await qalam(['moderation', 'terms', 'add', '--data', site.dataDir, 'حمار', '--action', 'hold', '--category', 'insult']);
}, { clock: START });

async function articlePath(page) {
  await page.goto(site.url + '/');
  await Promise.all([page.waitForURL(/\/article\//), page.getByRole('link', { name: seed.title }).first().click()]);
  return new URL(page.url()).pathname;
}

/** Fills the article's comment form as a reader and sends it after `wait` seconds of the site's clock. */
async function comment(page, clock, text) {
  const form = page.locator('#comment-form');
  await page.waitForFunction(() => document.querySelector('#comment-form input[name=token]').value !== '');
  await form.getByLabel(/^الاسم/).fill('قارئ من عمّان');
  await form.getByLabel(/^البريد الإلكتروني/).fill(READER_EMAIL);
  await form.getByLabel(/^التعليق/).fill(text);
  await site.setClock(clock);
  await Promise.all([page.waitForURL(/posted=\d+/), form.getByRole('button', { name: 'أرسل التعليق' }).click()]);
  const status = page.locator('#comment-form .comment-status');
  await status.waitFor({ state: 'visible' });
  return squash(await status.innerText());
}

test('a reader comments, waits for moderation, a moderator approves; an insult is held with its reason', { timeout: TEST_TIMEOUT }, async () => {
  const readerCtx = await newContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const modCtx = await newContext(browser, { viewport: { width: 1280, height: 800 } });
  try {
    const reader = await readerCtx.newPage();
    reader.setDefaultTimeout(ACTION_TIMEOUT);
    const rw = watch(reader);
    const article = await articlePath(reader);
    assert.equal(await reader.locator('#comment-form .required').count(), 3, 'name, email and comment are marked *');
    // Each * sits on its label's line, above the field (not on a line of its own).
    const marks = await reader.locator('#comment-form .comment-field').evaluateAll((labels) => labels.map((label) => {
      const words = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
      let name = words.nextNode();
      while (name && !name.textContent.trim()) name = words.nextNode();
      const text = document.createRange();
      text.selectNodeContents(name);
      const line = text.getBoundingClientRect();
      const star = label.querySelector('.required').getBoundingClientRect();
      const field = label.querySelector('input, textarea').getBoundingClientRect();
      return { sameLine: Math.abs(star.top - line.top) < line.height / 2, above: star.bottom <= field.top };
    }));
    assert.deepEqual(marks, Array(3).fill({ sameLine: true, above: true }), 'each * beside its label');
    let said = await comment(reader, START + 30, KIND);
    assert.equal(said, 'شكرًا، تعليقك بانتظار المراجعة وسيظهر بعد موافقة المشرفين.');
    await reader.screenshot({ path: path.join(artifacts, 'comments-article-awaiting-phone.png') });
    assert.ok(!(await reader.locator('#comments-list').innerText()).includes(KIND), 'not shown before approval');
    await reader.goto(site.url + article);
    said = await comment(reader, START + 90, RUDE);
    assert.equal(said, 'شكرًا، تعليقك بانتظار المراجعة وسيظهر بعد موافقة المشرفين.');
    assert.equal(await readerCtx.cookies().then((c) => c.length), 0, 'commenting sets no cookie');
    await rw.settle();

    const mod = await modCtx.newPage();
    mod.setDefaultTimeout(ACTION_TIMEOUT);
    await mod.goto(site.url + link);
    await mod.getByLabel(/^كلمة المرور الجديدة/).fill(PASSWORD);
    // Setting the password signs the moderator in.
    await Promise.all([mod.waitForURL((u) => u.pathname === '/admin'), mod.getByRole('button', { name: 'حفظ', exact: true }).click()]);
    await Promise.all([mod.waitForURL(/\/admin\/comments/), mod.getByRole('link', { name: 'التعليقات' }).first().click()]);
    const queue = mod.locator('.moderation-item');
    assert.equal(await queue.count(), 2, 'both comments wait in the queue');
    const rude = queue.filter({ hasText: 'ولا يفهم شيئًا' });
    assert.equal(squash(await rude.locator('.moderation-body mark').innerText()), 'حمار', 'the matched term is marked in the text');
    assert.match(squash(await rude.locator('.moderation-reasons').innerText()), /حمار/, 'the reason names the term');
    assert.ok(!(await mod.content()).includes(READER_EMAIL), 'the queue never shows the email');
    await mod.screenshot({ path: path.join(artifacts, 'comments-queue-desktop.png'), fullPage: true });
    await mod.setViewportSize({ width: 390, height: 844 });
    await mod.screenshot({ path: path.join(artifacts, 'comments-queue-phone.png'), fullPage: true });
    assert.ok(await mod.evaluate(() => document.documentElement.scrollWidth <= 390), 'the queue fits a phone');
    await mod.setViewportSize({ width: 1280, height: 800 });

    const kind = queue.filter({ hasText: 'تحليل عميق' });
    await Promise.all([mod.waitForURL(/\/admin\/comments/), kind.getByRole('button', { name: 'انشر', exact: true }).click()]);

    let shown = false;
    for (let i = 0; i < 30 && !shown; ++i) {
      await reader.goto(site.url + article);
      shown = (await reader.locator('#comments-list').innerText()).includes(KIND);
      if (!shown) await reader.waitForTimeout(150);
    }
    assert.ok(shown, 'the approved comment shows on the article page');
    assert.ok(!(await reader.locator('#comments-list').innerText()).includes('ولا يفهم شيئًا'), 'the held insult does not');
    assert.match(squash(await reader.locator('#comments-count').innerText()), /التعليقات \(1\)/);
    assert.ok(!(await reader.content()).includes(READER_EMAIL), 'the page never shows the email');
    await reader.screenshot({ path: path.join(artifacts, 'comments-article-approved-phone.png'), fullPage: true });
    await rw.settle();

    // The insult rejected too; then the machine against the moderators: the
    // queue links it, and it agrees with both decisions (the starter lists
    // hold حمار; no classifier yet, as the page says).
    const insult = mod.locator('.moderation-item').filter({ hasText: 'ولا يفهم شيئًا' });
    await Promise.all([mod.waitForURL(/\/admin\/comments/), insult.getByRole('button', { name: 'ارفض', exact: true }).click()]);
    assert.match(squash(await mod.locator('.moderation-machine-status').innerText()), /لا مصنّف مدرَّب لهذا الموقع بعد/);
    await Promise.all([mod.waitForURL(/\/admin\/comments\/machine/), mod.getByRole('link', { name: 'الآلة والمشرفون في الأسابيع الأخيرة' }).click()]);
    const total = squash(await mod.locator('.machine-table tfoot').innerText());
    assert.match(total, /المجموع\s+2\s+100٪\s+0\s+0\s+0/, total);
    assert.equal(await mod.locator('.machine-chart rect').count(), 1, 'one bar segment: this week, all agreed');
    await mod.screenshot({ path: path.join(artifacts, 'comments-machine-desktop.png'), fullPage: true });
    await mod.setViewportSize({ width: 390, height: 844 });
    await mod.screenshot({ path: path.join(artifacts, 'comments-machine-phone.png'), fullPage: true });
    assert.ok(await mod.evaluate(() => document.documentElement.scrollWidth <= 390), 'the comparison fits a phone');
  } finally {
    await readerCtx.close();
    await modCtx.close();
  }
});
