// The moderators' queue (/admin/comments). The page works without this
// script: every action is a form, and the bulk form takes the checkboxes
// themselves (pick_ID). This adds keyboard shortcuts, a count of the
// selected comments, the comma-joined ids of the bulk form, and keeps the
// place in the queue across an action's reload.
//
//   j / k  next / previous comment      a  approve     r  reject
//   x      select the comment           s  spam        e  edit its text
//
// Keys are read by their position (event.code), so they work on an Arabic
// keyboard too, and never while typing in a field or with a modifier held.
// Actions click the comment's own buttons, so its form (with the
// anti-forgery token) is what is sent.
(function () {
  'use strict';
  var list = document.querySelector('.moderation-list');
  if (!list) return;
  var items = Array.prototype.slice.call(list.querySelectorAll('.moderation-item'));
  var bulk = document.getElementById('bulk');
  var count = document.getElementById('bulk-count');
  var help = document.getElementById('moderation-keys');
  var placeKey = 'qalam-moderation-place:' + location.pathname + location.search.replace(/[?&](done|n)=[^&]*/g, '');
  var current = -1;

  if (help) help.hidden = false;

  function picks() {
    return Array.prototype.slice.call(document.querySelectorAll('.moderation-pick input[type="checkbox"]'));
  }

  function updateCount() {
    var n = picks().filter(function (box) { return box.checked; }).length;
    if (count) count.textContent = n ? '(' + n + ')' : '';
    items.forEach(function (item) {
      var box = item.querySelector('.moderation-pick input');
      item.classList.toggle('is-picked', !!(box && box.checked));
    });
  }

  function select(index, scroll) {
    if (!items.length) return;
    index = Math.max(0, Math.min(items.length - 1, index));
    if (current >= 0 && items[current]) items[current].classList.remove('is-current');
    current = index;
    var item = items[current];
    item.classList.add('is-current');
    item.focus({ preventScroll: true });
    if (scroll !== false) item.scrollIntoView({ block: 'nearest' });
  }

  function remember() {
    try { sessionStorage.setItem(placeKey, String(Math.max(current, 0))); } catch (e) { /* private mode */ }
  }

  function typing(el) {
    if (!el) return false;
    var tag = el.tagName;
    if (tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable) return true;
    if (tag === 'INPUT') {
      var type = (el.type || 'text').toLowerCase();
      return ['checkbox', 'radio', 'button', 'submit', 'reset', 'hidden'].indexOf(type) < 0;
    }
    return false;
  }

  function keyOf(event) {
    var code = event.code || '';
    if (/^Key[A-Z]$/.test(code)) return code.charAt(3).toLowerCase();
    return (event.key || '').toLowerCase();
  }

  // Clicking an item (not one of its controls) makes it the current one.
  items.forEach(function (item, index) {
    item.addEventListener('click', function (event) {
      if (event.target.closest('a, button, input, textarea, select, summary, label')) return;
      select(index, false);
    });
  });

  // Any submit remembers the place, so that after the reload the same
  // position (now the next comment, when this one left the list) is current.
  document.addEventListener('submit', function (event) {
    var item = event.target.closest && event.target.closest('.moderation-item');
    if (item) current = items.indexOf(item);
    remember();
    if (event.target === bulk) {
      var ids = picks().filter(function (box) { return box.checked; }).map(function (box) { return box.dataset.id; });
      bulk.elements.namedItem('ids').value = ids.join(',');
    }
  }, true);

  list.addEventListener('change', function (event) {
    if (event.target.matches('.moderation-pick input')) updateCount();
  });

  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    if (typing(document.activeElement) || typing(event.target)) return;
    var key = keyOf(event);
    if (key === 'j' || key === 'k') {
      event.preventDefault();
      select(current < 0 ? 0 : current + (key === 'j' ? 1 : -1));
      return;
    }
    if (['a', 'r', 's', 'd', 'e', 'x'].indexOf(key) < 0) return;
    if (current < 0) {
      if (!items.length) return;
      select(0);
    }
    var item = items[current];
    event.preventDefault();
    if (key === 'x') {
      var box = item.querySelector('.moderation-pick input');
      if (box) {
        box.checked = !box.checked;
        updateCount();
      }
      return;
    }
    if (key === 'e') {
      var details = item.querySelector('details.moderation-edit');
      if (details) {
        details.open = true;
        var area = details.querySelector('textarea');
        if (area) area.focus();
      }
      return;
    }
    var button = item.querySelector('.moderation-decide button[data-key="' + key + '"]');
    if (button) {
      remember();
      button.click();
    }
  });

  // Back after an action: the remembered place, else the first comment.
  var place = null;
  try { place = sessionStorage.getItem(placeKey); } catch (e) { /* private mode */ }
  if (place !== null && /[?&]done=/.test(location.search) && items.length) {
    select(parseInt(place, 10) || 0);
  } else if (location.hash && document.getElementById(location.hash.slice(1))) {
    var at = items.indexOf(document.getElementById(location.hash.slice(1)));
    if (at >= 0) select(at);
  }
  updateCount();
})();
