// The breaking-news ticker, kept current without a reload. The page as
// served shows the ticker as of its render (and works so without
// JavaScript); this script reads /live/breaking.json (small and cached,
// for a reader who has just arrived), then listens to /live (Server-Sent
// Events) from the change that JSON is as of, and redraws the list only
// when its items changed: the bar stays where it is, and screen readers
// hear the new items politely (aria-live on the list).
(function () {
  'use strict';
  var aside = document.querySelector('.breaking');
  if (!aside || typeof window.EventSource !== 'function' || typeof window.fetch !== 'function') return;
  var list = aside.querySelector('.breaking-items');
  if (!list) return;

  // An item as compared: its text, link and urgency (ids are not in the page).
  function shape(text, link, urgent) {
    return JSON.stringify([text, link || null, !!urgent]);
  }
  function shownNow() {
    var out = [];
    Array.prototype.forEach.call(list.children, function (li) {
      var a = li.querySelector('a');
      out.push(shape(li.textContent, a ? a.getAttribute('href') : null, li.classList.contains('is-urgent')));
    });
    return out.join('\n');
  }
  // Only this site's paths and web addresses become links.
  function safeLink(link) {
    return typeof link === 'string' && /^(\/(?![\/\\])|https?:\/\/)/i.test(link) ? link : null;
  }

  var shown = shownNow();
  function draw(items) {
    if (!Array.isArray(items)) return;
    var next = items.map(function (item) {
      return shape(String(item.text), safeLink(item.link), item.urgent);
    }).join('\n');
    if (next === shown) return;
    shown = next;
    var fragment = document.createDocumentFragment();
    items.forEach(function (item) {
      var li = document.createElement('li');
      if (item.urgent) li.className = 'is-urgent';
      var link = safeLink(item.link);
      var holder = li;
      if (link) {
        holder = document.createElement('a');
        holder.setAttribute('href', link);
        li.appendChild(holder);
      }
      holder.textContent = String(item.text);
      fragment.appendChild(li);
    });
    list.replaceChildren(fragment);
    aside.hidden = items.length === 0;
    document.body.classList.toggle('has-breaking', items.length > 0);
  }

  function listen(since) {
    var source = new EventSource('/live' + (since >= 0 ? '?since=' + since : ''));
    source.addEventListener('breaking', function (event) {
      try {
        draw(JSON.parse(event.data).items);
      } catch (e) {
        // A malformed event changes nothing on the page.
      }
    });
  }

  fetch('/live/breaking.json', { credentials: 'omit' })
    .then(function (response) {
      if (!response.ok) throw new Error('status ' + response.status);
      return response.json();
    })
    .then(function (data) {
      draw(data.items);
      listen(typeof data.event_id === 'number' ? data.event_id : -1);
    })
    .catch(function () {
      listen(-1);
    });
})();
