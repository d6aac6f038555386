// The comment form under an article. The page is the same for every reader
// and sets no cookie: this script fetches the form's signed token, sets up
// replies, and after a post asks for that comment's state to tell the
// reader whether it awaits moderation.
(function () {
  'use strict';
  var form = document.getElementById('comment-form');
  if (!form) return;
  var status = form.querySelector('.comment-status');
  var article = form.dataset.article;

  function say(text) { status.textContent = text; }

  fetch('/api/comment-token?article=' + encodeURIComponent(article), { credentials: 'omit' })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (body) { if (body && body.token) form.elements.namedItem('token').value = body.token; })
    .catch(function () { /* The server asks to confirm instead. */ });

  var replying = form.querySelector('.comment-replying');
  var replyingName = form.querySelector('.comment-replying-name');
  Array.prototype.forEach.call(document.querySelectorAll('.comment-reply'), function (link) {
    link.addEventListener('click', function (event) {
      event.preventDefault();
      form.elements.namedItem('parent').value = link.dataset.reply;
      replyingName.textContent = link.dataset.name;
      replying.hidden = false;
      form.elements.namedItem('comment').focus();
    });
  });
  var cancel = form.querySelector('.comment-cancel-reply');
  if (cancel) {
    cancel.addEventListener('click', function () {
      form.elements.namedItem('parent').value = '';
      replying.hidden = true;
    });
  }

  // After posting: /article/…?posted=ID&sig=…#comment-form
  var params = new URLSearchParams(location.search);
  var posted = params.get('posted');
  var sig = params.get('sig');
  if (posted && sig) {
    fetch('/api/comment-status?id=' + encodeURIComponent(posted) + '&sig=' + encodeURIComponent(sig),
          { credentials: 'omit' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (body) {
        if (!body) return;
        if (body.state === 'approved') say('شكرًا، نُشر تعليقك.');
        else if (body.state === 'pending') say('شكرًا، تعليقك بانتظار المراجعة وسيظهر بعد موافقة المشرفين.');
        else say('لم يُنشر تعليقك لأنه لا يوافق شروط التعليق.');
      })
      .catch(function () {});
  }
})();
