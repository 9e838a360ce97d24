// Progress note form, in the browser only: shows the sections of the chosen format, ticks a goal when one of its
// objectives is ticked, and hints at flagged language while typing. The server keeps only the chosen format's
// sections and runs the language check on every save; none of this is a rule, only comfort while writing.
(function () {
  'use strict';

  var format = document.querySelector('[data-note-format]');
  if (format) {
    var sections = document.querySelectorAll('[data-note-section]');
    var showSections = function () {
      var chosen = format.value;
      sections.forEach(function (section) {
        var formats = (section.getAttribute('data-formats') || '').split(' ');
        // With no format chosen every section stays visible, so nothing typed is ever hidden.
        section.hidden = chosen !== '' && formats.indexOf(chosen) < 0;
      });
      document.querySelectorAll('.note-section-formats').forEach(function (label) {
        label.hidden = chosen !== '';
      });
    };
    format.addEventListener('change', showSections);
    showSections();
  }

  document.querySelectorAll('[data-goal-of]').forEach(function (objective) {
    objective.addEventListener('change', function () {
      var goal = document.getElementById(objective.getAttribute('data-goal-of'));
      if (objective.checked && goal) {
        goal.checked = true;
      }
    });
  });

  var source = document.getElementById('lexicon-data');
  var lexicon = [];
  try {
    lexicon = JSON.parse(source ? source.getAttribute('data-lexicon') || '[]' : '[]');
  } catch (e) {
    lexicon = [];
  }

  var escape = function (text) { return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); };
  // The same rule as the server's LanguageCheck: whole words, any letter case, any white space inside a phrase.
  var patterns = lexicon.map(function (entry) {
    var body = entry.term.split(' ').filter(Boolean).map(escape).join('\\s+');
    try {
      return { entry: entry, pattern: new RegExp('(?<![\\p{L}\\p{N}])' + body + '(?![\\p{L}\\p{N}])', 'giu') };
    } catch (e) {
      return null;
    }
  }).filter(Boolean);

  // Straight quotes pair in order, curly quotes open and close; an unclosed quote hides nothing.
  var quotedSpans = function (text) {
    var spans = [];
    var open = -1;
    var closing = '"';
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (open < 0 && (c === '"' || c === '\u201C')) {
        open = i;
        closing = c === '"' ? '"' : '\u201D';
      } else if (open >= 0 && c === closing) {
        spans.push([open, i + 1]);
        open = -1;
      }
    }
    return spans;
  };

  var labels = { BlockOnSign: 'Block on sign', Warn: 'Warn', Suggest: 'Suggest' };

  var check = function (text) {
    var spans = quotedSpans(text);
    var found = [];
    patterns.forEach(function (p) {
      p.pattern.lastIndex = 0;
      var match;
      while ((match = p.pattern.exec(text)) !== null) {
        var start = match.index;
        var end = start + match[0].length;
        if (!spans.some(function (s) { return start >= s[0] && end <= s[1]; })) {
          found.push({ entry: p.entry, matched: match[0], index: start });
        }
        if (match[0].length === 0) {
          p.pattern.lastIndex++;
        }
      }
    });
    return found.sort(function (a, b) { return a.index - b.index; });
  };

  document.querySelectorAll('[data-language-field]').forEach(function (field) {
    var box = document.createElement('div');
    box.className = 'live-hints small mt-1';
    box.setAttribute('aria-live', 'polite');
    field.insertAdjacentElement('afterend', box);
    var timer = null;
    var render = function () {
      box.textContent = '';
      var found = check(field.value);
      if (found.length === 0) {
        return;
      }
      var heading = document.createElement('span');
      heading.className = 'text-muted';
      heading.textContent = 'While you type: ';
      box.appendChild(heading);
      found.forEach(function (f, i) {
        var item = document.createElement('span');
        item.textContent = (i > 0 ? '; ' : '') + '\u201C' + f.matched + '\u201D (' + (labels[f.entry.severity] || f.entry.severity) + ') \u2192 ' + f.entry.preferred;
        box.appendChild(item);
      });
    };
    field.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(render, 300);
    });
  });
})();
