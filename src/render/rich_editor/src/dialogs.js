// The editor's small dialogs (<dialog>, Arabic, keyboard-reachable): a
// link's text and address, and an embed's address. Each resolves with what
// was entered or null when cancelled; the caller changes the document.
import { embedProvider } from './embeds.js';

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (v === true) node.setAttribute(k, '');
    else if (v !== false && v != null) node.setAttribute(k, v);
  });
  children.forEach((c) => node.append(c));
  return node;
}
export { el };

function formDialog(title, fields, extraButtons, validate) {
  return new Promise((resolve) => {
    const error = el('p', { class: 'desk-error', role: 'alert', hidden: true });
    const inputs = {};
    const labels = fields.map((f) => {
      inputs[f.name] = el('input', { type: 'text', inputmode: f.type === 'url' ? 'url' : null, name: f.name, dir: f.dir, value: f.value || '', placeholder: f.placeholder, autocomplete: 'off', required: f.required });
      inputs[f.name].value = f.value || '';
      return el('label', null, f.label, inputs[f.name]);
    });
    const ok = el('button', { type: 'submit', class: 'desk-primary' }, 'حسنًا');
    const cancel = el('button', { type: 'button', class: 'desk-button-quiet' }, 'ألغِ');
    const form = el('form', { method: 'dialog', class: 'desk-form', novalidate: true }, el('h2', null, title), ...labels, error,
        el('div', { class: 'rich-dialog-actions' }, ok, ...extraButtons.map((b) => b.button), cancel));
    const dialog = el('dialog', { class: 'rich-dialog', 'aria-label': title, dir: 'rtl' }, form);
    let answered = false;
    const finish = (value) => {
      if (answered) return;
      answered = true;
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const values = {};
      Object.keys(inputs).forEach((k) => { values[k] = inputs[k].value.trim(); });
      const problem = validate(values);
      if (problem) {
        error.textContent = problem;
        error.hidden = false;
        return;
      }
      finish(values);
    });
    cancel.addEventListener('click', () => finish(null));
    extraButtons.forEach((b) => b.button.addEventListener('click', () => finish(b.value)));
    dialog.addEventListener('cancel', (event) => { event.preventDefault(); finish(null); });
    document.body.appendChild(dialog);
    dialog.showModal();
    (fields.find((f) => !f.value) ? inputs[fields.find((f) => !f.value).name] : inputs[fields[0].name]).focus();
  });
}

// An address a reader's browser may follow: http(s), mailto, or one of the
// site's own paths.
export function linkProblem(href) {
  if (!href) return 'اكتب عنوان الرابط.';
  if (/^(https?:\/\/[^\s/]+\.[^\s]*|mailto:[^\s@]+@[^\s]+|\/[^\s]*)$/i.test(href)) return '';
  return 'عنوان الرابط غير صالح: يبدأ بـ https:// أو http:// أو /، بلا مسافات.';
}

// {text, href} or {remove: true} or null.
export function linkDialog({ text, href, editing }) {
  const remove = el('button', { type: 'button', class: 'desk-button-danger' }, 'أزل الرابط');
  return formDialog(editing ? 'تعديل الرابط' : 'إضافة رابط', [
    { name: 'text', label: 'نص الرابط', value: text },
    { name: 'href', label: 'عنوان الرابط', value: href, dir: 'ltr', type: 'url', placeholder: 'https://' },
  ], editing ? [{ button: remove, value: { remove: true } }] : [], (v) => {
    if (!v.text) return 'اكتب نص الرابط كما يراه القارئ.';
    return linkProblem(v.href);
  });
}

export function embedDialog() {
  return formDialog('تضمين فيديو أو منشور', [
    { name: 'url', label: 'عنوان الفيديو أو المنشور', dir: 'ltr', type: 'url', placeholder: 'https://' },
  ], [], (v) => (embedProvider(v.url) ? ''
      : 'لا يُضمَّن إلا فيديو من يوتيوب أو فيميو، أو منشور من إكس أو فيسبوك أو إنستغرام أو تيك توك؛ الصق عنوانه كاملًا.'));
}
