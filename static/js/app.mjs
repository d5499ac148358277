// Front Door's browser code: GOV.UK Frontend, MOJ Frontend where a page uses it, the glue htmx
// needs, and the session timeout warning. Every page also works without it.
//
// Loaded from templates/base.html as an external module: the Content Security Policy allows no
// inline script, so the `govuk-frontend-supported` class GOV.UK's page template adds with an
// inline script is added here instead.
import { initAll } from './../build/js/govuk-frontend.min.js'
import { startSessionTimeout } from './session-timeout.mjs'
import { startPrintButtons } from './print-button.mjs'
import { startAutosave } from './autosave.mjs'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
initMojFrontend(document)

startPrintButtons(document)
document.querySelectorAll('form[data-autosave]').forEach(startAutosave)

const sessionWarning = document.getElementById('session-timeout-warning')
if (sessionWarning) startSessionTimeout(sessionWarning)

// htmx swaps in new HTML: start its components, and take people to any error summary it
// brings, as a full page load would.
document.body.addEventListener('htmx:afterSwap', (event) => {
  const scope = event.target
  initAll({ scope })
  initMojFrontend(scope)
  const autosaved = scope.matches('form[data-autosave]') ? [scope] : scope.querySelectorAll('form[data-autosave]')
  autosaved.forEach((form) => startAutosave(form, { restoreUnsaved: false }))

  const errorSummary = scope.matches('.govuk-error-summary') ? scope : scope.querySelector('.govuk-error-summary')
  if (errorSummary) {
    errorSummary.setAttribute('tabindex', '-1')
    errorSummary.focus()
  }
})

// MOJ Frontend's scripts (sortable table, button menu, and so on) are only fetched by pages
// that use one of its components; most pages use only its styles.
async function initMojFrontend (scope) {
  const selector = '[data-module^="moj-"]'
  if (!scope.matches?.(selector) && !scope.querySelector(selector)) return
  const mojFrontend = await import('./../build/js/moj-frontend.min.js')
  mojFrontend.initAll({ scope })
}
