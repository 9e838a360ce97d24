// Every page: marks the document as scripted (the narrow-screen menu collapses only when this can reopen it) and
// wires the menu button and copy buttons. No inline script anywhere: the Content-Security-Policy allows none.
document.documentElement.classList.add('js');

document.addEventListener('DOMContentLoaded', () => {
  for (const toggle of document.querySelectorAll('[data-menu-toggle]')) {
    const menu = document.getElementById(toggle.getAttribute('aria-controls'));
    toggle.addEventListener('click', () => {
      const open = menu.classList.toggle('show');
      toggle.setAttribute('aria-expanded', String(open));
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
