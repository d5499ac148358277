// Keeps what someone types on an autosaved form (form[data-autosave]) until the server has it.
//
// htmx saves the form on every change. If a save fails (the connection dropped, or the session ended and the
// server answered 401), the form's values stay on the page and a copy stays in this tab's sessionStorage,
// which dies with the tab, so nothing outlives the session on a shared machine. When the page is opened again
// in the same tab (after signing back in, say), the copy is put back into the form and saved against the
// version it was typed on, so a save someone else made meanwhile is shown as a conflict, never overwritten.

const notice = (form, text) => {
  let status = form.querySelector('#save-status')
  if (!status) return
  status.textContent = text
  status.classList.add('fd-save-status--problem')
}

const snapshot = (form) => {
  const values = {}
  for (const [name, value] of new FormData(form)) {
    if (name !== 'csrfmiddlewaretoken') values[name] = value
  }
  return values
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b)

function restore (form, saved) {
  for (const [name, value] of Object.entries(saved)) {
    const fields = form.querySelectorAll(`[name="${CSS.escape(name)}"]`)
    for (const field of fields) {
      if (field.type === 'radio' || field.type === 'checkbox') field.checked = field.value === value
      else field.value = value
    }
  }
  form.querySelectorAll('[data-module="govuk-radios"] input:checked').forEach((input) => {
    input.dispatchEvent(new Event('click', { bubbles: true }))
  })
}

// `restoreUnsaved` is false for a form htmx has just swapped in (a conflict: the server has shown both
// versions), whose fields already hold what was typed.
export function startAutosave (form, { restoreUnsaved = true } = {}) {
  const key = `unsaved:${form.dataset.autosave}`
  const stored = window.sessionStorage.getItem(key)
  if (!restoreUnsaved) {
    if (stored) window.sessionStorage.setItem(key, JSON.stringify(snapshot(form)))
  } else if (stored) {
    const saved = JSON.parse(stored)
    if (!same({ ...saved, version: null }, { ...snapshot(form), version: null })) {
      restore(form, saved)
      notice(form, 'Answers you gave that had not been saved are back in the form. Saving them now…')
      window.htmx?.trigger(form, 'change')
    } else {
      window.sessionStorage.removeItem(key)
    }
  }

  let sent = null
  form.addEventListener('input', () => window.sessionStorage.setItem(key, JSON.stringify(snapshot(form))))
  form.addEventListener('change', () => window.sessionStorage.setItem(key, JSON.stringify(snapshot(form))))
  form.addEventListener('htmx:beforeRequest', () => { sent = snapshot(form) })
  form.addEventListener('htmx:afterRequest', (event) => {
    const { xhr, successful } = event.detail
    if (successful) {
      // Only forget the copy if nothing was typed while the save was on its way.
      const now = snapshot(form)
      delete now.version
      delete sent?.version
      if (same(now, sent)) window.sessionStorage.removeItem(key)
    } else if (xhr && xhr.status === 401) {
      notice(form, 'Not saved: you have been signed out. Your answers are kept in this tab: sign in again and they will be put back.')
    } else {
      notice(form, 'Not saved: the connection dropped. Your answers are kept on this page and will be saved when you next change something.')
    }
  })
  form.addEventListener('htmx:sendError', () => {
    notice(form, 'Not saved: the connection dropped. Your answers are kept on this page and will be saved when you next change something.')
  })
}
