// Counts this reading of the article: one beacon to /api/view with the
// article's id (the page's <article data-article>), no cookie and nothing
// else about the reader. A page the browser prerenders or keeps hidden is
// counted only once it is shown; the server de-duplicates a reader's views
// of an article within a day and ignores programs.
(function () {
  'use strict';
  var article = document.querySelector('article[data-article]');
  var id = article && article.getAttribute('data-article');
  if (!id || !/^[0-9]+$/.test(id) || !navigator.sendBeacon) return;
  var sent = false;
  function send() {
    if (sent || document.prerendering || document.visibilityState !== 'visible') return;
    sent = true;
    navigator.sendBeacon('/api/view', new URLSearchParams({ article: id }));
    document.removeEventListener('visibilitychange', send);
    document.removeEventListener('prerenderingchange', send);
  }
  document.addEventListener('visibilitychange', send);
  document.addEventListener('prerenderingchange', send);
  send();
})();
