// The ladder page's inline script: selecting a job in place. It fetches the JSON crosswalk (every
// page of targets, 100 at a time, so that each institution on the page gets its match however many
// there are), marks the selected job and its matches, rewrites the crosswalk panel with the same
// markup and words as the server (src/http/page/render.ts, words.ts), brings the panel into view
// when it is off-screen, keeps the URL shareable with one history entry per selection (Back returns
// to the previous one) and announces the selection in a live region. Without it, each job link
// asks the server instead.
// Plain ES2020, no template literals, so it can live in this string; text is only ever set as text.
export const pageScript = `
(function () {
  'use strict';
  var table = document.getElementById('ladder');
  var panel = document.getElementById('crosswalk');
  var announce = document.getElementById('announce');
  if (!table || !panel || !announce || !window.fetch || !window.history) return;

  var names = {};
  table.querySelectorAll('th[data-institution]').forEach(function (th) { names[th.dataset.institution] = th.dataset.name; });
  var codes = {};
  var labels = {};
  table.querySelectorAll('th[data-point]').forEach(function (th) {
    codes[th.dataset.point] = th.dataset.code;
    labels[th.dataset.point] = th.dataset.label;
  });
  var links = new Map();
  table.querySelectorAll('a.job[data-level]').forEach(function (link) { links.set(link.dataset.level, link); });
  var relations = ['exact', 'close', 'broad', 'narrow', 'related'].map(function (r) { return 'relation-' + r; });
  var track = table.dataset.track === 'any' ? 'any' : 'same';
  var heading = document.getElementById('crosswalk-heading');
  var initialBody = document.getElementById('crosswalk-body').cloneNode(true);
  var initialTitle = document.title;
  var current = initialBody.dataset.level || null;
  var reduceMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  var ticket = 0;
  // The page decides what Back shows: the previous selection, with its panel in view.
  history.scrollRestoration = 'manual';
  history.replaceState({ level: current, track: track }, '');

  function query(level, mode) { return '?level=' + encodeURIComponent(level) + (mode === 'any' ? '&track=any' : ''); }
  function pointCode(value) { return codes[value] || String(value); }
  function pointLabel(value) { return labels[value] || String(value); }
  function placement(s) {
    return s.min === s.max ? pointCode(s.value) : pointCode(s.value) + ', band ' + pointCode(s.min) + '\\u2013' + pointCode(s.max);
  }
  function deltaLabel(delta) {
    if (delta === 0) return 'same point';
    var distance = Math.abs(delta);
    return distance + ' point' + (distance === 1 ? '' : 's') + ' ' + (delta > 0 ? 'above' : 'below');
  }
  function trackLabel(tracks) {
    return tracks.map(function (t, i) {
      var name = t === 'management' ? 'Manager' : 'Contributor';
      return i === 0 ? name : name.toLowerCase();
    }).join(' / ') || 'Contributor';
  }
  function el(tag, attributes) {
    var node = document.createElement(tag);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    for (var i = 2; i < arguments.length; i++) node.append(arguments[i]);
    return node;
  }
  function badge(text) { return el('span', { class: 'badge' }, text); }

  function unmark() {
    links.forEach(function (link, level) {
      link.classList.remove('selected', 'match');
      relations.forEach(function (name) { link.classList.remove(name); });
      link.removeAttribute('aria-current');
      var old = link.querySelector('.badge');
      if (old) old.remove();
      link.setAttribute('href', '/' + query(level, track));
    });
  }

  function mark(result) {
    table.classList.add('has-selection');
    table.dataset.track = track;
    unmark();
    var selected = links.get(result.source.level.id);
    if (selected) {
      selected.classList.add('selected');
      selected.setAttribute('aria-current', 'true');
      selected.append(badge('Selected'));
    }
    result.matches.forEach(function (match) {
      match.levels.forEach(function (level) {
        var link = links.get(level.id);
        if (!link) return;
        link.classList.add('match', 'relation-' + match.relation);
        link.append(badge(match.relation + ' \\u00b7 ' + match.score.toFixed(2)));
      });
    });
  }

  function modeLink(level, mode) {
    var attributes = { href: '/' + query(level, mode), 'data-level': level, 'data-track': mode };
    if (mode === track) attributes['aria-current'] = 'true';
    return el('a', attributes, mode === 'same' ? 'same track' : 'any track');
  }

  function matchItem(match) {
    return el('li', { class: 'match relation-' + match.relation, 'data-institution': match.institution },
      el('h3', {}, el('span', { class: 'institution' }, names[match.institution] || match.institution), ' ' + match.grade.label),
      el('p', { class: 'match-jobs' }, match.levels.map(function (level) { return level.title; }).join('; ')),
      el('p', { class: 'match-relation' }, badge(match.relation),
        ' score ' + match.score.toFixed(2) + ' \\u00b7 ' + deltaLabel(match.delta) + ' \\u00b7 ' + placement(match.seniority)),
      el('p', { class: 'rationale' }, match.rationale));
  }

  function render(result) {
    var source = result.source;
    var level = source.level;
    var box = links.get(level.id);
    var own = box ? box.dataset.gradePlacement : null;
    var body = el('div', { id: 'crosswalk-body', 'data-level': level.id },
      el('p', { class: 'source' }, 'From ', el('strong', {}, (names[source.institution] || source.institution) + ' ' + level.title),
        (level.jobCode ? ' (' + level.jobCode + ')' : '') + ', ' + source.grade.label + ', ' +
        trackLabel(level.tracks).toLowerCase() + ' track, at ' + pointLabel(source.seniority.value) +
        (own ? ' (own placement; grade at ' + own + ')' : '') + '. ',
        el('a', { href: '#job-' + level.id, class: 'to-ladder' }, 'Show it in the ladder')),
      el('p', { class: 'modes' }, 'Match on: ', modeLink(level.id, 'same'), ' \\u00b7 ', modeLink(level.id, 'any')),
      el('ol', { class: 'matches' }),
      el('p', { class: 'json-links' },
        el('a', { href: '/v1/crosswalk' + query(level.id, track) }, 'This crosswalk as JSON'), ' \\u00b7 ',
        el('a', { href: '/v1/levels/' + encodeURIComponent(level.id) }, 'The job as JSON')));
    result.matches.forEach(function (match) { body.querySelector('.matches').append(matchItem(match)); });
    document.getElementById('crosswalk-body').replaceWith(body);
    document.title = level.title + ': crosswalk \\u00b7 levelmap';
    announce.textContent = 'Selected ' + (names[source.institution] || '') + ' ' + level.title + '. ' +
      result.matches.map(function (match) {
        return (names[match.institution] || match.institution) + ' ' + match.grade.label + ', ' +
          match.levels.map(function (l) { return l.title; }).join('; ') + ': ' + match.relation;
      }).join('. ') + '.';
  }

  function check(response) {
    if (!response.ok) throw new Error('crosswalk answered ' + response.status);
    return response.json();
  }

  // The crosswalk to every other institution: the first page of targets says how many there are,
  // the rest are asked for together and joined in order.
  function crosswalk(level, mode) {
    var base = '/v1/crosswalk' + query(level, mode) + '&limit=100&offset=';
    var headers = { headers: { accept: 'application/json' } };
    return fetch(base + '0', headers).then(check).then(function (first) {
      var result = first.results[0];
      var offsets = [];
      for (var offset = first.limit; offset < first.total; offset += first.limit) offsets.push(offset);
      return Promise.all(offsets.map(function (offset) { return fetch(base + offset, headers).then(check); }))
        .then(function (pages) {
          pages.forEach(function (page) { result.matches = result.matches.concat(page.results[0].matches); });
          return result;
        });
    });
  }

  // A panel updated out of sight is no answer: scroll it into view and take focus there.
  function reveal(moveFocus) {
    var box = heading.getBoundingClientRect();
    if (box.top >= 0 && box.bottom <= window.innerHeight) return;
    panel.scrollIntoView({ block: 'start', behavior: reduceMotion ? 'auto' : 'smooth' });
    if (moveFocus) heading.focus({ preventScroll: true });
  }

  // how: 'push' for a new selection (one history entry each), 'replace' for the same one again,
  // 'history' when Back or Forward brought it (the URL is already there).
  function select(level, mode, origin, how) {
    var mine = ++ticket;
    var fromPanel = Boolean(origin && panel.contains(origin));
    crosswalk(level, mode)
      .then(function (result) {
        if (mine !== ticket) return;
        track = mode;
        current = level;
        mark(result);
        render(result);
        var url = '/' + query(level, mode);
        if (how === 'push') history.pushState({ level: level, track: mode }, '', url);
        else if (how === 'replace') history.replaceState({ level: level, track: mode }, '', url);
        if (origin && !origin.isConnected) {
          var again = panel.querySelector('.modes a[data-track="' + mode + '"]');
          if (again) again.focus();
        }
        // A link in the panel itself (same track, any track) keeps the focus it is given above.
        reveal(how !== 'history' && !fromPanel);
      })
      .catch(function () {
        if (mine === ticket) window.location.assign('/' + query(level, mode));
      });
  }

  // Back to the entry the page was opened without a selection: the page as it was.
  function clear(mode) {
    ++ticket;
    current = null;
    track = mode;
    table.dataset.track = mode;
    table.classList.remove('has-selection');
    unmark();
    document.getElementById('crosswalk-body').replaceWith(initialBody.cloneNode(true));
    document.title = initialTitle;
    announce.textContent = 'No job selected.';
  }

  window.addEventListener('popstate', function () {
    var params = new URLSearchParams(window.location.search);
    var level = params.get('level');
    var mode = params.get('track') === 'any' ? 'any' : 'same';
    if (!level) {
      if (current !== null) clear(mode);
      return;
    }
    if (level === current && mode === track) return;
    select(level, mode, null, 'history');
  });

  // The leveling form: the same POST the form makes, in place; the server renders the answer and
  // only its part of the page is swapped in. Any failure falls back to the ordinary submission.
  var form = document.getElementById('leveling-form');
  var levelTicket = 0;
  if (form && window.DOMParser && window.FormData && window.URLSearchParams) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var button = form.querySelector('button');
      var mine = ++levelTicket;
      if (button) button.setAttribute('aria-busy', 'true');
      fetch('/', { method: 'POST', body: new URLSearchParams(new FormData(form)), headers: { accept: 'text/html' } })
        .then(function (response) { return response.text(); })
        .then(function (markup) {
          if (button) button.removeAttribute('aria-busy');
          if (mine !== levelTicket) return;
          var fresh = new DOMParser().parseFromString(markup, 'text/html').getElementById('leveling-result');
          if (!fresh) throw new Error('no leveling result in the answer');
          document.getElementById('leveling-result').replaceWith(fresh);
          var proposals = fresh.querySelectorAll('.proposal');
          var alert = fresh.querySelector('.message');
          announce.textContent = alert ? alert.textContent : (proposals.length === 1 ? 'One job placed: ' : proposals.length + ' jobs placed: ') +
            Array.prototype.map.call(proposals, function (item) {
              return item.querySelector('h3').textContent + ', ' + item.querySelector('.landing strong').textContent;
            }).join('; ') + '.';
        })
        .catch(function () { form.submit(); });
    });
  }

  document.addEventListener('click', function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var link = event.target instanceof Element ? event.target.closest('a[data-level]') : null;
    if (!link) return;
    event.preventDefault();
    var level = link.dataset.level;
    var mode = link.dataset.track || track;
    select(level, mode, link, level === current && mode === track ? 'replace' : 'push');
  });
})();
`
