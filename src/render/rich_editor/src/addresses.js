// Which addresses a link or an image in the body may keep: the server's
// rule (content/html_attr.h, IsSafeUrl), so that the editor never holds
// what the site would clear. A browser drops ASCII control characters and
// spaces at the start and tabs and newlines anywhere before it reads the
// scheme ("jav\tascript:"), and so does this check.
const UNSAFE_SCHEME = /^(javascript|vbscript|file|data):/i;

export function safeAddress(url) {
  if (typeof url !== 'string') return false;
  // eslint-disable-next-line no-control-regex
  const read = url.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, '');
  return !UNSAFE_SCHEME.test(read);
}

// An image's address is also one the page can load: a path on the site or
// an http(s) address (another scheme, "x:…", is only a CSP violation).
export function safeImageAddress(url) {
  if (!safeAddress(url)) return false;
  const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(url);
  return !scheme || /^https?$/i.test(scheme[1]);
}

// What the editor shows of an image's address: the address, or none when
// the site would not load it (the Markdown keeps what was written; the
// server clears it when rendering).
export function shownImage(url) {
  return safeImageAddress(url) ? url : '';
}
