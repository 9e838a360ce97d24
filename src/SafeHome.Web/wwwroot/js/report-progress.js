// Outcome report run page: polls the run's progress once a second and moves the bar, until the report is ready or
// has failed. Plain fetch, no library; without script the page reloads itself (noscript refresh).
(function () {
  'use strict';

  var section = document.getElementById('report-run');
  if (!section) {
    return;
  }

  var status = section.getAttribute('data-status');
  if (status !== 'Queued' && status !== 'Running') {
    return;
  }

  var bar = document.getElementById('report-progress');
  var poll = function () {
    fetch(section.getAttribute('data-progress-url'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (run) {
        if (!run) {
          window.setTimeout(poll, 3000);
          return;
        }

        bar.style.width = run.progress + '%';
        bar.textContent = run.progress + '%';
        bar.setAttribute('aria-valuenow', run.progress);
        document.getElementById('report-status').textContent = run.statusText;
        document.getElementById('report-stage').textContent = run.stage;
        var failure = document.getElementById('report-failure');
        failure.textContent = run.failure || '';
        failure.hidden = !run.failure;
        if (run.status === 'Succeeded' || run.status === 'Failed') {
          // The finished page has the file's size, hash and the regenerate button.
          window.location.reload();
          return;
        }

        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  };

  window.setTimeout(poll, 1000);
})();
