/**
 * The progress page's only script, served as a same-origin file (`GET /static/bulk-lookup.js`) so
 * the page's CSP needs no 'unsafe-inline'. It polls the status endpoint (counts only, no
 * identifiers) every second and updates the `<progress>`, the aria-live text and the counts; when
 * the lookup has ended it reloads once to show the download link. The page works without it
 * (an "Oppdater" link). Plain ES2017 with no build step: a framework would be most of its weight.
 */
export const BULK_LOOKUP_SCRIPT = `'use strict';
(function () {
  var root = document.querySelector('[data-status-url]');
  if (!root) return;
  var url = root.getAttribute('data-status-url');
  var bar = document.getElementById('fremdrift');
  var text = document.getElementById('fremdrift-tekst');
  function show(status) {
    bar.max = status.total;
    bar.value = status.done;
    bar.textContent = status.done + ' av ' + status.total;
    if (text.textContent !== status.text) text.textContent = status.text;
    document.querySelectorAll('[data-felt]').forEach(function (element) {
      var value = status[element.getAttribute('data-felt')];
      if (value !== undefined) element.textContent = String(value);
    });
  }
  function poll() {
    fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' }, cache: 'no-store' })
      .then(function (response) {
        if (!response.ok) throw new Error('status ' + response.status);
        return response.json();
      })
      .then(function (status) {
        show(status);
        if (status.finished) window.location.reload();
        else setTimeout(poll, 1000);
      })
      .catch(function () {
        setTimeout(poll, 5000);
      });
  }
  setTimeout(poll, 1000);
})();
`;
