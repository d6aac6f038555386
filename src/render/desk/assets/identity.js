// The site's menus on the desk (/admin/identity). The page works without
// this script: every move is a button that sends the form and comes back
// with the menu edited. This adds drag and drop within each menu, by an
// item's grip: the item moves in the page, and its fields (kind_N, …) and
// buttons are renumbered so that saving sends the order the editor sees.
(function () {
  'use strict';
  Array.prototype.forEach.call(document.querySelectorAll('form[data-menu]'), function (form) {
    var list = form.querySelector('.menu-items');
    if (!list) return;
    var status = document.createElement('p');
    status.className = 'desk-hint';
    status.setAttribute('role', 'status');
    list.parentNode.insertBefore(status, list);
    var dragged = null;

    function items() {
      return Array.prototype.slice.call(list.querySelectorAll(':scope > .menu-item'));
    }

    // Field names and button values from each item's place in the list.
    function renumber() {
      var all = items();
      all.forEach(function (li, i) {
        Array.prototype.forEach.call(li.querySelectorAll('[name]'), function (field) {
          var m = /^(kind|target|url|label)_\d+$/.exec(field.name);
          if (m) field.name = m[1] + '_' + i;
        });
        Array.prototype.forEach.call(li.querySelectorAll('button[value]'), function (b) {
          var m = /^(up|down|remove):\d+$/.exec(b.value);
          if (!m) return;
          b.value = m[1] + ':' + i;
          if (m[1] === 'up') b.disabled = i === 0;
          if (m[1] === 'down') b.disabled = i === all.length - 1;
        });
      });
    }

    items().forEach(function (li) {
      var grip = document.createElement('span');
      grip.className = 'menu-item-grip';
      grip.setAttribute('aria-hidden', 'true');
      grip.textContent = '⋮⋮';
      li.insertBefore(grip, li.firstChild);
      // Only the grip starts a drag, so that text in the fields can be selected.
      grip.addEventListener('mousedown', function () { li.draggable = true; });
      li.addEventListener('dragstart', function (e) {
        dragged = li;
        li.classList.add('is-dragging');
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('text/plain', '');
      });
      li.addEventListener('dragend', function () {
        li.classList.remove('is-dragging');
        li.draggable = false;
        dragged = null;
      });
      li.addEventListener('dragover', function (e) {
        if (!dragged || dragged === li) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
      });
      li.addEventListener('drop', function (e) {
        if (!dragged || dragged === li) return;
        e.preventDefault();
        var box = li.getBoundingClientRect();
        var before = e.clientY < box.top + box.height / 2;
        list.insertBefore(dragged, before ? li : li.nextSibling);
        renumber();
        status.textContent = 'عُدّلت القائمة ولم تُحفظ بعد؛ احفظها ليراها القراء.';
      });
    });
  });
})();
