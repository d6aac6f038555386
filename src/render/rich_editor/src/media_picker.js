// The media library in a dialog: a grid of thumbnails (GET /admin/media/api,
// page by page) to pick from, and an upload in place (POST, multipart, the
// desk's anti-forgery token) whose image is then picked. `many`: several
// images may be chosen (a figure or a gallery in the body); otherwise the
// first click picks (the featured image). Resolves with the chosen items
// ({id, url, thumb, alt, width, height}) in the order chosen, or null.
import { el } from './dialogs.js';
import { localDigits } from './digits.js';

const API = '/admin/media/api';

// `files`: image files pasted or dropped into the body, put in the upload
// form to be described and uploaded.
export function pickMedia({ many, csrf, title, files }) {
  return new Promise((resolve) => {
    const chosen = [];
    const grid = el('ul', { class: 'rich-media-grid', role: 'listbox', 'aria-label': 'صور المكتبة', 'aria-multiselectable': many ? 'true' : 'false' });
    const status = el('p', { class: 'desk-hint', role: 'status', 'aria-live': 'polite' }, 'تُحمَّل صور المكتبة…');
    const more = el('button', { type: 'button', class: 'desk-button-quiet', hidden: true }, 'صور أقدم');
    const insert = el('button', { type: 'button', class: 'desk-primary', disabled: true }, 'أدرج الصور المختارة');
    const cancel = el('button', { type: 'button', class: 'desk-button-quiet' }, 'ألغِ');
    const file = el('input', { type: 'file', name: 'file', accept: 'image/jpeg,image/png,image/webp,image/gif' });
    const alt = el('input', { type: 'text', name: 'alt', maxlength: '300', autocomplete: 'off' });
    const upload = el('button', { type: 'button' }, 'ارفع');
    const uploadError = el('p', { class: 'desk-error', role: 'alert', hidden: true });
    const uploadBox = el('fieldset', { class: 'desk-fieldset rich-upload' }, el('legend', null, 'ارفع صورة جديدة'),
        el('label', null, 'الصورة ', el('small', null, localDigits('JPEG أو PNG أو WebP أو GIF، حتى 16 ميغابايت')), file),
        el('label', null, 'وصف الصورة لمن لا يراها', alt), upload, uploadError);
    const dialog = el('dialog', { class: 'rich-dialog rich-media-dialog', 'aria-label': title, dir: 'rtl' },
        el('h2', null, title), uploadBox, status, grid, more,
        el('div', { class: 'rich-dialog-actions' }, ...(many ? [insert] : []), cancel));
    let done = false;
    const finish = (value) => {
      if (done) return;
      done = true;
      dialog.close();
      dialog.remove();
      resolve(value);
    };

    function choose(item, button) {
      if (!many) { finish([item]); return; }
      const at = chosen.findIndex((c) => c.id === item.id);
      if (at >= 0) chosen.splice(at, 1); else chosen.push(item);
      button.setAttribute('aria-selected', at >= 0 ? 'false' : 'true');
      insert.disabled = chosen.length === 0;
    }
    function tile(item, first) {
      const button = el('button', { type: 'button', class: 'rich-media-tile', role: 'option', 'aria-selected': 'false', title: item.alt },
          el('img', { src: item.thumb, alt: item.alt, loading: 'lazy', width: '160', height: '120' }));
      button.addEventListener('click', () => choose(item, button));
      const li = el('li', null, button);
      if (first) grid.prepend(li); else grid.append(li);
      return button;
    }
    let next = 1;
    function load() {
      more.hidden = true;
      fetch(API + '?page=' + next, { credentials: 'same-origin' })
        .then((r) => r.json().then((body) => ({ ok: r.ok, body })))
        .then(({ ok, body }) => {
          if (!ok) throw new Error(body.error || '');
          body.items.forEach((item) => tile(item, false));
          status.textContent = grid.children.length ? (many ? 'اختر صورة أو أكثر، ثم أدرجها.' : 'اختر صورة.')
                                                    : 'لا صور في المكتبة بعد؛ ارفع صورة.';
          next = body.next || 0;
          more.hidden = !next;
        })
        .catch((e) => { status.textContent = e.message || 'تعذّر تحميل مكتبة الوسائط؛ أعد المحاولة.'; });
    }
    more.addEventListener('click', load);
    upload.addEventListener('click', () => {
      uploadError.hidden = true;
      if (!file.files.length) { uploadError.textContent = 'اختر ملف صورة لرفعه.'; uploadError.hidden = false; return; }
      if (!alt.value.trim()) { uploadError.textContent = 'اكتب وصفًا للصورة لمن لا يراها، فهو مطلوب.'; uploadError.hidden = false; alt.focus(); return; }
      const data = new FormData();
      data.append('csrf', csrf);
      data.append('alt', alt.value.trim());
      data.append('file', file.files[0]);
      upload.disabled = true;
      status.textContent = 'تُرفع الصورة…';
      fetch(API, { method: 'POST', credentials: 'same-origin', body: data })
        .then((r) => r.json().catch(() => ({ error: r.status === 413 ? localDigits('الصورة أكبر من 16 ميغابايت.') : '' }))
          .then((body) => ({ ok: r.ok, body })))
        .then(({ ok, body }) => {
          upload.disabled = false;
          if (!ok) throw new Error(body.error || 'تعذّر رفع الصورة، حاول بعد قليل.');
          status.textContent = 'رُفعت الصورة.';
          file.value = '';
          alt.value = '';
          const existing = Array.from(grid.querySelectorAll('img')).find((img) => img.getAttribute('src') === body.item.thumb);
          const button = existing ? existing.parentNode : tile(body.item, true);
          if (button.getAttribute('aria-selected') !== 'true') choose(body.item, button);
        })
        .catch((e) => {
          upload.disabled = false;
          status.textContent = '';
          uploadError.textContent = e.message || 'تعذّر رفع الصورة (الاتصال؟)، حاول بعد قليل.';
          uploadError.hidden = false;
        });
    });
    insert.addEventListener('click', () => finish(chosen.slice()));
    cancel.addEventListener('click', () => finish(null));
    dialog.addEventListener('cancel', (event) => { event.preventDefault(); finish(null); });
    document.body.appendChild(dialog);
    dialog.showModal();
    load();
    if (files && files.length) {
      const data = new DataTransfer();
      data.items.add(files[0]);
      file.files = data.files;
      alt.focus();
    }
  });
}
