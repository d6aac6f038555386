// The desk's rich-text editor (src/render/rich_editor), at a phone's and a
// laptop's size: a chief editor types an article in Arabic with a heading,
// an English link inside Arabic text (through the link dialog, Mod-k), bold
// (Mod-b), a list and a quote with Arabic quotation marks (input rules),
// uploads an image in place and inserts it with a caption and credit, adds a
// gallery and a YouTube embed, picks the featured image visually, publishes;
// then the stored Markdown (the form's textarea, which the editor keeps in
// step) and the published page are checked: the link's address and text,
// and the text's visual order (the English run isolated, left of the Arabic
// before it). Also: paste from Google Docs and Word comes in clean; an edit
// of an existing body changes only what was edited; the Markdown view still
// edits the body. Nothing is requested from any other host. Screenshots:
// rich-editor-*-phone.png and rich-editor-*-desktop.png in QALAM_ARTIFACTS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  newContext, watch, squash, ensureArtifacts, addUser, useSite, TEST_TIMEOUT,
  VIEWPORTS,
} from './support/qalam.mjs';

const PASSWORD = 'kalimat-sirr-2024';
const LINK = { text: 'Reuters report', href: 'https://www.reuters.com/world/middle-east/' };
const YOUTUBE = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';

let site;
let browser;
let artifacts;
const people = {};

useSite(async (env) => {
  ({ site, browser } = env);
  artifacts = await ensureArtifacts();
  for (const size of Object.keys(VIEWPORTS)) {
    const who = { role: 'chief_editor', email: `chief-${size}@news.example`, name: `رئيس التحرير ${size === 'phone' ? 'أ' : 'ب'}` };
    people[size] = { ...who, link: await addUser(site.dataDir, who) };
  }
});

/** Signs `who` in: the first time through the one-time link (which sets the password). */
async function signIn(page, who) {
  if (!who.passwordSet) {
    await page.goto(`${site.url}${who.link}`);
    await page.getByLabel(/^كلمة المرور الجديدة/).fill(PASSWORD);
    await Promise.all([page.waitForURL((u) => u.pathname !== new URL(`${site.url}${who.link}`).pathname),
      page.getByRole('button', { name: 'حفظ', exact: true }).click()]);
    who.passwordSet = true;
  }
  if (new URL(page.url()).pathname !== '/admin') {
    await page.goto(`${site.url}/admin/login`);
    await page.getByLabel('البريد الإلكتروني').fill(who.email);
    await page.getByLabel('كلمة المرور').fill(PASSWORD);
    await Promise.all([page.waitForURL((u) => u.pathname === '/admin'),
      page.getByRole('button', { name: 'دخول', exact: true }).click()]);
  }
}

/** Every request a page makes must go to the site itself. */
function sameSiteOnly(page) {
  const outside = [];
  page.on('request', (req) => {
    if (!req.url().startsWith(site.url) && !req.url().startsWith('data:')) outside.push(req.url());
  });
  return outside;
}

const markdown = (page) => page.locator('#editor textarea[name="body"]').inputValue();
const editor = (page) => page.getByRole('textbox', { name: 'نص المقال' });
const tool = (page, name) => page.getByRole('toolbar', { name: 'تنسيق نص المقال' }).getByRole('button', { name });

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
  const chosenBefore = await dialog.locator('[role="option"][aria-selected="true"]').count();
  await dialog.locator('input[type="file"]').setInputFiles({ name, mimeType: 'image/jpeg', buffer: bytes });
  await dialog.getByLabel('وصف الصورة لمن لا يراها').fill(alt);
  await dialog.getByRole('button', { name: 'ارفع', exact: true }).click();
  await page.waitForFunction((n) => document.querySelectorAll('dialog [role="option"][aria-selected="true"]').length === n + 1,
    chosenBefore);
}

/**
 * The visual order of a paragraph with an English run inside Arabic: the
 * run is one left-to-right piece (its first letter left of its last) and
 * sits left of the Arabic that comes before it (right to left).
 */
function bidiOrder(root, linkText) {
  const link = [...root.querySelectorAll('a')].find((a) => a.textContent === linkText);
  if (!link) return { found: false };
  const text = link.firstChild;
  const rect = (node, from, to) => {
    const r = document.createRange();
    r.setStart(node, from);
    r.setEnd(node, to);
    return r.getBoundingClientRect();
  };
  const first = rect(text, 0, 1);
  const last = rect(text, text.length - 1, text.length);
  const before = link.previousSibling;
  const arabic = before && before.nodeType === 3 ? rect(before, 0, before.length) : null;
  return {
    found: true,
    firstLeftOfLast: first.left < last.left,
    linkLeftOfArabic: arabic ? link.getBoundingClientRect().right <= arabic.left + 1 : null,
    sameLine: arabic ? Math.abs(first.top - arabic.top) < first.height : null,
  };
}

for (const [size, options] of Object.entries(VIEWPORTS)) {
  test(`rich editor (${size}): an Arabic article with an English link, a heading, bold, a list, a quote, images, an embed; published as typed`,
    { timeout: TEST_TIMEOUT }, async () => {
      const context = await newContext(browser, options);
      try {
        const page = await context.newPage();
        const watcher = watch(page, { allowCookies: true });
        const outside = sameSiteOnly(page);
        const who = people[size];
        await signIn(page, who);
        const imageA = await photo(page, 0);
        const imageB = await photo(page, 120);
        const altA = `رافعات في الميناء (${size === 'phone' ? 'الهاتف' : 'الحاسوب'})`;
        const altB = `سفينة تدخل الميناء (${size === 'phone' ? 'الهاتف' : 'الحاسوب'})`;
        await page.goto(`${site.url}/admin/articles/new`);
        await editor(page).waitFor();
        assert.equal(await page.locator('#editor textarea[name="body"]').isHidden(), true,
          'the editor mounts over the body\'s textarea, which stays in the form');
        const title = `مقال المحرر الجديد ${size === 'phone' ? 'على الهاتف' : 'على الحاسوب'}`;
        await page.locator('#editor').getByRole('textbox', { name: 'العنوان', exact: true }).fill(title);

        // A heading by input rule, a paragraph with a link by Mod-k and bold by Mod-b.
        await editor(page).click();
        await page.keyboard.type('## خلفية الخبر');
        await page.keyboard.press('Enter');
        await page.keyboard.type('قال مراسلنا إن ');
        await page.keyboard.press('ControlOrMeta+k');
        const linkDialog = page.getByRole('dialog', { name: 'إضافة رابط' });
        await linkDialog.getByLabel('نص الرابط').fill(LINK.text);
        await linkDialog.getByLabel('عنوان الرابط').fill('reuters dot com');
        await linkDialog.getByRole('button', { name: 'حسنًا' }).click();
        assert.match(squash(await linkDialog.getByRole('alert').innerText()), /عنوان الرابط غير صالح/,
          'a bad address is refused in Arabic, the dialog stays open');
        await linkDialog.getByLabel('عنوان الرابط').fill(LINK.href);
        await linkDialog.getByRole('button', { name: 'حسنًا' }).click();
        await linkDialog.waitFor({ state: 'detached' });
        await page.keyboard.type(' نُشر صباح اليوم، وفيه ');
        await page.keyboard.press('ControlOrMeta+b');
        await page.keyboard.type('تفاصيل مهمة');
        await page.keyboard.press('ControlOrMeta+b');
        await page.keyboard.type('.');
        assert.equal(await tool(page, 'عريض (Ctrl+B)').getAttribute('aria-pressed'), 'false', 'bold is off again');
        // Undo and redo (typing after a pause is a step of its own).
        await page.waitForTimeout(700);
        await page.keyboard.type(' خطأ');
        await page.keyboard.press('ControlOrMeta+z');
        assert.ok(!(await markdown(page)).includes('خطأ'), 'Mod-z undoes the last typing');
        await page.keyboard.press('ControlOrMeta+Shift+z');
        assert.ok((await markdown(page)).includes('خطأ'), 'Mod-Shift-z redoes it');
        await page.keyboard.press('ControlOrMeta+z');
        // A list and a quote by input rules; Arabic quotation marks.
        await page.keyboard.press('Enter');
        await page.keyboard.type('- البند الأول');
        await page.keyboard.press('Enter');
        await page.keyboard.type('البند الثاني');
        await page.keyboard.press('Enter');
        await page.keyboard.press('Enter');
        await page.keyboard.type('> "الصحافة مسؤولية"');
        await page.keyboard.press('Enter');
        await page.keyboard.press('Enter');

        // An image uploaded in place, with a caption and a credit.
        await tool(page, 'صورة أو معرض صور من مكتبة الوسائط').click();
        await uploadInPlace(page, imageA, 'port.jpg', altA);
        await page.screenshot({ path: path.join(artifacts, `rich-editor-media-${size}.png`) });
        await page.getByRole('dialog').getByRole('button', { name: 'أدرج الصور المختارة' }).click();
        const figure = page.locator('.rich-figure').first();
        await figure.getByLabel('تعليق الصورة').fill('الرافعات في الميناء الجديد');
        await figure.getByLabel('حقوق الصورة').fill('تصوير: رويترز');
        // A gallery: a second image uploaded, the first chosen again.
        await editor(page).click();
        await page.keyboard.press('ControlOrMeta+End');
        await tool(page, 'صورة أو معرض صور من مكتبة الوسائط').click();
        await page.getByRole('dialog').getByRole('option').first().waitFor();
        await uploadInPlace(page, imageB, 'ship.jpg', altB);
        await page.getByRole('dialog').getByRole('option', { name: altA }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'أدرج الصور المختارة' }).click();
        await page.locator('.rich-editor .gallery .rich-figure').nth(1).waitFor();
        // An embed: only the listed sites, nothing loaded from them.
        await tool(page, /^تضمين/).click();
        const embedDialog = page.getByRole('dialog', { name: 'تضمين فيديو أو منشور' });
        await embedDialog.getByLabel('عنوان الفيديو أو المنشور').fill('https://example.com/video');
        await embedDialog.getByRole('button', { name: 'حسنًا' }).click();
        assert.match(squash(await embedDialog.getByRole('alert').innerText()), /يوتيوب/, 'another site is refused, naming the ones allowed');
        await embedDialog.getByLabel('عنوان الفيديو أو المنشور').fill(YOUTUBE);
        await embedDialog.getByRole('button', { name: 'حسنًا' }).click();
        assert.match(squash(await page.locator('.rich-embed').innerText()), /فيديو من يوتيوب/, 'the embed shows its site');

        // The featured image, picked from the library's grid.
        await page.getByRole('button', { name: 'اختر من مكتبة الوسائط' }).click();
        await page.getByRole('dialog').getByRole('option', { name: altB }).click();
        await page.getByRole('dialog').waitFor({ state: 'detached' });
        const imageId = await page.locator('#editor input[name="image_id"]').inputValue();
        assert.match(imageId, /^\d+$/, 'the featured image\'s number is filled in');
        assert.equal(await page.locator('#editor input[name="image_alt"]').inputValue(), altB,
          'an empty description takes the library\'s');
        assert.equal(await page.locator('#editor img.desk-thumb').count(), 1, 'its thumbnail shows');

        // Mod-k inside a link opens it for editing, whole.
        await editor(page).getByRole('link', { name: LINK.text }).click();
        await page.keyboard.press('ControlOrMeta+k');
        const editDialog = page.getByRole('dialog', { name: 'تعديل الرابط' });
        assert.equal(await editDialog.getByLabel('نص الرابط').inputValue(), LINK.text);
        assert.equal(await editDialog.getByLabel('عنوان الرابط').inputValue(), LINK.href);
        assert.equal(await editDialog.getByRole('button', { name: 'أزل الرابط' }).count(), 1);
        await editDialog.getByRole('button', { name: 'ألغِ' }).click();
        await editDialog.waitFor({ state: 'detached' });

        // What the editor wrote into the form: the site's Markdown.
        const md = await markdown(page);
        const images = [...md.matchAll(/!\[([^\]]*)\]\((\/media\/[^ )]+)(?: "([^"]*)")?\)/g)];
        assert.equal(images.length, 3, `three images in the Markdown:\n${md}`);
        const [a, b] = [images[0][2], images[1][2]];
        assert.equal(md, [
          '## خلفية الخبر',
          `قال مراسلنا إن [${LINK.text}](${LINK.href}) نُشر صباح اليوم، وفيه **تفاصيل مهمة**.`,
          '- البند الأول\n- البند الثاني',
          '> «الصحافة مسؤولية»',
          `![${altA}](${a} "الرافعات في الميناء الجديد | تصوير: رويترز")`,
          `![${altB}](${b})\n![${altA}](${a})`,
          YOUTUBE,
        ].join('\n\n'), 'the body is stored as Markdown with the shared forms (figure, gallery, embed)');

        // In the editor: the English link isolated and in reading order.
        const inEditor = await editor(page).evaluate(bidiOrder, LINK.text);
        assert.deepEqual(inEditor, { found: true, firstLeftOfLast: true, linkLeftOfArabic: true, sameLine: true },
          'the editor shows the English link left to right, after (left of) the Arabic before it');
        assert.equal(await editor(page).locator('p').first().evaluate((p) => getComputedStyle(p).unicodeBidi), 'plaintext',
          'each block takes its direction from its own text');
        await page.locator('.rich-editor').screenshot({ path: path.join(artifacts, `rich-editor-typed-${size}.png`) });
        await editor(page).locator('p').first().scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(artifacts, `rich-editor-typed-${size}-screen.png`) });

        // Publish.
        await Promise.all([page.waitForURL((u) => /^\/admin\/articles\/\d+$/.test(u.pathname) && u.searchParams.get('done')),
          page.getByRole('button', { name: 'انشر الآن' }).click()]);
        assert.equal(await markdown(page), md, 'the saved body comes back as it was sent');
        assert.equal(await page.locator('#editor input[name="image_id"]').inputValue(), imageId);
        await editor(page).waitFor();
        await watcher.settle();

        const view = await page.getByRole('link', { name: 'اعرض في الموقع' }).getAttribute('href');
        await page.goto(new URL(view, site.url).href);
        const body = page.locator('.article-body');
        const link = body.getByRole('link', { name: LINK.text, exact: true });
        assert.equal(await link.getAttribute('href'), LINK.href, 'the published link keeps its address');
        assert.equal(squash(await body.locator('h2').first().innerText()), 'خلفية الخبر');
        assert.equal(squash(await body.locator('strong').first().innerText()), 'تفاصيل مهمة');
        assert.deepEqual((await body.locator('li').allInnerTexts()).map(squash), ['البند الأول', 'البند الثاني']);
        assert.equal(squash(await body.locator('blockquote').innerText()), '«الصحافة مسؤولية»');
        const paragraph = body.locator('p', { has: page.getByRole('link', { name: LINK.text, exact: true }) });
        assert.equal(squash(await paragraph.innerText()), `قال مراسلنا إن ${LINK.text} نُشر صباح اليوم، وفيه تفاصيل مهمة.`,
          'the published paragraph reads in order');
        assert.deepEqual(await paragraph.evaluate(bidiOrder, LINK.text),
          { found: true, firstLeftOfLast: true, linkLeftOfArabic: true, sameLine: true },
          'the published page shows the English link in reading order');
        assert.ok(await body.locator(`img[src="${a}"]`).count() >= 1, 'the image is on the page');
        await page.screenshot({ path: path.join(artifacts, `rich-editor-published-${size}.png`), fullPage: true });
        await paragraph.screenshot({ path: path.join(artifacts, `rich-editor-published-link-${size}.png`) });
        await watcher.settle();
        assert.deepEqual(outside, [], 'nothing is requested from another host (the embed loads nothing before a click)');
        assert.deepEqual(watcher.problems, [], 'no console errors, exceptions, CSP violations or failed requests');
      } finally {
        await context.close();
      }
    });
}

test('rich editor: paste from Google Docs and Word comes in clean; a pasted video address is an embed, a pasted image is uploaded in place', { timeout: TEST_TIMEOUT }, async () => {
  const context = await newContext(browser, VIEWPORTS.desktop);
  try {
    const page = await context.newPage();
    const watcher = watch(page, { allowCookies: true });
    await signIn(page, people.desktop);
    await page.goto(`${site.url}/admin/articles/new`);
    await editor(page).click();
    const paste = (html, text) => editor(page).evaluate((el, [h, t]) => {
      const data = new DataTransfer();
      data.setData('text/html', h);
      data.setData('text/plain', t);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, [html, text]);
    // Google Docs: the <b id="docs-internal-guid-…"> wrapper, spans with styles for bold and italic.
    await paste('<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1a2b3c4d-7fff-1234-abcd-0123456789ab">' +
      '<p dir="rtl" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;"><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:700;font-style:normal;vertical-align:baseline;white-space:pre-wrap;">خبر عاجل</span>' +
      '<span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;font-weight:400;"> من الوكالة </span>' +
      '<a href="https://www.bbc.com/arabic" style="text-decoration:none;"><span style="font-size:11pt;color:#1155cc;text-decoration:underline;">BBC Arabic</span></a></p>' +
      '<br><p dir="rtl" style="line-height:1.38;"><span style="font-size:11pt;font-style:italic;">سطر مائل</span></p>' +
      '<p dir="rtl"><span style="font-size:11pt;"> </span></p></b><br class="Apple-interchange-newline">',
    'خبر عاجل من الوكالة BBC Arabic\nسطر مائل');
    await page.keyboard.press('Enter');
    // Word: MsoNormal paragraphs, mso- styles, <o:p>, an empty paragraph, a pseudo-list.
    await paste('<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{mso-style-parent:"";}</style></head><body lang=AR-SA>' +
      '<!--StartFragment--><p class=MsoNormal dir=RTL style=\'mso-margin-top-alt:auto;text-align:right;direction:rtl;unicode-bidi:embed\'><span lang=AR-SA style=\'font-size:14.0pt;font-family:"Simplified Arabic";mso-bidi-language:AR-SA\'>فقرة من وورد<o:p></o:p></span></p>' +
      '<p class=MsoNormal dir=RTL><span lang=AR-SA><o:p>&nbsp;</o:p></span></p>' +
      '<p class=MsoListParagraphCxSpFirst dir=RTL style=\'text-indent:-18.0pt;mso-list:l0 level1 lfo1\'><![if !supportLists]><span style=\'font-family:Symbol;mso-list:Ignore\'>·<span style=\'font:7.0pt "Times New Roman"\'>&nbsp;&nbsp;&nbsp; </span></span><![endif]><span lang=AR-SA>أولًا</span></p>' +
      '<p class=MsoListParagraphCxSpLast dir=RTL style=\'text-indent:-18.0pt;mso-list:l0 level1 lfo1\'><![if !supportLists]><span style=\'font-family:Symbol;mso-list:Ignore\'>·<span>&nbsp;&nbsp; </span></span><![endif]><span lang=AR-SA>ثانيًا</span></p>' +
      '<!--EndFragment--></body></html>', 'فقرة من وورد\n\nأولًا\nثانيًا');
    // A supported address pasted alone on its own line becomes an embed.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    const paste1 = (text) => editor(page).evaluate((el, t) => {
      const data = new DataTransfer();
      data.setData('text/plain', t);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
    await paste1('https://youtu.be/dQw4w9WgXcQ');
    assert.match(squash(await editor(page).locator('.rich-embed').innerText()), /فيديو من يوتيوب/, 'the pasted address is an embed');
    // An image file pasted opens the media dialog with it, to be described and uploaded in place.
    await page.keyboard.press('ControlOrMeta+End');
    const jpeg = await photo(page, 240);
    await editor(page).evaluate((el, b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'pasted.jpg', { type: 'image/jpeg' }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, jpeg.toString('base64'));
    const dialog = page.getByRole('dialog');
    assert.equal(await dialog.locator('input[type="file"]').evaluate((i) => i.files.length && i.files[0].name), 'pasted.jpg',
      'the pasted file waits in the upload form');
    await dialog.getByLabel('وصف الصورة لمن لا يراها').fill('صورة ملصقة');
    await dialog.getByRole('button', { name: 'ارفع', exact: true }).click();
    await dialog.locator('[role="option"][aria-selected="true"]').waitFor();
    await dialog.getByRole('button', { name: 'أدرج الصور المختارة' }).click();
    await dialog.waitFor({ state: 'detached' });
    const md = await markdown(page);
    const pasted = /\n\n!\[صورة ملصقة\]\((\/media\/[^ )]+)\)$/.exec(md);
    assert.ok(pasted, `the pasted image is a figure at the end:\n${md}`);
    assert.equal(md.slice(0, pasted.index), [
      '**خبر عاجل** من الوكالة [BBC Arabic](https://www.bbc.com/arabic)',
      '*سطر مائل*',
      'فقرة من وورد',
      '- أولًا\n- ثانيًا',
      'https://youtu.be/dQw4w9WgXcQ',
    ].join('\n\n'), 'only the schema\'s marks and blocks are kept: no styles, spans, Word markup or empty paragraphs');
    const html = await editor(page).innerHTML();
    const source = html.replace(/<div class="rich-embed[\s\S]*?<\/div>/, '');
    assert.doesNotMatch(source, /style=|mso-|<span|docs-internal|<o:p|<br(?! class="ProseMirror-trailingBreak")/i, `nothing of the source's markup reaches the editor: ${source}`);
    await page.screenshot({ path: path.join(artifacts, 'rich-editor-pasted-desktop.png') });
    await watcher.settle();
    assert.deepEqual(watcher.problems, []);
  } finally {
    await context.close();
  }
});

test('rich editor: an edit of a stored body changes only what was edited; the Markdown view edits the body',
  { timeout: TEST_TIMEOUT }, async () => {
    const context = await newContext(browser, VIEWPORTS.desktop);
    try {
      const page = await context.newPage();
      const watcher = watch(page, { allowCookies: true });
      await signIn(page, people.desktop);
      // Every article the site started with (the seed and the welcome articles).
      await page.goto(`${site.url}/admin/articles`);
      const editors = await page.locator('a[href^="/admin/articles/"]').evaluateAll((as) =>
        [...new Set(as.map((a) => a.getAttribute('href')).filter((h) => /^\/admin\/articles\/\d+$/.test(h)))]);
      assert.ok(editors.length >= 1, 'the site has stored articles to edit');
      for (const href of editors) {
        await page.goto(`${site.url}${href}`);
        await editor(page).waitFor();
        const before = (await markdown(page)).replace(/\s+$/, '');
        // Into the text, as a person would: the editor's middle may be an
        // image or an embed (a click there selects the figure instead).
        await editor(page).locator('p').first().click();
        await page.keyboard.press('ControlOrMeta+End');
        await page.keyboard.press('Enter');
        await page.keyboard.type('فقرة أخيرة');
        const after = await markdown(page);
        assert.ok(after === `${before}\n\nفقرة أخيرة`,
          `${href}: the body is the stored Markdown and one new paragraph:\n--- before\n${before.slice(-400)}\n--- after\n${after.slice(-400)}`);
      }
      // The Markdown view: the textarea itself, read back into the editor.
      await tool(page, 'اعرض النص بصيغة ماركداون وحرّره').click();
      const area = page.locator('#editor textarea[name="body"]');
      assert.equal(await area.isVisible(), true, 'the Markdown view shows the textarea');
      await area.fill('فقرة **من** ماركداون');
      await tool(page, 'اعرض النص بصيغة ماركداون وحرّره').click();
      assert.equal(await editor(page).locator('strong').innerText(), 'من', 'the editor reads the edited Markdown back');
      await watcher.settle();
      assert.deepEqual(watcher.problems, []);
    } finally {
      await context.close();
    }
  });
