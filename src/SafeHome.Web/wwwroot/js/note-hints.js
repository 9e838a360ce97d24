// Progress note form: shows only the sections of the chosen format, and ticks a goal when one of its objectives is
// ticked. The server keeps only the chosen format's sections whatever the browser sends, so this is comfort, not a rule.
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
})();
