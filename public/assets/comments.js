// The comment form, better with JavaScript: it posts in place (the comment appears where it belongs,
// or the reasons appear beside the fields, with nothing the reader typed lost), remembers the reader's
// name, email and website in this browser only when they tick the box, and moves the form under the
// comment being answered. Without this file the form works the same through a full page load.
const STORE = 'newsdesk.commenter';
const FIELDS = ['name', 'email', 'website'];

const form = document.querySelector('form#leave-comment');
if (form) enhance(form);

function enhance(form) {
  const remember = form.querySelector('[data-remember]');
  const box = form.querySelector('input[name="remember"]');
  const status = form.querySelector('[data-status]');
  const formError = form.querySelector('[data-form-error]');
  const replying = form.querySelector('[data-replying]');
  const parentInput = form.elements.namedItem('parentId');
  const list = document.querySelector('[data-comment-list]');
  const home = form.parentElement;
  const homeNext = form.nextSibling;
  const messages = form.dataset;
  remember.hidden = false;

  const saved = readSaved();
  if (saved) {
    box.checked = true;
    for (const name of FIELDS) {
      const input = form.elements.namedItem(name);
      if (input && !input.value && typeof saved[name] === 'string') input.value = saved[name];
    }
  }

  // "Reply" opens the form right under the comment instead of reloading the page.
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[data-reply-to]') : null;
    if (link) {
      event.preventDefault();
      replyTo(link.dataset.replyTo, link.dataset.replyName, link.closest('li'));
      return;
    }
    if (event.target instanceof Element && event.target.closest('[data-cancel-reply]')) {
      event.preventDefault();
      replyTo('', '', null);
    }
  });

  function replyTo(id, name, item) {
    parentInput.value = id;
    replying.hidden = !id;
    replying.textContent = '';
    if (id) {
      replying.append(`${messages.replyingTo.replace('{name}', name)} `);
      const cancel = document.createElement('a');
      cancel.href = '#leave-comment';
      cancel.dataset.cancelReply = '';
      cancel.textContent = messages.cancelLabel;
      replying.append(cancel);
      item.querySelector(':scope > article').after(form);
    } else {
      home.insertBefore(form, homeNext);
    }
    form.elements.namedItem('body').focus();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    keepOrForget();
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    status.textContent = messages.sending;
    showErrors({}, '');
    const fields = Object.fromEntries(new FormData(form));
    delete fields.remember;
    try {
      const response = await fetch(form.dataset.api, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(fields),
        credentials: 'same-origin',
      });
      const answer = await response.json();
      if (!response.ok) {
        status.textContent = '';
        showErrors(answer.error?.fields ?? {}, answer.error?.message ?? '');
        return;
      }
      place(answer);
      form.elements.namedItem('body').value = '';
      status.textContent = answer.message;
      replyTo('', '', null);
    } catch {
      status.textContent = '';
      showErrors({}, messages.networkError);
    } finally {
      button.disabled = false;
    }
  });

  /** Puts the new comment where a reload would show it: under its parent, or at the end of the list. */
  function place(answer) {
    const template = document.createElement('template');
    template.innerHTML = answer.html;
    const item = template.content.firstElementChild;
    const parentId = answer.comment.parentId;
    const parent = parentId ? document.getElementById(`comment-${parentId}`) : null;
    if (parent) {
      const level = Number(/comment--level-(\d)/.exec(parent.className)?.[1] ?? 1);
      const host = level >= 3 ? parent.parentElement : parent;
      let replies = host === parent ? parent.querySelector(':scope > .comment-replies') : null;
      if (host !== parent) parent.after(item);
      else {
        if (!replies) {
          replies = document.createElement('ol');
          replies.className = 'comment-replies';
          parent.append(replies);
        }
        replies.append(item);
      }
    } else {
      list.hidden = false;
      list.append(item);
    }
    item.scrollIntoView({ block: 'nearest' });
  }

  function showErrors(fields, message) {
    formError.hidden = !message;
    formError.textContent = message;
    let first = null;
    for (const holder of form.querySelectorAll('[data-error-for]')) {
      const name = holder.dataset.errorFor;
      const input = form.elements.namedItem(name);
      const text = fields[name] ?? '';
      holder.textContent = text;
      holder.hidden = !text;
      if (input) {
        if (text) input.setAttribute('aria-invalid', 'true');
        else input.removeAttribute('aria-invalid');
        if (text && !first) first = input;
      }
    }
    if (first) first.focus();
    else if (message) formError.scrollIntoView({ block: 'nearest' });
  }

  function readSaved() {
    try {
      return JSON.parse(localStorage.getItem(STORE) ?? 'null');
    } catch {
      return null;
    }
  }

  function keepOrForget() {
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
  }
}
