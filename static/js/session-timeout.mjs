// Warns people before their session ends for want of activity, and lets them stay signed in.
//
// The server ends a session SESSION_IDLE_SECONDS after its last request whatever happens here:
// this only makes that visible, so nobody loses what they were typing. Without JavaScript the
// warning stays hidden and the session simply expires.
//
// The panel is rendered by templates/base.html with:
//   data-idle-seconds     how long a session lasts without a request
//   data-warning-seconds  how long before the end to show the warning
//   data-sign-in-url      where to go once the session has ended
// and contains [data-session-minutes] (the count shown) and form[data-session-keep-alive].

const MINUTE = 60 * 1000

export function startSessionTimeout (panel) {
  const idle = Number(panel.dataset.idleSeconds) * 1000
  const warning = Number(panel.dataset.warningSeconds) * 1000
  if (!(idle > 0) || !(warning > 0)) return

  const minutes = panel.querySelector('[data-session-minutes]')
  const keepAliveForm = panel.querySelector('form[data-session-keep-alive]')
  const signInUrl = panel.dataset.signInUrl || '/accounts/sign-in/'
  // Other tabs of the service share the session, so activity in one counts for all of them.
  const otherTabs = 'BroadcastChannel' in window ? new BroadcastChannel('front-door-session') : null

  let endsAt = 0
  let timer = null
  let focusBeforeWarning = null

  // Runs at each moment something changes: the warning is due, the minute count drops, the end.
  function check () {
    clearTimeout(timer)
    const left = endsAt - Date.now()
    if (left <= 0) {
      const next = window.location.pathname + window.location.search
      window.location.assign(`${signInUrl}?next=${encodeURIComponent(next)}`)
      return
    }
    if (left <= warning) show(left)
    const untilNextChange = left > warning ? left - warning : left % MINUTE || MINUTE
    timer = setTimeout(check, Math.min(untilNextChange, left) + 50)
  }

  function show (left) {
    const count = Math.ceil(left / MINUTE)
    minutes.textContent = count === 1 ? '1 minute' : `${count} minutes`
    if (!panel.hidden) return
    focusBeforeWarning = document.activeElement
    panel.hidden = false
    panel.focus()
  }

  function hide () {
    if (panel.hidden) return
    panel.hidden = true
    if (focusBeforeWarning && focusBeforeWarning !== document.body && document.contains(focusBeforeWarning)) {
      focusBeforeWarning.focus()
    }
  }

  // The server has just seen a request from us, so the session runs for `idle` from now.
  function restart ({ tellOtherTabs = true } = {}) {
    endsAt = Date.now() + idle
    hide()
    check()
    if (tellOtherTabs) otherTabs?.postMessage(endsAt)
  }

  keepAliveForm.addEventListener('submit', async (event) => {
    event.preventDefault()
    try {
      const response = await fetch(keepAliveForm.action, {
        method: 'POST',
        body: new FormData(keepAliveForm),
        headers: { Accept: 'application/json', 'X-CSRFToken': keepAliveForm.elements.csrfmiddlewaretoken.value },
        credentials: 'same-origin',
        redirect: 'manual',
      })
      if (response.ok && response.headers.get('Content-Type')?.includes('application/json')) {
        restart()
        return
      }
    } catch {
      // Offline or refused: fall through to an ordinary form submission.
    }
    // The session may have ended already; a normal POST lets the server say so.
    keepAliveForm.submit()
  })

  otherTabs?.addEventListener('message', (event) => {
    if (typeof event.data === 'number' && event.data > endsAt) {
      endsAt = event.data
      hide()
      check()
    }
  })
  document.body.addEventListener('htmx:afterRequest', (event) => {
    if (event.detail.xhr?.status) restart()
  })
  // Timers stop while a laptop sleeps and slow down in background tabs; catch up on return.
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) check()
  })

  restart()
}
