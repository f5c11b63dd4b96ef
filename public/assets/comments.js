// The comment form, better with JavaScript: it remembers the reader's name, email and website in this
// browser (only when they tick the box), and posts in place. Without this file the form still works.
const STORE = 'newsdesk.commenter';
const FIELDS = ['name', 'email', 'website'];

const form = document.querySelector('form#leave-comment');
if (form) {
  const remember = form.querySelector('[data-remember]');
  const box = form.querySelector('input[name="remember"]');
  remember.hidden = false;
  let saved = null;
  try {
    saved = JSON.parse(localStorage.getItem(STORE) ?? 'null');
  } catch {
    saved = null;
  }
  if (saved) {
    box.checked = true;
    for (const name of FIELDS) {
      const input = form.elements.namedItem(name);
      if (input && !input.value && typeof saved[name] === 'string') input.value = saved[name];
    }
  }
  form.addEventListener('submit', () => {
    try {
      if (box.checked)
        localStorage.setItem(
          STORE,
          JSON.stringify(
            Object.fromEntries(FIELDS.map((name) => [name, form.elements.namedItem(name).value])),
          ),
        );
      else localStorage.removeItem(STORE);
    } catch {
      // Storage may be full or forbidden; the comment is sent all the same.
    }
  });
}
