// The providers whose address, alone in its paragraph, is an embed (the
// shared Markdown conventions in docs/ARTICLE-FORMAT.md; the renderer in
// src/content decides the same from the same list). Returns the provider's
// key and Arabic-readable name, or null for any other address.
const PROVIDERS = [
  { key: 'youtube', name: 'يوتيوب', video: true,
    re: /^https?:\/\/(?:www\.|m\.)?(?:youtube\.com\/(?:watch\?(?:[^#\s]*&)?v=[\w-]+|shorts\/[\w-]+)|youtu\.be\/[\w-]+)/i },
  { key: 'vimeo', name: 'فيميو', video: true, re: /^https?:\/\/(?:www\.)?vimeo\.com\/\d+/i },
  { key: 'x', name: 'إكس', re: /^https?:\/\/(?:www\.|mobile\.)?(?:x|twitter)\.com\/\w+\/status\/\d+/i },
  { key: 'facebook', name: 'فيسبوك',
    re: /^https?:\/\/(?:(?:www\.|m\.)?facebook\.com\/\S*\/(?:posts|videos)\/\S+|fb\.watch\/\S+)/i },
  { key: 'instagram', name: 'إنستغرام', re: /^https?:\/\/(?:www\.)?instagram\.com\/(?:p|reel)\/[\w-]+/i },
  { key: 'tiktok', name: 'تيك توك', re: /^https?:\/\/(?:www\.)?tiktok\.com\/@[\w.-]+\/video\/\d+/i },
];

export function embedProvider(url) {
  if (typeof url !== 'string' || /\s/.test(url)) return null;
  for (const p of PROVIDERS) if (p.re.test(url)) return p;
  return null;
}
