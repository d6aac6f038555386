// The article editor on the newsroom desk. The form works without this
// script; it adds: a list editor for highlights, completion for tags and
// related articles, autosave to the server every few seconds, a copy in
// this browser on every keystroke (a closed tab or a lost network loses
// nothing), and a warning when someone else edits the same article.
(function () {
  'use strict';
  var form = document.getElementById('editor');
  if (!form) return;

  var articleId = form.dataset.article || '0';
  var storageKey = 'qalam-editor-' + articleId;
  var status = document.getElementById('autosave-status');
  var dirty = false;
  var submitting = false;

  function say(text) { if (status) status.textContent = text; }

  function fields() {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.type === 'hidden' || el.type === 'submit' || el.type === 'checkbox' ||
          el.type === 'radio') return;
      data[el.name] = el.value;
    });
    return data;
  }

  function fill(data) {
    Object.keys(data).forEach(function (name) {
      var el = form.elements.namedItem(name);
      if (el && el.value !== undefined && el.type !== 'hidden') {
        el.value = data[name];
        el.dispatchEvent(new Event('qalam:filled'));
      }
    });
  }

  // --- article or static page: the fields a page has not are hidden
  // (admin.css, by the form's data-kind); the server ignores them anyway.
  Array.prototype.forEach.call(form.querySelectorAll('[data-kind-choice]'), function (radio) {
    radio.addEventListener('change', function () {
      if (radio.checked) form.dataset.kind = radio.value;
    });
  });

  // --- the search-result preview: the SEO title or the title, the SEO
  // description or the first highlight, kept current as one types, with
  // each field's length against what search engines show.
  var seo = form.querySelector('[data-seo]');
  if (seo) {
    var digits = seo.dataset.digits === 'arabic' ? '٠١٢٣٤٥٦٧٨٩' : null;
    var number = function (n) {
      var text = String(n);
      return digits ? text.replace(/[0-9]/g, function (d) { return digits[+d]; }) : text;
    };
    var value = function (name) {
      var el = form.elements.namedItem(name);
      return el ? el.value.trim() : '';
    };
    var updateSeo = function () {
      var firstHighlight = value('highlights').split('\n')[0] || '';
      seo.querySelector('[data-seo-preview="title"]').textContent = value('seo_title') || value('title');
      seo.querySelector('[data-seo-preview="description"]').textContent =
          value('seo_description') || firstHighlight.trim();
      Array.prototype.forEach.call(seo.querySelectorAll('[data-seo-count]'), function (count) {
        var length = Array.from(value(count.dataset.seoCount)).length;
        var limit = +count.dataset.seoLimit;
        count.textContent = number(length) + ' / ' + number(limit);
        count.classList.toggle('desk-over', length > limit);
      });
    };
    form.addEventListener('input', updateSeo);
    updateSeo();
  }

  // --- highlights: one input per line, with add, remove and reorder.
  Array.prototype.forEach.call(form.querySelectorAll('textarea[data-list]'), function (area) {
    var list = document.createElement('ol');
    list.className = 'desk-list-editor';
    var add = document.createElement('button');
    add.type = 'button';
    add.className = 'desk-small';
    add.textContent = '+ أضف نقطة';
    function sync() {
      var lines = [];
      Array.prototype.forEach.call(list.querySelectorAll('input'), function (input) {
        if (input.value.trim()) lines.push(input.value.trim());
      });
      area.value = lines.join('\n');
      area.dispatchEvent(new Event('input', { bubbles: true }));
    }
    function button(label, title, action) {
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = label;
      b.title = title;
      b.setAttribute('aria-label', title);
      b.addEventListener('click', action);
      return b;
    }
    function item(text) {
      var li = document.createElement('li');
      var input = document.createElement('input');
      input.type = 'text';
      input.value = text;
      input.setAttribute('aria-label', 'نقطة من الأبرز');
      input.addEventListener('input', sync);
      li.appendChild(input);
      li.appendChild(button('↑', 'انقلها إلى الأعلى', function () {
        if (li.previousElementSibling) list.insertBefore(li, li.previousElementSibling);
        sync();
      }));
      li.appendChild(button('↓', 'انقلها إلى الأسفل', function () {
        if (li.nextElementSibling) list.insertBefore(li.nextElementSibling, li);
        sync();
      }));
      li.appendChild(button('×', 'احذفها', function () { li.remove(); sync(); }));
      list.appendChild(li);
      return input;
    }
    function build() {
      list.textContent = '';
      area.value.split('\n').forEach(function (line) { if (line.trim()) item(line.trim()); });
      if (!list.children.length) item('');
    }
    add.addEventListener('click', function () { item('').focus(); });
    area.addEventListener('qalam:filled', build);
    area.hidden = true;
    area.parentNode.appendChild(list);
    area.parentNode.appendChild(add);
    build();
  });

  // --- tags: complete the word being typed after the last comma.
  var tagsInput = form.elements.namedItem('tags');
  var tagsList = document.getElementById('tags-list');
  if (tagsInput && tagsList) {
    var allTags = Array.prototype.map.call(tagsList.options, function (o) { return o.value; });
    tagsInput.addEventListener('input', function () {
      var value = tagsInput.value;
      var cut = Math.max(value.lastIndexOf(','), value.lastIndexOf('،'));
      var head = cut >= 0 ? value.slice(0, cut + 1) + ' ' : '';
      var typed = value.slice(cut + 1).trim();
      tagsList.textContent = '';
      if (!typed) return;
      allTags.filter(function (t) { return t.indexOf(typed) >= 0; }).slice(0, 12).forEach(function (t) {
        var option = document.createElement('option');
        option.value = head + t;
        tagsList.appendChild(option);
      });
    });
  }

  // --- related articles: search the site's titles and add a line.
  var related = form.querySelector('textarea[data-related]');
  var search = form.querySelector('[data-related-search]');
  if (related && search) {
    var query = search.querySelector('[data-related-query]');
    var results = search.querySelector('[data-related-results]');
    var timer = 0;
    search.hidden = false;
    query.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = query.value.trim();
        results.textContent = '';
        if (q.length < 2) return;
        fetch('/api/suggest?q=' + encodeURIComponent(q), { credentials: 'same-origin' })
          .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
          .then(function (body) {
            results.textContent = '';
            (body.suggestions || []).forEach(function (s) {
              var li = document.createElement('li');
              var b = document.createElement('button');
              b.type = 'button';
              b.textContent = s.title;
              b.addEventListener('click', function () {
                related.value = (related.value.trim() ? related.value.trim() + '\n' : '') + s.title;
                related.dispatchEvent(new Event('input', { bubbles: true }));
                results.textContent = '';
                query.value = '';
              });
              li.appendChild(b);
              results.appendChild(li);
            });
          })
          .catch(function () {});
      }, 200);
    });
  }

  // --- this browser's copy: written on every change, offered back when the
  // page opens with older text than the copy (a closed tab, a crash).
  function keepLocal() {
    try {
      localStorage.setItem(storageKey, JSON.stringify({
        at: Date.now(), version: form.dataset.version, fields: fields()
      }));
    } catch (e) { /* Private mode or full storage: the server autosave remains. */ }
  }
  function offerLocal() {
    var saved;
    try { saved = JSON.parse(localStorage.getItem(storageKey) || 'null'); } catch (e) { saved = null; }
    if (!saved || !saved.fields) return;
    var current = fields();
    var differs = Object.keys(saved.fields).some(function (k) {
      return current[k] !== undefined && current[k] !== saved.fields[k];
    });
    var savedOnServer = Number(form.dataset.modified || 0) * 1000;
    if (!differs || saved.at <= savedOnServer) {
      localStorage.removeItem(storageKey);
      return;
    }
    var note = document.createElement('p');
    note.className = 'desk-warning';
    note.setAttribute('role', 'status');
    note.textContent = 'في هذا المتصفح نص لم يُحفظ من جلسة سابقة. ';
    var restore = document.createElement('button');
    restore.type = 'button';
    restore.textContent = 'استعده';
    restore.addEventListener('click', function () {
      fill(saved.fields);
      dirty = true;
      note.remove();
      say('استُعيد النص غير المحفوظ؛ احفظه ليبقى.');
    });
    var drop = document.createElement('button');
    drop.type = 'button';
    drop.className = 'desk-danger';
    drop.textContent = 'تجاهله';
    drop.addEventListener('click', function () { localStorage.removeItem(storageKey); note.remove(); });
    note.appendChild(restore);
    note.appendChild(document.createTextNode(' '));
    note.appendChild(drop);
    form.parentNode.insertBefore(note, form);
  }

  // --- autosave to the server, for articles that exist.
  function autosave() {
    if (!dirty || articleId === '0' || submitting) return;
    dirty = false;
    var body = new URLSearchParams(new FormData(form));
    body.delete('action');
    fetch('/admin/articles/' + articleId + '/autosave', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: body.toString()
    }).then(function (r) {
      if (!r.ok) throw new Error(String(r.status));
      return r.json();
    }).then(function (answer) {
      var text = 'حُفظ تلقائيًا الساعة ' + answer.saved_at + '.';
      if (answer.changed) text += ' تنبيه: حفظ زميل نسخة أحدث من هذا المقال بعد أن فتحته.';
      if (answer.others && answer.others.length) text += ' يحرره الآن أيضًا: ' + answer.others.join('، ') + '.';
      say(text);
    }).catch(function () {
      dirty = true;
      say('تعذّر الحفظ التلقائي (الاتصال؟)؛ نصّك محفوظ في هذا المتصفح وسيُعاد المحاولة.');
    });
  }

  form.addEventListener('input', function () {
    dirty = true;
    keepLocal();
  });
  form.addEventListener('submit', function (event) {
    var submitter = event.submitter;
    if (submitter && submitter.getAttribute('formtarget') === '_blank') return;  // The preview.
    submitting = true;
    try { localStorage.removeItem(storageKey); } catch (e) {}
  });
  window.addEventListener('beforeunload', function (event) {
    if (dirty && !submitting) {
      keepLocal();
      event.preventDefault();
      event.returnValue = '';
    }
  });
  setInterval(autosave, 5000);
  offerLocal();
})();
