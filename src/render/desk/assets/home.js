// The front page's desk (/admin/home). The page works without this script:
// every move is a button that sends the form and comes back with the
// layout edited. This does the same moves in the page, without a round
// trip: drag and drop within and between the lead, the featured row and
// the section blocks (and from the search results into the first two),
// and the up, down and remove buttons. The hidden fields (lead, featured,
// sections: ids in order) always say what the lists show, so saving and
// the preview send what the editor sees.
(function () {
  'use strict';
  var form = document.getElementById('home-form');
  if (!form) return;
  var status = document.createElement('p');
  status.className = 'desk-hint home-status';
  status.setAttribute('role', 'status');
  form.insertBefore(status, form.firstChild);
  var lists = {};
  Array.prototype.forEach.call(form.querySelectorAll('[data-home-list]'), function (list) {
    lists[list.getAttribute('data-home-list')] = list;
  });

  function slots(list) {
    return Array.prototype.slice.call(list.querySelectorAll(':scope > .home-slot'));
  }

  // The hidden fields and the buttons' state from what the lists show.
  function sync() {
    Object.keys(lists).forEach(function (name) {
      var items = slots(lists[name]);
      var field = form.querySelector('[data-home-field="' + name + '"]');
      if (field) field.value = items.map(function (li) { return li.getAttribute('data-id'); }).join(',');
      items.forEach(function (li, i) {
        var up = li.querySelector('[data-home-op="up"]');
        var down = li.querySelector('[data-home-op="down"]');
        if (up) up.disabled = i === 0;
        if (down) down.disabled = i === items.length - 1;
      });
      lists[name].classList.toggle('is-empty', items.length === 0);
    });
  }

  function titleOf(li) {
    var t = li.querySelector('.home-slot-title');
    return t ? t.textContent : '';
  }

  function button(op, label, text) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'desk-button-quiet';
    b.setAttribute('data-home-op', op);
    b.setAttribute('aria-label', label);
    b.textContent = text;
    return b;
  }

  // A list's item for an article or section dragged in from elsewhere.
  function makeSlot(from, list) {
    var li = document.createElement('li');
    li.className = 'home-slot';
    li.draggable = true;
    li.setAttribute('data-id', from.getAttribute('data-id'));
    var grip = document.createElement('span');
    grip.className = 'home-slot-grip';
    grip.setAttribute('aria-hidden', 'true');
    grip.textContent = '⋮⋮';
    li.appendChild(grip);
    ['home-slot-title', 'home-slot-meta'].forEach(function (cls) {
      var part = from.querySelector('.' + cls);
      if (part) li.appendChild(part.cloneNode(true));
    });
    var actions = document.createElement('span');
    actions.className = 'home-slot-actions';
    var title = titleOf(from);
    if (list.getAttribute('data-home-list') !== 'lead') {
      actions.appendChild(button('up', 'انقل «' + title + '» إلى أعلى', '▲ أعلى'));
      actions.appendChild(button('down', 'انقل «' + title + '» إلى أسفل', '▼ أسفل'));
    }
    actions.appendChild(button('remove', 'أزل «' + title + '»', 'إزالة'));
    li.appendChild(actions);
    return li;
  }

  function say(text) { status.textContent = text; }

  // The buttons an item has in `list` (the lead has no up and down).
  function setActions(li, list) {
    var fresh = makeSlot(li, list).querySelector('.home-slot-actions');
    var actions = li.querySelector('.home-slot-actions');
    if (actions) actions.replaceWith(fresh);
  }

  // Puts `li` (or a new item for a search result) into `list` before
  // `before` (null: at the end), keeping each list's limit and no
  // article twice among the lead and the featured row.
  function place(li, list, before) {
    var name = list.getAttribute('data-home-list');
    var fromList = li.parentNode && li.parentNode.getAttribute && li.parentNode.getAttribute('data-home-list');
    var isArticle = !!li.closest('.home-results') || fromList === 'lead' || fromList === 'featured';
    if ((name === 'sections') !== !isArticle) {
      say(name === 'sections' ? 'كتل الأقسام تقبل الأقسام فقط.' : 'هنا توضع المقالات فقط.');
      return false;
    }
    var id = li.getAttribute('data-id');
    if (!li.classList.contains('home-slot')) {
      // From the search results: drop a copy; the same article elsewhere moves.
      ['lead', 'featured'].forEach(function (other) {
        if (!lists[other]) return;
        slots(lists[other]).forEach(function (s) { if (s.getAttribute('data-id') === id) s.remove(); });
      });
      li = makeSlot(li, list);
    }
    var max = parseInt(list.getAttribute('data-home-max') || '0', 10);
    var others = slots(list).filter(function (s) { return s !== li; });
    if (max && others.length >= max && name !== 'lead') {
      say('صف المقالات المميزة ممتلئ؛ أزل مقالًا منه أولًا.');
      return false;
    }
    list.insertBefore(li, before);
    if (fromList !== name) setActions(li, list);
    if (name === 'lead' && others.length && lists.featured) {
      // A new lead sends the old one to the top of the featured row.
      var old = others[0];
      lists.featured.insertBefore(old, lists.featured.firstChild);
      setActions(old, lists.featured);
      var featured = slots(lists.featured);
      var limit = parseInt(lists.featured.getAttribute('data-home-max') || '0', 10);
      if (limit && featured.length > limit) featured[featured.length - 1].remove();
    }
    sync();
    say('عُدّل الترتيب ولم يُحفظ بعد.');
    return true;
  }

  // --- the buttons
  form.addEventListener('click', function (event) {
    var b = event.target.closest('[data-home-op]');
    if (!b || !form.contains(b)) return;
    var op = b.getAttribute('data-home-op');
    var li = b.closest('li');
    if (op === 'lead' || op === 'featured') {
      if (!lists[op]) return;
      event.preventDefault();
      if (place(li, lists[op], null)) b.disabled = true;
      return;
    }
    if (!li || !li.classList.contains('home-slot')) return;
    event.preventDefault();
    var list = li.parentNode;
    if (op === 'up' && li.previousElementSibling) {
      list.insertBefore(li, li.previousElementSibling);
    } else if (op === 'down' && li.nextElementSibling) {
      list.insertBefore(li.nextElementSibling, li);
    } else if (op === 'remove') {
      var next = li.nextElementSibling || li.previousElementSibling;
      li.remove();
      if (next) (next.querySelector('[data-home-op="remove"]') || next).focus();
    } else {
      return;
    }
    sync();
    if (op !== 'remove') b.focus();
    say('عُدّل الترتيب ولم يُحفظ بعد.');
  });

  // --- drag and drop
  var dragged = null;
  form.addEventListener('dragstart', function (event) {
    var li = event.target.closest && event.target.closest('.home-slot, .home-result');
    if (!li) return;
    dragged = li;
    li.classList.add('is-dragging');
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', li.getAttribute('data-id'));
  });
  form.addEventListener('dragend', function () {
    if (dragged) dragged.classList.remove('is-dragging');
    dragged = null;
    Object.keys(lists).forEach(function (n) { lists[n].classList.remove('is-target'); });
  });
  function target(event) {
    var list = event.target.closest && event.target.closest('[data-home-list]');
    return list && form.contains(list) ? list : null;
  }
  form.addEventListener('dragover', function (event) {
    if (!dragged || !target(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    target(event).classList.add('is-target');
  });
  form.addEventListener('dragleave', function (event) {
    var list = target(event);
    if (list && !list.contains(event.relatedTarget)) list.classList.remove('is-target');
  });
  form.addEventListener('drop', function (event) {
    var list = target(event);
    if (!dragged || !list) return;
    event.preventDefault();
    list.classList.remove('is-target');
    // Before the item under the pointer when in its upper half.
    var over = event.target.closest('.home-slot');
    var before = null;
    if (over && over.parentNode === list && over !== dragged) {
      var box = over.getBoundingClientRect();
      before = event.clientY < box.top + box.height / 2 ? over : over.nextElementSibling;
    } else if (over === dragged) {
      return;
    }
    place(dragged, list, before);
  });

  sync();
})();
