// Every page: marks the document as scripted (the narrow-screen menu collapses only when this can reopen it) and
// wires the menu button and copy buttons. No inline script anywhere: the Content-Security-Policy allows none.
document.documentElement.classList.add('js');

// [data-clock-due]: a missing youth's next notification as a running clock ("in 1 h 05 min", "overdue by 20 min"),
// counted from the server's now at page load, so a wrong clock on this computer changes nothing.
document.addEventListener('DOMContentLoaded', () => {
  const clocks = [...document.querySelectorAll('[data-clock-due]')];
  if (clocks.length === 0) return;
  const loadedAt = Date.now();
  const span = (ms) => {
    const minutes = Math.floor(Math.abs(ms) / 60000);
    const hours = Math.floor(minutes / 60);
    return hours > 0 ? `${hours} h ${String(minutes % 60).padStart(2, '0')} min` : `${minutes} min`;
  };
  const tick = () => {
    for (const clock of clocks) {
      const left = Date.parse(clock.dataset.clockDue) - (Date.parse(clock.dataset.clockNow) + (Date.now() - loadedAt));
      if (Number.isNaN(left)) continue;
      clock.querySelector('[data-clock-text]').textContent = left >= 0 ? ` · in ${span(left)}` : ` · overdue by ${span(left)}`;
      clock.classList.toggle('text-danger', left < 0);
      clock.classList.toggle('fw-semibold', left < 0);
    }
  };
  tick();
  setInterval(tick, 30000);
});

document.addEventListener('DOMContentLoaded', () => {
  for (const toggle of document.querySelectorAll('[data-menu-toggle]')) {
    const menu = document.getElementById(toggle.getAttribute('aria-controls'));
    toggle.addEventListener('click', () => {
      const open = menu.classList.toggle('show');
      toggle.setAttribute('aria-expanded', String(open));
    });
  }

  // <button data-now-for="id-of-field">: the home's current time in the page's convention (yyyy-MM-dd HH:mm). The
  // server's clock at page load plus the time since, so a browser in another time zone still writes the home's time.
  const homeNow = Date.parse(`${document.body.dataset.homeNow}Z`);
  const loadedAt = Date.now();
  for (const button of document.querySelectorAll('[data-now-for]')) {
    if (Number.isNaN(homeNow)) continue;
    button.hidden = false;
    button.addEventListener('click', () => {
      const field = document.getElementById(button.dataset.nowFor);
      field.value = new Date(homeNow + (Date.now() - loadedAt)).toISOString().slice(0, 16).replace('T', ' ');
      field.dispatchEvent(new Event('input', { bubbles: true }));
      field.focus();
    });
  }

  // <button data-copy="id-of-field">: copies that field's value and says so beside the button.
  for (const button of document.querySelectorAll('[data-copy]')) {
    button.hidden = false;
    button.addEventListener('click', async () => {
      const field = document.getElementById(button.dataset.copy);
      const status = document.getElementById(button.dataset.copyStatus);
      try {
        await navigator.clipboard.writeText(field.value ?? field.textContent);
        if (status) status.textContent = 'Copied.';
      } catch {
        // No clipboard (an http page other than localhost): select it so Ctrl+C works.
        field.select?.();
        if (status) status.textContent = 'Selected: press Ctrl+C to copy.';
      }
    });
  }
});

// Issue 18, typing survives. Forms marked data-autosave send what was typed to the server as a draft every
// data-autosave-seconds (only when something changed) and when the page is left; nothing goes into browser
// storage. The session warning appears two minutes before the idle timeout, with a button that renews it; just
// before the end, changed forms are kept one last time.
document.addEventListener('DOMContentLoaded', () => {
  const body = document.body;
  const sessionSeconds = Number(body.dataset.sessionSeconds);
  if (!(sessionSeconds > 0)) return;
  const token = document.querySelector('input[name="__RequestVerificationToken"]')?.value;
  const forms = [...document.querySelectorAll('form[data-autosave]')].map(watch);

  function watch(form) {
    const state = { form, changed: false, status: document.createElement('span') };
    state.status.className = 'autosave-status form-text ms-2';
    state.status.setAttribute('role', 'status');
    state.status.dataset.autosaveStatus = '';
    (form.querySelector('[type=submit]') ?? form.lastElementChild).after(state.status);
    form.addEventListener('input', () => { state.changed = true; });
    form.addEventListener('change', () => { state.changed = true; });
    // Saving the form itself: what the server saves replaces the draft, so none is sent after it.
    form.addEventListener('submit', () => { state.changed = false; });
    return state;
  }

  function fields(state) {
    const data = new FormData(state.form);
    data.set('path', location.pathname + location.search);
    if (token && !data.has('__RequestVerificationToken')) data.set('__RequestVerificationToken', token);
    return data;
  }

  async function keep(state) {
    if (!state.changed) return;
    state.changed = false;
    try {
      const response = await fetch('/Drafts', {
        method: 'POST', body: fields(state), credentials: 'same-origin', headers: { 'X-Requested-With': 'XMLHttpRequest' },
      });
      if (!response.ok) throw new Error(String(response.status));
      state.status.textContent = (await response.json()).message;
    } catch {
      state.changed = true;
      state.status.textContent = 'Draft not saved: check your connection or sign in again.';
    }
  }

  const every = Math.max(1, Number(body.dataset.autosaveSeconds) || 30) * 1000;
  if (forms.length > 0) {
    setInterval(() => forms.forEach(keep), every);
    // Leaving the page (a link, closing the tab): one last copy, sent even as the page goes away.
    addEventListener('pagehide', () => {
      for (const state of forms.filter((s) => s.changed)) {
        state.changed = false;
        navigator.sendBeacon('/Drafts', fields(state));
      }
    });
  }

  const warning = document.getElementById('session-warning');
  const message = warning?.querySelector('[data-session-message]');
  const stay = warning?.querySelector('[data-stay-signed-in]');
  const lead = Math.min(120, sessionSeconds / 2);
  let timers = [];

  function clock(at) {
    return at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });
  }

  function schedule(seconds) {
    timers.forEach(clearTimeout);
    warning.hidden = true;
    const end = new Date(Date.now() + seconds * 1000);
    timers = [
      setTimeout(() => {
        message.textContent = `For safety, SafeHome signs you out at ${clock(end)} if nothing more happens.`;
        stay.hidden = false;
        warning.hidden = false;
      }, Math.max(0, (seconds - lead) * 1000)),
      setTimeout(() => forms.forEach(keep), Math.max(0, (seconds - 5) * 1000)),
      setTimeout(() => {
        message.textContent = 'You were signed out for safety. Anything typed on this page is kept: when you save, '
          + 'you will be asked to sign in, and it will be back in the form.';
        stay.hidden = true;
        warning.hidden = false;
      }, seconds * 1000),
    ];
  }

  if (warning) {
    stay.addEventListener('click', async () => {
      const data = new FormData();
      if (token) data.set('__RequestVerificationToken', token);
      try {
        const response = await fetch('/Account/StaySignedIn', {
          method: 'POST', body: data, credentials: 'same-origin', headers: { 'X-Requested-With': 'XMLHttpRequest' },
        });
        const answer = response.ok ? await response.json() : null;
        if (answer?.seconds > 0) {
          schedule(answer.seconds);
          return;
        }
      } catch {
        // Shown below.
      }

      message.textContent = 'Could not reach SafeHome to stay signed in. Anything typed here is kept when you save.';
    });
    schedule(sessionSeconds);
  }
});
