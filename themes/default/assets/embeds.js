// Posts and videos from other sites in an article body (content/embeds.h).
// The page holds only a placeholder: nothing from the provider loads until
// the reader presses its button, which replaces the placeholder's button
// with the provider's player in a sandboxed iframe. The frame's address
// comes from the server; the Content-Security-Policy's frame-src allows
// only the providers' embed hosts.
(function () {
  'use strict';
  // What each kind of embed needs of the sandbox: the players run their own
  // scripts on their own origin and open the original in a new tab.
  var SANDBOX = 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox';

  function load(figure) {
    var src = figure.getAttribute('data-embed-src');
    if (!src || src.indexOf('https://') !== 0) return;
    var video = figure.classList.contains('embed-video');
    var frame = document.createElement('iframe');
    frame.src = src;
    frame.title = figure.getAttribute('data-embed-title') || '';
    frame.className = 'embed-frame';
    frame.setAttribute('sandbox', video ? SANDBOX + ' allow-presentation' : SANDBOX);
    frame.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
    if (video) {
      frame.setAttribute('allow', 'autoplay; encrypted-media; fullscreen; picture-in-picture');
      frame.setAttribute('allowfullscreen', '');
    }
    var button = figure.querySelector('.embed-load');
    if (button) button.replaceWith(frame); else figure.insertBefore(frame, figure.firstChild);
    figure.classList.add('embed-loaded');
    frame.focus();
  }

  Array.prototype.forEach.call(document.querySelectorAll('figure.embed[data-embed-src]'), function (figure) {
    var button = figure.querySelector('.embed-load');
    if (!button) return;
    button.addEventListener('click', function () { load(figure); });
  });
})();
