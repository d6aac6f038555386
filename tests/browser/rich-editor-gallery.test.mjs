// A gallery edited in place in the desk's rich editor (src/render/rich_editor:
// gallery.js, node_views.js), at a phone's and a laptop's size: a chief
// editor inserts a gallery of two images uploaded in place, adds a third
// from the gallery's own button, moves it one place right (before, the body
// being right to left) with the keyboard, on a laptop also drags a figure to
// its place, edits a caption and a credit in place, and publishes; the
// stored Markdown (the form's textarea as the server sends it back) and the
// published page show the new order and the caption. Then removing figures
// leaves a figure, not a gallery of one, and adding an image to that figure
// makes a gallery again. Also: a video address pasted into
// a list item or a quote goes after the list or the quote, as an embed.
// Screenshots: rich-editor-gallery-*-phone.png, rich-editor-gallery-*-desktop.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  newContext, watch, squash, ensureArtifacts, addUser, useSite, fitsScreen, TEST_TIMEOUT, VIEWPORTS,
} from './support/qalam.mjs';

const PASSWORD = 'kalimat-sirr-2024';
const YOUTUBE = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';

let site;
let browser;
let artifacts;
const people = {};

useSite(async (env) => {
  ({ site, browser } = env);
  artifacts = await ensureArtifacts();
  for (const size of [...Object.keys(VIEWPORTS), 'paste']) {
    const who = { role: 'chief_editor', email: `gallery-${size}@news.example`, name: `محرر المعارض ${size}` };
    people[size] = { ...who, link: await addUser(site.dataDir, who) };
  }
});

/** Signs `who` in through the one-time link, which sets the password. */
async function signIn(page, who) {
  await page.goto(`${site.url}${who.link}`);
  await page.getByLabel(/^كلمة المرور الجديدة/).fill(PASSWORD);
  await Promise.all([page.waitForURL((u) => u.pathname !== new URL(`${site.url}${who.link}`).pathname),
    page.getByRole('button', { name: 'حفظ', exact: true }).click()]);
  if (new URL(page.url()).pathname !== '/admin') {
    await page.goto(`${site.url}/admin/login`);
    await page.getByLabel('البريد الإلكتروني').fill(who.email);
    await page.getByLabel('كلمة المرور').fill(PASSWORD);
    await Promise.all([page.waitForURL((u) => u.pathname === '/admin'),
      page.getByRole('button', { name: 'دخول', exact: true }).click()]);
  }
}

const markdown = (page) => page.locator('#editor textarea[name="body"]').inputValue();
const editor = (page) => page.getByRole('textbox', { name: 'نص المقال' });
const tool = (page, name) => page.getByRole('toolbar', { name: 'تنسيق نص المقال' }).getByRole('button', { name });
const figures = (page) => page.locator('.rich-editor .gallery > .rich-figure');
/** The gallery's images' descriptions, in the document's order. */
const order = (page) => figures(page).locator('img').evaluateAll((imgs) => imgs.map((i) => i.alt));

/** A real JPEG to upload: a screenshot of part of the page, `hue` tinting it. */
async function photo(page, hue) {
  await page.evaluate((h) => { document.body.style.filter = `hue-rotate(${h}deg) saturate(4)`; }, hue);
  const bytes = await page.screenshot({ type: 'jpeg', quality: 80, clip: { x: 0, y: 0, width: 360, height: 240 } });
  await page.evaluate(() => { document.body.style.filter = ''; });
  return bytes;
}

/** Uploads `bytes` from the open media dialog; waits until its tile is chosen. */
async function uploadInPlace(page, bytes, name, alt) {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('status').filter({ hasNotText: 'تُحمَّل' }).waitFor();
  const chosenBefore = await dialog.locator('[role="option"][aria-selected="true"]').count();
  await dialog.locator('input[type="file"]').setInputFiles({ name, mimeType: 'image/jpeg', buffer: bytes });
  await dialog.getByLabel('وصف الصورة لمن لا يراها').fill(alt);
  await dialog.getByRole('button', { name: 'ارفع', exact: true }).click();
  await page.waitForFunction((n) => document.querySelectorAll('dialog [role="option"][aria-selected="true"]').length === n + 1,
    chosenBefore);
}

const IMAGE_LINE = /^!\[([^\]]*)\]\((\/media\/[^ )]+)(?: "([^"]*)")?\)$/;

for (const [size, options] of Object.entries(VIEWPORTS)) {
  test(`rich editor gallery (${size}): two images, a third added, moved, a caption edited; published in that order`,
    { timeout: TEST_TIMEOUT }, async () => {
      const context = await newContext(browser, options);
      try {
        const page = await context.newPage();
        const watcher = watch(page, { allowCookies: true });
        await signIn(page, people[size]);
        const where = size === 'phone' ? 'الهاتف' : 'الحاسوب';
        const alt = { a: `مرفأ الصيادين (${where})`, b: `سوق السمك (${where})`, c: `قوارب عند الفجر (${where})` };
        const bytes = { a: await photo(page, 0), b: await photo(page, 120), c: await photo(page, 240) };
        await page.goto(`${site.url}/admin/articles/new`);
        await editor(page).waitFor();
        await page.locator('#editor').getByRole('textbox', { name: 'العنوان', exact: true }).fill(`معرض الميناء على ${where}`);
        await editor(page).click();
        await page.keyboard.type('جولة مصورة في الميناء القديم.');
        await page.keyboard.press('Enter');

        // A gallery of two images, uploaded in place.
        await tool(page, 'صورة أو معرض صور من مكتبة الوسائط').click();
        await uploadInPlace(page, bytes.a, 'a.jpg', alt.a);
        await uploadInPlace(page, bytes.b, 'b.jpg', alt.b);
        await page.getByRole('dialog').getByRole('button', { name: 'أدرج الصور المختارة' }).click();
        await figures(page).nth(1).waitFor();
        assert.deepEqual(await order(page), [alt.a, alt.b], 'a gallery of the two images, in the order chosen');

        // A third image, from the gallery's own button.
        await page.getByRole('button', { name: 'أضف صورًا من المكتبة إلى المعرض' }).click();
        await uploadInPlace(page, bytes.c, 'c.jpg', alt.c);
        await page.getByRole('dialog').getByRole('button', { name: 'أدرج الصور المختارة' }).click();
        await figures(page).nth(2).waitFor();
        assert.deepEqual(await order(page), [alt.a, alt.b, alt.c], 'the third image is added at the gallery\'s end');
        assert.equal(await figures(page).nth(0).getByRole('button', { name: 'انقل الصورة يمينًا (قبل)' }).isDisabled(), true,
          'the first figure cannot move further right');
        assert.equal(await figures(page).nth(2).getByRole('button', { name: 'انقل الصورة يسارًا (بعد)' }).isDisabled(), true,
          'the last figure cannot move further left');
        // In a right-to-left gallery the first figure is the rightmost, on a
        // phone too (two a row).
        const [r0, r1] = await Promise.all([0, 1].map((i) => figures(page).nth(i).evaluate((f) => {
          const r = f.getBoundingClientRect();
          return { left: r.left, top: r.top };
        })));
        assert.ok(r0.left > r1.left && r0.top === r1.top, `the first figure is right of the second: ${JSON.stringify([r0, r1])}`);

        // The third moved one place right (before the second) from the keyboard.
        await figures(page).nth(2).getByRole('button', { name: 'انقل الصورة يمينًا (قبل)' }).focus();
        await page.keyboard.press('Enter');
        assert.deepEqual(await order(page), [alt.a, alt.c, alt.b], 'moved one place right');
        assert.equal(await page.evaluate(() => document.activeElement.closest('.rich-figure').querySelector('img').alt), alt.c,
          'the keys stay on the figure that moved');
        assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'انقل الصورة يمينًا (قبل)');
        assert.equal(squash(await page.locator('.rich-gallery').getByRole('status').innerText()), 'نُقلت الصورة إلى الموضع 2 من 3.',
          'the move is said where screen readers hear it');
        let expected = [alt.a, alt.c, alt.b];
        if (size === 'desktop') {
          // Dragged: the last figure dropped on the right half of the first
          // goes before it.
          const target = figures(page).nth(0).locator('img');
          const box = await target.boundingBox();
          await figures(page).nth(2).locator('img').dragTo(target, { targetPosition: { x: box.width * 0.8, y: box.height * 0.7 } });
          expected = [alt.b, alt.a, alt.c];
          assert.deepEqual(await order(page), expected, 'the dragged figure goes where it was dropped');
          assert.equal(squash(await page.locator('.rich-gallery').getByRole('status').innerText()), 'نُقلت الصورة إلى الموضع 1 من 3.');
        }

        // A caption and a credit edited in place.
        const figureA = figures(page).filter({ has: page.locator(`img[alt="${alt.a}"]`) });
        await figureA.getByLabel('تعليق الصورة').fill('المرفأ عند الفجر');
        await figureA.getByLabel('حقوق الصورة').fill('تصوير: سلمى');
        await page.locator('.rich-editor').screenshot({ path: path.join(artifacts, `rich-editor-gallery-editing-${size}.png`) });
        await fitsScreen(page, `the editor with a gallery (${size})`, options.viewport.width);

        const md = await markdown(page);
        const blocks = md.split('\n\n');
        assert.equal(blocks.length, 2, `a paragraph and the gallery:\n${md}`);
        assert.equal(blocks[0], 'جولة مصورة في الميناء القديم.');
        const lines = blocks[1].split('\n').map((l) => IMAGE_LINE.exec(l));
        assert.ok(lines.every(Boolean), `one image a line:\n${blocks[1]}`);
        assert.deepEqual(lines.map((m) => m[1]), expected, 'the Markdown has the new order');
        assert.deepEqual(lines.map((m) => m[3] || ''), expected.map((a) => (a === alt.a ? 'المرفأ عند الفجر | تصوير: سلمى' : '')),
          'the caption and credit are the image\'s title');

        // Published: the stored body and the page keep the order and caption.
        await Promise.all([page.waitForURL((u) => /^\/admin\/articles\/\d+$/.test(u.pathname) && u.searchParams.get('done')),
          page.getByRole('button', { name: 'انشر الآن' }).click()]);
        assert.equal(await markdown(page), md, 'the stored body is what the editor wrote');
        await editor(page).waitFor();
        assert.deepEqual(await order(page), expected, 'the saved gallery reopens in its order');
        const view = await page.getByRole('link', { name: 'اعرض في الموقع' }).getAttribute('href');
        await watcher.settle();
        await page.goto(new URL(view, site.url).href);
        const gallery = page.locator('.article-body .gallery');
        assert.deepEqual(await gallery.locator('figure img').evaluateAll((imgs) => imgs.map((i) => i.alt)), expected,
          'the published gallery is in the new order');
        const published = gallery.locator('figure', { has: page.locator(`img[alt="${alt.a}"]`) });
        assert.equal(squash(await published.locator('.caption').innerText()), 'المرفأ عند الفجر');
        assert.equal(squash(await published.locator('.credit').innerText()), 'تصوير: سلمى');
        await gallery.scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(artifacts, `rich-editor-gallery-published-${size}.png`) });

        // Back in the editor: two figures removed leave one figure, not a
        // gallery of one.
        await page.goBack();
        await editor(page).waitFor();
        for (const a of [alt.b, alt.c]) {
          await figures(page).filter({ has: page.locator(`img[alt="${a}"]`) }).getByRole('button', { name: 'احذف الصورة' }).click();
        }
        assert.equal(await page.locator('.rich-editor .gallery').count(), 0, 'no gallery is left');
        const left = (await markdown(page)).split('\n\n');
        assert.equal(left.length, 2);
        assert.match(left[1], IMAGE_LINE, 'the one image left is a figure');
        assert.equal(IMAGE_LINE.exec(left[1])[3], 'المرفأ عند الفجر | تصوير: سلمى');
        // The figure made a gallery again by adding an image from the library.
        await page.locator('.rich-editor .rich-figure').getByRole('button', { name: 'أضف صورًا من المكتبة إلى جانب هذه الصورة' }).click();
        await page.getByRole('dialog').getByRole('option', { name: alt.c }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'أدرج الصور المختارة' }).click();
        await figures(page).nth(1).waitFor();
        assert.deepEqual(await order(page), [alt.a, alt.c], 'a gallery of the figure and the image added after it');
        assert.deepEqual((await markdown(page)).split('\n\n')[1].split('\n').map((l) => IMAGE_LINE.exec(l)[1]), [alt.a, alt.c]);
        // A figure copied and pasted keeps its caption and credit.
        await figures(page).nth(0).locator('img').click();
        const copied = await editor(page).evaluate((el) => {
          const data = new DataTransfer();
          el.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
          return data.getData('text/html');
        });
        await editor(page).locator(':scope > p').last().click();
        await editor(page).evaluate((el, html) => {
          const data = new DataTransfer();
          data.setData('text/html', html);
          el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        }, copied);
        const pasted = (await markdown(page)).split('\n\n');
        assert.equal(pasted.length, 3, `the copy is a block of its own:\n${pasted.join('\n\n')}`);
        assert.deepEqual(IMAGE_LINE.exec(pasted[2]).slice(1).filter((_, i) => i !== 1), [alt.a, 'المرفأ عند الفجر | تصوير: سلمى'],
          'the copy keeps its caption and credit');
        await watcher.settle();
        assert.deepEqual(watcher.problems, [], 'no console errors, exceptions, CSP violations or failed requests');
      } finally {
        await context.close();
      }
    });
}

test('rich editor: a video address pasted into a list item or a quote goes after it as an embed; a gallery pasted stays one', { timeout: TEST_TIMEOUT }, async () => {
  const context = await newContext(browser, VIEWPORTS.desktop);
  try {
    const page = await context.newPage();
    const watcher = watch(page, { allowCookies: true });
    await signIn(page, people.paste);
    await page.goto(`${site.url}/admin/articles/new`);
    await editor(page).waitFor();
    const paste = (text) => editor(page).evaluate((el, t) => {
      const data = new DataTransfer();
      data.setData('text/plain', t);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
    await editor(page).click();
    await page.keyboard.type('- البند الأول');
    await page.keyboard.press('Enter');
    await paste(YOUTUBE);
    assert.equal(await markdown(page), `- البند الأول\n\n${YOUTUBE}`, 'the embed follows the list, the empty item gone');
    assert.equal(await editor(page).locator('ul .rich-embed').count(), 0, 'no embed inside the list');
    await page.keyboard.type('> "قول مأثور"');
    await page.keyboard.press('Enter');
    await paste('https://vimeo.com/76979871');
    assert.equal(await markdown(page), `- البند الأول\n\n${YOUTUBE}\n\n> «قول مأثور»\n\nhttps://vimeo.com/76979871`,
      'the embed follows the quote');
    await page.keyboard.type('بعد الفيديو');
    assert.match(await markdown(page), /\n\nبعد الفيديو$/, 'the cursor waits in a paragraph after the embed');
    assert.equal(await editor(page).locator('.rich-embed').count(), 2);
    // A gallery copied from the site's own page comes in a gallery, with its
    // captions and credits.
    await page.keyboard.press('Enter');
    // Images the desk serves (its icon), so that nothing fails to load.
    const src = await page.locator('link[rel~="icon"]').first().getAttribute('href');
    await editor(page).evaluate((el, url) => {
      const data = new DataTransfer();
      data.setData('text/html', '<meta charset="utf-8"><div class="gallery" role="group" aria-label="معرض صور">' +
        `<figure class="figure"><img src="${url}" alt="أ" loading="lazy" decoding="async"><figcaption>` +
        '<span class="caption">الأولى</span> <span class="credit">تصوير: أ</span></figcaption></figure>' +
        `<figure class="figure"><img src="${url}" alt="ب" loading="lazy" decoding="async"></figure></div>`);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, src);
    const tail = (await markdown(page)).split('\n\n').pop();
    assert.equal(tail, `![أ](${src} "الأولى | تصوير: أ")\n![ب](${src})`,
      'a gallery of the two figures, the first with its caption and credit');
    await page.locator('.rich-editor').screenshot({ path: path.join(artifacts, 'rich-editor-gallery-paste-desktop.png') });
    await watcher.settle();
    assert.deepEqual(watcher.problems, [], 'no console errors, exceptions, CSP violations or failed requests');
  } finally {
    await context.close();
  }
});
