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

  // The same steps as the server's LanguageCheck and WordForms (SafeHome.Domain/Notes); the language corpus test
  // holds the two to each other. Words are runs of letters and digits.
  var wordPattern = /[\p{L}\p{Nd}]+/gu;
  var upper = /^\p{Lu}/u;
  var lower = /\p{Ll}/u;
  var split = function (text) {
    var words = [];
    var match;
    wordPattern.lastIndex = 0;
    while ((match = wordPattern.exec(text)) !== null) {
      words.push({ start: match.index, end: match.index + match[0].length, lower: match[0].toLowerCase(), capitalised: upper.test(match[0]) && lower.test(match[0]) });
    }
    return words;
  };

  var consonants = 'bcdfghjklmnpqrstvwxyz';
  var vowels = 'aeiou';
  // A word and its regular inflections, as WordForms.Of spells them.
  var formsOf = function (word) {
    var forms = [word];
    if (word.length < 2 || !/^[a-z]+$/.test(word)) {
      return forms;
    }
    forms.push(word + 's', word + 'es', word + 'ed', word + 'ing');
    var last = word[word.length - 1];
    if (last === 'e') {
      forms.push(word + 'd', word.slice(0, -1) + 'ing');
    }
    if (last === 'y' && consonants.indexOf(word[word.length - 2]) >= 0) {
      forms.push(word.slice(0, -1) + 'ies', word.slice(0, -1) + 'ied');
    }
    if (word.length >= 3 && consonants.indexOf(last) >= 0 && 'wxy'.indexOf(last) < 0
        && vowels.indexOf(word[word.length - 2]) >= 0 && consonants.indexOf(word[word.length - 3]) >= 0) {
      forms.push(word + last + 'ed', word + last + 'ing');
    }
    return forms;
  };

  var phrases = function (list) {
    return (list || '').split(/[,\n\r]/).map(function (p) { return p.trim().split(/\s+/).join(' ').toLowerCase(); })
      .filter(function (p) { return p.length > 0; });
  };
  var compile = function (list) {
    return list.map(function (p) { return split(p).map(function (w) { return formsOf(w.lower); }); })
      .filter(function (p) { return p.length > 0; });
  };

  var joins = function (text, from, to) { return to > from && /^[\s-]+$/.test(text.slice(from, to)); };
  var sameSentence = function (text, from, to) { return !/[.!?;\n\r]/.test(text.slice(from, to)); };
  var matchesAt = function (text, words, at, phrase, joinOnly) {
    if (at < 0 || at + phrase.length > words.length) {
      return false;
    }
    for (var k = 0; k < phrase.length; k++) {
      if (phrase[k].indexOf(words[at + k].lower) < 0) {
        return false;
      }
      if (k > 0 && !(joinOnly ? joins : sameSentence)(text, words[at + k - 1].end, words[at + k].start)) {
        return false;
      }
    }
    return true;
  };

  var byFirstWord = {};
  lexicon.forEach(function (entry) {
    var rule = {
      entry: entry,
      precededBy: compile(phrases(entry.precededBy)),
      notPrecededBy: compile(phrases(entry.notPrecededBy)),
      followedBy: compile(phrases(entry.followedBy)),
      followedWithin: entry.followedWithin || 0,
      notFollowedBy: compile(phrases(entry.notFollowedBy)),
      near: [].concat.apply([], phrases(entry.nearWords).map(formsOf)).reduce(function (set, f) { set[f] = true; return set; }, {}),
      hasNear: phrases(entry.nearWords).length > 0,
      nearWithin: entry.nearWithin || 8,
      skipNames: !!entry.skipNames
    };
    compile([entry.term].concat(phrases(entry.otherForms))).forEach(function (phrase) {
      phrase[0].forEach(function (first) {
        (byFirstWord[first] = byFirstWord[first] || []).push({ rule: rule, phrase: phrase });
      });
    });
  });

  var endsBefore = function (text, words, first, phrase) {
    var at = first - phrase.length;
    return at >= 0 && sameSentence(text, words[first - 1].end, words[first].start) && matchesAt(text, words, at, phrase, false);
  };
  var follows = function (text, words, last, phrase, within) {
    for (var gap = 0; gap <= within; gap++) {
      var at = last + 1 + gap;
      if (at >= words.length || !sameSentence(text, words[at - 1].end, words[at].start)) {
        return false;
      }
      if (matchesAt(text, words, at, phrase, false)) {
        return true;
      }
    }
    return false;
  };
  var isNear = function (rule, text, words, first, last) {
    var k;
    for (k = first - 1; k >= 0 && k >= first - rule.nearWithin && sameSentence(text, words[k].end, words[k + 1].start); k--) {
      if (rule.near.hasOwnProperty(words[k].lower)) {
        return true;
      }
    }
    for (k = last + 1; k < words.length && k <= last + rule.nearWithin && sameSentence(text, words[k - 1].end, words[k].start); k++) {
      if (rule.near.hasOwnProperty(words[k].lower)) {
        return true;
      }
    }
    return false;
  };
  // A person's name: a capital and lower case after it ("JOHN" is emphasis), unless right after an article ("a John").
  var articles = ['a', 'an', 'the', 'another', 'this', 'that', 'these', 'those', 'every', 'each', 'one'];
  var isName = function (text, words, first) {
    if (!words[first].capitalised) {
      return false;
    }
    return first === 0 || articles.indexOf(words[first - 1].lower) < 0
      || text.slice(words[first - 1].end, words[first].start).trim() !== '';
  };

  var holds = function (rule, text, words, first, last) {
    if (rule.skipNames && isName(text, words, first)) {
      return false;
    }
    var before = function (p) { return endsBefore(text, words, first, p); };
    if (rule.precededBy.length > 0 && !rule.precededBy.some(before)) {
      return false;
    }
    if (rule.notPrecededBy.some(before)) {
      return false;
    }
    if (rule.followedBy.length > 0 && !rule.followedBy.some(function (p) { return follows(text, words, last, p, rule.followedWithin); })) {
      return false;
    }
    if (rule.notFollowedBy.some(function (p) { return follows(text, words, last, p, 0); })) {
      return false;
    }
    return !rule.hasNear || isNear(rule, text, words, first, last);
  };

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

  // The spans are in order and never overlap: a binary search finds the one that could hold the match.
  var isInside = function (spans, start, end) {
    var low = 0;
    var high = spans.length - 1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (spans[middle][0] > start) {
        high = middle - 1;
      } else {
        low = middle + 1;
      }
    }
    return high >= 0 && end <= spans[high][1];
  };

  var severityOrder = { BlockOnSign: 0, Warn: 1, Suggest: 2 };
  var labels = { BlockOnSign: 'Block on sign', Warn: 'Warn', Suggest: 'Suggest' };

  var check = function (text) {
    var words = split(text);
    var spans = quotedSpans(text);
    var candidates = [];
    words.forEach(function (word, i) {
      (byFirstWord.hasOwnProperty(word.lower) ? byFirstWord[word.lower] : []).forEach(function (e) {
        var last = i + e.phrase.length - 1;
        if (last < words.length && matchesAt(text, words, i, e.phrase, true) && holds(e.rule, text, words, i, last)) {
          var start = words[i].start;
          var end = words[last].end;
          if (!isInside(spans, start, end)) {
            candidates.push({ start: start, end: end, entry: e.rule.entry });
          }
        }
      });
    });
    candidates.sort(function (a, b) {
      return a.start - b.start || (b.end - b.start) - (a.end - a.start)
        || severityOrder[a.entry.severity] - severityOrder[b.entry.severity]
        || (a.entry.normalized < b.entry.normalized ? -1 : a.entry.normalized > b.entry.normalized ? 1 : 0);
    });
    var found = [];
    var taken = 0;
    candidates.forEach(function (c) {
      if (c.start >= taken) {
        found.push({ entry: c.entry, matched: text.slice(c.start, c.end), index: c.start });
        taken = c.end;
      }
    });
    return found;
  };

  // The check itself, for the language benchmark (tests/SafeHome.Benchmarks, language-bench) to time in Chromium.
  window.SafeHomeLanguage = { check: check };

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
        item.className = 'live-hint';
        item.setAttribute('data-term', f.entry.term);
        item.setAttribute('data-index', String(f.index));
        item.setAttribute('data-matched', f.matched);
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
