// The newsroom journey, done in the browser as people do it: a writer sets a
// password from the one-time link, signs in, drafts an article (its body
// typed in the rich editor) with a guest writer, a source and two highlights
// (the second added with "+ أضف نقطة"), and sends it for review; a chief
// editor schedules it a minute ahead on the site's injected clock (`serve
// --clock-file`); a reader gets 404 until the clock passes the minute, then
// the page with the byline, bio, source and highlights; a day later the chief
// editor changes a paragraph (in the body's Markdown view), "آخر تحديث" moves
// to the new day, and سجل النسخ shows the change as <del>/<ins>.
// Then the desk (login, dashboard, articles list, the article's editor, a new
// article's editor, history) at a phone's and a laptop's width: right-to-left,
// nothing wider than the screen, screenshots in QALAM_ARTIFACTS
// (desk-<page>-phone.png and desk-<page>-desktop.png, the whole page;
// desk-<page>-phone-screen.png and …-desktop-screen.png, the first screen).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  newContext, watch, squash, ensureArtifacts, withTimeout, addUser, useSite,
  TEST_TIMEOUT, ACTION_TIMEOUT,
  VIEWPORTS,
} from './support/qalam.mjs';

const START = 1767258000; // 2026-01-01 09:00 UTC: 12:00 in Riyadh, the site's time zone.
const RIYADH = 3 * 3600; // Asia/Riyadh is UTC+3 all year (no daylight saving).
const DAY = 86400;
// The server looks for due articles every 250 ms: a scheduled article (and
// a saved edit) must show within this.
const LIVE_TIMEOUT = 5_000;
const PASSWORD = 'kalimat-sirr-2024';

const WRITER = { role: 'writer', email: 'writer@news.example', name: 'سارة الكاتبة' };
const CHIEF = { role: 'chief_editor', email: 'chief@news.example', name: 'مراد رئيس التحرير' };

const ARTICLE = {
  title: 'ميناء جديد على البحر الأحمر',
  highlights: ['الميناء يستقبل أول سفينة في مارس.', 'كلفة المشروع مليار دولار.'],
  paragraphs: ['أعلنت الهيئة العامة للموانئ افتتاح الميناء.', 'وقال المتحدث إن العمل بدأ قبل عامين.'],
  writer: 'هدى الضيفة', // A guest writer: a name the site does not know yet.
  bio: 'صحفية متخصصة في النقل البحري.',
  source: 'صحيفة الشروق',
  sourceUrl: 'https://shorouk.example/port',
  section: 'اقتصاد',
  tags: 'موانئ، النقل البحري',
};
// What search engines and social networks show instead of the title and
// the first highlight (the editor's SEO fields, with their live preview).
const SEO = { title: 'ميناء البحر الأحمر يستقبل أول سفينة', description: 'افتتاح ميناء جديد بكلفة مليار دولار.' };
const OLD_WORDS = 'قبل عامين';
const NEW_WORDS = 'قبل ثلاثة أعوام';

let site;
let browser;
let artifacts;
const links = {}; // email → the path of the account's one-time set-password link.
let deskPath; // /admin/articles/ID, once the writer has saved the draft.

useSite(async (env) => {
  ({ site, browser } = env);
  artifacts = await ensureArtifacts();
  for (const who of [WRITER, CHIEF]) links[who.email] = await addUser(site.dataDir, who);
}, { clock: START });

/** A datetime-local value (the site's local time) for UTC seconds. */
function localInput(t) {
  return new Date((t + RIYADH) * 1000).toISOString().slice(0, 16);
}
/** The calendar date in Riyadh, YYYY-MM-DD, for UTC seconds. */
function localDate(t) {
  return new Date((t + RIYADH) * 1000).toISOString().slice(0, 10);
}

/** What the desk's layout checks need, measured in the page. */
function measureDesk() {
  // Anything drawn past the layout viewport's sides that cannot be scrolled
  // to inside its own box (a scrolling table is fine), such as content cut
  // off by overflow: hidden: outermost elements only. (A page too wide for a
  // phone widens the layout viewport itself: scrollWidth catches that.)
  const width = document.documentElement.clientWidth;
  const sticking = [];
  const reported = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
    if (r.left >= -1 && r.right <= width + 1) continue;
    if (reported.some((o) => o.contains(el))) continue;
    let scroller = false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll') { scroller = true; break; }
    }
    if (scroller) continue;
    reported.push(el);
    const name = el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : '') +
      (el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : '');
    sticking.push(`${name} «${(el.innerText || el.value || '').trim().slice(0, 40)}» spans ${Math.round(r.left)}..${Math.round(r.right)}`);
  }
  return {
    dir: document.documentElement.dir,
    lang: document.documentElement.lang,
    direction: getComputedStyle(document.body).direction,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    sticking,
  };
}

/**
 * What is wrong with a desk page's layout, as strings: it must be
 * right-to-left Arabic, nothing wider than `width` (the viewport's: on a
 * phone a wider page is zoomed out or scrolls sideways), nothing cut off at
 * the sides.
 */
async function deskLayoutProblems(page, where, width) {
  const m = await page.evaluate(measureDesk);
  const problems = [];
  if (m.dir !== 'rtl') problems.push(`${where}: <html dir> is «${m.dir}», not rtl`);
  if (m.lang !== 'ar') problems.push(`${where}: <html lang> is «${m.lang}», not ar`);
  if (m.direction !== 'rtl') problems.push(`${where}: the body's computed direction is ${m.direction}`);
  if (m.scrollWidth > width || m.innerWidth > width) {
    // A phone zooms such a page out (innerWidth grows) or scrolls it sideways.
    problems.push(`${where}: the page is wider than the screen (${width} px): scrollWidth ${m.scrollWidth}, ` +
      `innerWidth ${m.innerWidth}`);
  } else {
    // Only meaningful once the page fits: then nothing may be cut off at its sides.
    for (const s of m.sticking) problems.push(`${where}: cut off at the screen's sides: ${s}`);
  }
  return problems;
}

/** deskLayoutProblems() must find none; then the watcher settles (this document's CSP violations). */
async function checkDeskPage(page, watcher, where, width) {
  assert.deepEqual(await deskLayoutProblems(page, where, width), [], `${where}: right-to-left, nothing wider than the screen`);
  await watcher.settle();
}

/** Clicks `target` and waits until the page is at a URL matching `url`. */
async function clickTo(page, target, url) {
  await Promise.all([page.waitForURL(url), target.click()]);
}

const atPath = (pathname) => (u) => u.pathname === pathname;

/** Opens the account's one-time link and chooses a password, as its owner:
 * that signs them in, on the dashboard. */
async function setPassword(page, watcher, who) {
  await page.goto(`${site.url}${links[who.email]}`);
  await checkDeskPage(page, watcher, `set-password page for ${who.role}`, 1280);
  await page.getByLabel(/^كلمة المرور الجديدة/).fill(PASSWORD);
  await clickTo(page, page.getByRole('button', { name: 'حفظ', exact: true }), atPath('/admin'));
  assert.equal(squash(await page.locator('h1').first().innerText()), `أهلًا، ${who.name}`, 'signed in by the link');
}

/** The login form, filled and sent; ends on the dashboard. */
async function signIn(page, watcher, who, width = 1280) {
  if (new URL(page.url()).pathname !== '/admin/login') await page.goto(`${site.url}/admin/login`);
  await checkDeskPage(page, watcher, `login page (${who.role})`, width);
  await page.getByLabel('البريد الإلكتروني').fill(who.email);
  await page.getByLabel('كلمة المرور').fill(PASSWORD);
  await clickTo(page, page.getByRole('button', { name: 'دخول', exact: true }), atPath('/admin'));
  assert.equal(squash(await page.locator('h1').first().innerText()), `أهلًا، ${who.name}`, 'the dashboard greets the user');
}

/** The editor's field whose label starts with `label`. */
function field(page, label) {
  return page.locator('#editor').getByLabel(new RegExp(`^${label}`));
}

/** The workflow state the editor shows (مسودة, بانتظار المراجعة, مجدول…). */
async function deskState(page) {
  return squash(await page.locator('.desk-titlebar .desk-state').innerText());
}

/** Opens the article's page as a reader; its HTTP status. */
async function readArticle(page, url) {
  const res = await page.goto(url);
  return res.status();
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test('desk journey: writer drafts, chief editor schedules on the injected clock, it goes live, an edit shows in the diff',
  { timeout: TEST_TIMEOUT }, async () => {
    const writerCtx = await newContext(browser, VIEWPORTS.desktop);
    const chiefCtx = await newContext(browser, VIEWPORTS.desktop);
    const readerCtx = await newContext(browser, VIEWPORTS.desktop);
    try {
      // --- The writer: one-time link, password, login, a new article.
      const w = await writerCtx.newPage();
      const ww = watch(w, { allowCookies: true });
      await setPassword(w, ww, WRITER);
      await checkDeskPage(w, ww, 'writer dashboard', 1280);
      await clickTo(w, w.getByRole('link', { name: 'اكتب مقالًا جديدًا' }), atPath('/admin/articles/new'));
      await w.locator('.desk-list-editor').waitFor(); // editor.js has turned the highlights into a list editor.
      await checkDeskPage(w, ww, 'new article editor', 1280);

      await w.locator('#editor').getByRole('textbox', { name: 'العنوان', exact: true }).fill(ARTICLE.title);
      const points = w.getByRole('textbox', { name: 'نقطة من الأبرز' });
      assert.equal(await points.count(), 1, 'a new article starts with one empty highlight input');
      await points.first().fill(ARTICLE.highlights[0]);
      await w.getByRole('button', { name: '+ أضف نقطة' }).click();
      assert.equal(await points.count(), 2, '"+ أضف نقطة" adds a second highlight input');
      assert.ok(await points.nth(1).evaluate((el) => el === document.activeElement), 'the new highlight input has the focus');
      await w.keyboard.type(ARTICLE.highlights[1]);
      assert.equal(await w.locator('#editor textarea[name="highlights"]').inputValue(), ARTICLE.highlights.join('\n'),
        'the list editor keeps the form\'s highlights field in step, one line per point');
      // The body in the rich editor, as typed; it keeps the form's Markdown field in step.
      await w.getByRole('textbox', { name: 'نص المقال' }).click();
      await w.keyboard.type(ARTICLE.paragraphs[0]);
      await w.keyboard.press('Enter');
      await w.keyboard.type(ARTICLE.paragraphs[1]);
      assert.equal(await w.locator('#editor textarea[name="body"]').inputValue(), ARTICLE.paragraphs.join('\n\n'),
        'the rich editor writes the body as Markdown paragraphs');
      await field(w, 'الكاتب').fill(ARTICLE.writer);
      await field(w, 'نبذة الكاتب').fill(ARTICLE.bio);
      await field(w, 'اسم المصدر').fill(ARTICLE.source);
      await field(w, 'رابط المقال الأصلي').fill(ARTICLE.sourceUrl);
      await field(w, 'القسم').fill(ARTICLE.section);
      await field(w, 'الوسوم').fill(ARTICLE.tags);

      // The search-result preview follows what is typed, before any save.
      const preview = w.locator('.desk-seo-preview');
      const previewTitle = preview.locator('[data-seo-preview="title"]');
      const previewText = preview.locator('[data-seo-preview="description"]');
      assert.equal(squash(await previewTitle.innerText()), ARTICLE.title, 'without an SEO title the preview shows the title');
      assert.equal(squash(await previewText.innerText()), ARTICLE.highlights[0],
        'without an SEO description the preview shows the first highlight');
      await field(w, 'العنوان لمحركات البحث').pressSequentially(SEO.title.slice(0, 5));
      assert.equal(squash(await previewTitle.innerText()), SEO.title.slice(0, 5), 'the preview follows each key');
      await field(w, 'العنوان لمحركات البحث').fill(SEO.title);
      assert.equal(squash(await previewTitle.innerText()), SEO.title, 'the preview shows the SEO title as typed');
      assert.equal(squash(await w.locator('[data-seo-count="seo_title"]').innerText()), `${[...SEO.title].length} / 60`,
        'its length against what search engines show');
      await field(w, 'الوصف لمحركات البحث').fill(SEO.description);
      assert.equal(squash(await previewText.innerText()), SEO.description, 'the preview shows the SEO description');
      assert.equal(await w.getByRole('button', { name: 'انشر الآن' }).count(), 0, 'a writer has no "انشر الآن"');
      assert.equal(await w.getByRole('button', { name: 'جدول النشر' }).count(), 0, 'a writer cannot schedule');

      await clickTo(w, w.getByRole('button', { name: 'احفظ', exact: true }),
        (u) => /^\/admin\/articles\/\d+$/.test(u.pathname) && u.searchParams.get('done') === 'save');
      deskPath = new URL(w.url()).pathname;
      assert.equal(await deskState(w), 'مسودة', 'a saved new article is a draft');
      await checkDeskPage(w, ww, 'saved draft', 1280);
      assert.equal(await w.getByRole('textbox', { name: 'نقطة من الأبرز' }).count(), 2, 'both highlights came back from the server');

      await clickTo(w, w.getByRole('button', { name: 'أرسل للمراجعة' }),
        (u) => u.pathname === deskPath && u.searchParams.get('done') === 'submit');
      assert.equal(await deskState(w), 'بانتظار المراجعة', 'submitted: waiting for review');
      await checkDeskPage(w, ww, 'submitted article', 1280);
      assert.deepEqual(ww.problems, [], 'writer\'s desk pages: no console errors, exceptions, CSP violations or failed requests');

      // --- The chief editor: reviews it from the dashboard and schedules it a minute ahead.
      const c = await chiefCtx.newPage();
      const cw = watch(c, { allowCookies: true });
      await setPassword(c, cw, CHIEF);
      const reviewBlock = c.locator('section.desk-card', { has: c.getByRole('heading', { name: /^بانتظار المراجعة/ }) });
      await clickTo(c, reviewBlock.getByRole('link', { name: ARTICLE.title, exact: true }), atPath(deskPath));
      await c.locator('.desk-list-editor').waitFor();
      await checkDeskPage(c, cw, 'chief editor reviewing', 1280);
      assert.equal(await deskState(c), 'بانتظار المراجعة');
      assert.deepEqual(await c.getByRole('textbox', { name: 'نقطة من الأبرز' }).evaluateAll((els) => els.map((e) => e.value)),
        ARTICLE.highlights, 'the chief editor sees the writer\'s two highlights');
      assert.equal(await field(c, 'الكاتب').inputValue(), ARTICLE.writer);

      const schedule = c.getByLabel(/^موعد النشر/);
      assert.equal(await schedule.getAttribute('type'), 'datetime-local');
      await schedule.fill(localInput(START + 60));
      await clickTo(c, c.getByRole('button', { name: 'جدول النشر' }),
        (u) => u.pathname === deskPath && u.searchParams.get('done') === 'schedule');
      const scheduledState = await deskState(c);
      assert.match(scheduledState, /^مجدول/, 'the article is scheduled');
      assert.match(scheduledState, /12:01/, 'for 12:01 Riyadh time, a minute after the injected clock');
      await checkDeskPage(c, cw, 'scheduled article', 1280);
      const slug = await field(c, 'الرابط').inputValue();
      assert.ok(slug, 'the article has a slug');
      const articleUrl = `${site.url}/article/${encodeURIComponent(slug)}`;

      // --- A reader: nothing before its minute; the page once the clock passes it.
      const poll = await readerCtx.newPage(); // Unwatched: its 404s are expected.
      assert.equal(await readArticle(poll, articleUrl), 404, 'a scheduled article is not on the site before its time');
      await site.setClock(START + 61);
      const liveBy = Date.now() + LIVE_TIMEOUT;
      let status;
      while ((status = await readArticle(poll, articleUrl)) !== 200 && Date.now() < liveBy) await pause(100);
      assert.equal(status, 200, `the article is live within ${LIVE_TIMEOUT} ms of the clock passing its minute`);
      await poll.close();

      const r = await readerCtx.newPage();
      const rw = watch(r);
      await r.goto(articleUrl);
      assert.equal(squash(await r.locator('h1').first().innerText()), ARTICLE.title);
      const byline = r.locator('.article-byline');
      assert.equal(squash(await byline.innerText()), `بقلم: ${ARTICLE.writer}`, 'the byline names the guest writer');
      assert.match(decodeURIComponent(await byline.getByRole('link', { name: ARTICLE.writer }).getAttribute('href')),
        /^\/writer\//, 'the byline links to the writer\'s page');
      assert.equal(squash(await r.locator('.article-writer-bio').innerText()), `* ${ARTICLE.bio}`, 'the guest writer\'s bio');
      const source = r.locator('.article-source');
      assert.match(squash(await source.innerText()), new RegExp(`^المصدر\\| ${ARTICLE.source}`), 'the source');
      assert.equal(await source.getByRole('link', { name: '(الرابط الأصلي)' }).getAttribute('href'), ARTICLE.sourceUrl,
        'the source\'s original link');
      assert.deepEqual(await r.locator('.article-highlights p').allInnerTexts(), ARTICLE.highlights, 'both highlights, in order');
      assert.equal(await r.locator('meta[property="og:title"]').getAttribute('content'), SEO.title,
        'social networks get the SEO title');
      assert.equal(await r.locator('meta[name="description"]').getAttribute('content'), SEO.description,
        'search engines get the SEO description');
      const text = await r.evaluate(() => document.body.innerText);
      for (const p of ARTICLE.paragraphs) assert.ok(text.includes(p), `the body paragraph «${p}»`);
      const published = await r.locator('time.article-date').getAttribute('datetime');
      const updated = await r.locator('.article-updated time').getAttribute('datetime');
      const updatedText = squash(await r.locator('.article-updated time').innerText());
      assert.equal(published.slice(0, 10), localDate(START), `published on the injected clock's day (${published})`);
      assert.equal(updated.slice(0, 10), localDate(START), `"آخر تحديث" on publication is the same day (${updated})`);
      await rw.settle();

      // --- A day later the chief editor changes a paragraph.
      // They find it in the articles list, by a word of its title.
      await site.setClock(START + DAY);
      await clickTo(c, c.getByRole('navigation', { name: 'المكتب' }).getByRole('link', { name: 'المقالات', exact: true }),
        atPath('/admin/articles'));
      await c.getByRole('searchbox', { name: 'في العنوان' }).fill('ميناء');
      await clickTo(c, c.getByRole('button', { name: 'اعرض', exact: true }),
        (u) => u.pathname === '/admin/articles' && u.searchParams.get('q') === 'ميناء');
      await checkDeskPage(c, cw, 'articles list, searched', 1280);
      const row = c.locator('.desk-article', { has: c.getByRole('link', { name: ARTICLE.title, exact: true }) });
      assert.equal(await row.count(), 1, 'the search lists the article once');
      assert.match(squash(await row.locator('.desk-state').innerText()), /^منشور/, 'listed as published');
      assert.match(squash(await row.locator('.desk-meta').first().innerText()), new RegExp(`بقلم ${ARTICLE.writer}`),
        'listed with the guest writer');
      await clickTo(c, row.getByRole('link', { name: ARTICLE.title, exact: true }), atPath(deskPath));
      await c.locator('.desk-list-editor').waitFor();
      assert.equal(await deskState(c), 'منشور', 'the editor shows the article as published');
      // The body's Markdown view: the form's textarea itself.
      await c.getByRole('button', { name: 'اعرض النص بصيغة ماركداون وحرّره' }).click();
      const body = field(c, 'النص');
      const before = await body.inputValue();
      assert.ok(before.includes(OLD_WORDS), `the body has «${OLD_WORDS}» to change`);
      await body.fill(before.replace(OLD_WORDS, NEW_WORDS));
      await clickTo(c, c.getByRole('button', { name: 'احفظ', exact: true }),
        (u) => u.pathname === deskPath && u.searchParams.get('done') === 'save');
      assert.equal(await c.locator('.desk-error').count(), 0, 'the save was accepted');
      await checkDeskPage(c, cw, 'edited article', 1280);

      const editedBy = Date.now() + LIVE_TIMEOUT;
      let shown;
      for (;;) {
        await r.goto(articleUrl);
        shown = await r.locator('.article-body').innerText();
        if (shown.includes(NEW_WORDS) || Date.now() >= editedBy) break;
        await pause(100);
      }
      assert.ok(shown.includes(NEW_WORDS), `the page shows the edited paragraph within ${LIVE_TIMEOUT} ms`);
      assert.ok(!shown.includes(OLD_WORDS), 'and not the old words');
      const updatedAfter = await r.locator('.article-updated time').getAttribute('datetime');
      const updatedTextAfter = squash(await r.locator('.article-updated time').innerText());
      assert.equal(updatedAfter.slice(0, 10), localDate(START + DAY), `"آخر تحديث" moved to the day of the edit (${updatedAfter})`);
      assert.notEqual(updatedTextAfter, updatedText, `the visible "آخر تحديث" changed (was «${updatedText}»)`);
      assert.equal(await r.locator('time.article-date').getAttribute('datetime'), published, 'the published date did not move');
      await rw.settle();
      assert.deepEqual(rw.problems, [], 'the article page: no console errors, exceptions, CSP violations, failed requests or cookies');
      assert.deepEqual(await readerCtx.cookies(), [], 'a reader gets no cookies');

      // --- The revision history shows the change.
      await clickTo(c, c.getByRole('link', { name: 'سجل النسخ' }), atPath(`${deskPath}/history`));
      await checkDeskPage(c, cw, 'history', 1280);
      const bodyDiff = c.locator('.desk-diff-field', { has: c.getByRole('heading', { name: 'النص', exact: true }) })
        .locator('.desk-diff-text');
      assert.equal(await bodyDiff.count(), 1, 'the newest revision\'s diff has the body («النص»)');
      const dels = (await bodyDiff.locator('del').allInnerTexts()).map(squash);
      const inss = (await bodyDiff.locator('ins').allInnerTexts()).map(squash);
      assert.ok(dels.some((d) => d.includes('عامين')), `<del> holds the old words (got ${JSON.stringify(dels)})`);
      assert.ok(inss.some((i) => i.includes('ثلاثة أعوام')), `<ins> holds the new words (got ${JSON.stringify(inss)})`);
      assert.ok(!dels.some((d) => d.includes('ثلاثة')) && !inss.some((i) => i.includes('عامين')),
        'the old words are not marked as inserted, nor the new ones as deleted');
      const newest = squash(await c.locator('.desk-revisions li').first().innerText());
      assert.ok(newest.includes(CHIEF.name), `the newest revision names the chief editor («${newest}»)`);
      await cw.settle();
      assert.deepEqual(cw.problems, [], 'chief editor\'s desk pages: no console errors, exceptions, CSP violations or failed requests');
    } finally {
      await Promise.all([writerCtx.close(), chiefCtx.close(), readerCtx.close()]);
    }
  });

for (const [name, device] of Object.entries(VIEWPORTS)) {
  const { width } = device.viewport;
  test(`the desk at ${name} width (${width}×${device.viewport.height}): rtl, nothing wider than the screen, screenshots`,
    { timeout: TEST_TIMEOUT }, async () => {
      assert.ok(deskPath, 'the journey made an article to look at (it failed before saving one)');
      const context = await newContext(browser, device);
      const page = await context.newPage();
      const watcher = watch(page, { allowCookies: true });
      try {
        await page.goto(`${site.url}/admin/login`);
        await signIn(page, watcher, CHIEF, width);
        const pages = [
          ['dashboard', '/admin', '.desk-counts'],
          ['articles', '/admin/articles', '.desk-articles'],
          ['editor', deskPath, '.desk-list-editor'],
          ['new', '/admin/articles/new', '.desk-list-editor'],
          ['history', `${deskPath}/history`, '.desk-diff'],
        ];
        // Every page is measured and photographed; the layout's faults are
        // asserted together at the end, so one bad page hides no other.
        const layout = [];
        for (const [what, where, ready] of pages) {
          await page.goto(`${site.url}${where}`);
          await page.locator(ready).first().waitFor();
          await withTimeout(page.evaluate(() => document.fonts.ready.then(() => true)), ACTION_TIMEOUT, 'document.fonts.ready');
          // The first screen, then the whole page with the viewport as tall as
          // the document: the editor's sticky action bar then sits where it
          // belongs rather than across the middle of the picture.
          const shot = { animations: 'disabled', timeout: ACTION_TIMEOUT * 2 };
          await page.screenshot({ ...shot, path: path.join(artifacts, `desk-${what}-${name}-screen.png`) });
          const fullHeight = await page.evaluate(() => Math.ceil(document.documentElement.scrollHeight));
          await page.setViewportSize({ width, height: Math.max(device.viewport.height, fullHeight) });
          try {
            await page.screenshot({ ...shot, path: path.join(artifacts, `desk-${what}-${name}.png`) });
          } finally {
            await page.setViewportSize(device.viewport);
          }
          layout.push(...await deskLayoutProblems(page, `desk ${what} (${where}) at ${width}×${device.viewport.height}`, width));
          if (what === 'editor') {
            // The controls a person needs are within the screen's width.
            for (const control of [
              page.getByRole('button', { name: '+ أضف نقطة' }),
              page.getByRole('button', { name: 'احفظ', exact: true }),
              page.getByRole('button', { name: 'ألغِ النشر' }),
              page.getByRole('link', { name: 'سجل النسخ' }),
            ]) {
              await control.scrollIntoViewIfNeeded();
              const box = await control.boundingBox();
              if (!box || box.x < -0.5 || box.x + box.width > width + 0.5) {
                layout.push(`desk editor at ${name} width: «${squash(await control.innerText())}» is not within ` +
                  `the screen's width ${width} (${JSON.stringify(box)})`);
              }
            }
          }
          await watcher.settle();
        }
        assert.deepEqual(watcher.problems, [], 'desk pages: no console errors, exceptions, CSP violations or failed requests');
        assert.deepEqual(layout, [], `the desk at ${name} width: right-to-left, nothing wider than the screen ` +
          `(screenshots: ${artifacts}/desk-*-${name}.png)`);
      } finally {
        await context.close();
      }
    });
}
