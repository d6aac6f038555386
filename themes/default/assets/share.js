// The article's sharing buttons beside the plain links to each network:
// "copy the link" (where the Clipboard API is there) and, on devices that
// have it (phones), the system's share sheet through the Web Share API.
// Both buttons stay hidden without them.
(function () {
  'use strict';
  var section = document.querySelector('.article-share');
  if (!section) return;
  var status = section.querySelector('.share-status');
  var timer = 0;

  function say(text) {
    status.textContent = text;
    clearTimeout(timer);
    timer = setTimeout(function () { status.textContent = ''; }, 4000);
  }

  var copy = section.querySelector('.share-copy');
  if (copy && navigator.clipboard && navigator.clipboard.writeText) {
    copy.hidden = false;
    copy.addEventListener('click', function () {
      navigator.clipboard.writeText(copy.dataset.url).then(
        function () { say('نُسخ الرابط'); },
        function () { say('تعذّر نسخ الرابط، انسخه من شريط العنوان'); });
    });
  }

  var native = section.querySelector('.share-native');
  if (native && navigator.share) {
    native.hidden = false;
    native.addEventListener('click', function () {
      navigator.share({ title: native.dataset.title, url: native.dataset.url }).catch(function () {
        /* The reader closed the share sheet. */
      });
    });
  }
})();
