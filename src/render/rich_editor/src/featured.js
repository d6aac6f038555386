// The featured image picked visually: a button beside the image number
// opens the media library (with upload in place); the choice fills the
// number, shows its thumbnail and, when it is empty, the description.
import { pickMedia } from './media_picker.js';
import { el } from './dialogs.js';

export function mountFeaturedPicker(form) {
  const id = form.elements.namedItem('image_id');
  if (!id) return;
  const alt = form.elements.namedItem('image_alt');
  const csrf = (form.elements.namedItem('csrf') || {}).value || '';
  const fieldset = id.closest('fieldset') || id.parentNode;
  const pick = el('button', { type: 'button', class: 'desk-button-quiet rich-featured-pick' }, 'اختر من مكتبة الوسائط');
  const clear = el('button', { type: 'button', class: 'desk-small', hidden: !id.value }, 'بلا صورة رئيسية');
  const actions = el('div', { class: 'rich-featured-actions' }, pick, clear);
  id.closest('label').after(actions);
  const thumb = () => fieldset.querySelector('img.desk-thumb');
  const set = (value, src) => {
    id.value = value;
    let img = thumb();
    if (src) {
      if (!img) {
        img = el('img', { class: 'desk-thumb', alt: '' });
        fieldset.querySelector('legend').after(img);
      }
      img.src = src;
    } else if (img) {
      img.remove();
    }
    clear.hidden = !value;
    id.dispatchEvent(new Event('input', { bubbles: true }));
  };
  pick.addEventListener('click', async () => {
    const items = await pickMedia({ many: false, csrf, title: 'الصورة الرئيسية' });
    pick.focus();
    if (!items || !items.length) return;
    set(String(items[0].id), items[0].thumb);
    if (alt && !alt.value.trim() && items[0].alt) {
      alt.value = items[0].alt;
      alt.dispatchEvent(new Event('input', { bubbles: true }));
    }
  });
  clear.addEventListener('click', () => set('', ''));
}
