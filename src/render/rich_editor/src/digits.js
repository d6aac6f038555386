// Numbers in the editor's own words, in the site's digits setting (the
// editor form's data-digits: "arabic" for Arabic-Indic, else Western).
export function localDigits(text) {
  const el = document.querySelector('[data-digits]');
  if (!el || el.dataset.digits !== 'arabic') return text;
  return text.replace(/[0-9]/g, (d) => '٠١٢٣٤٥٦٧٨٩'[+d]);
}
