// "Print this list" on a saved list: a button only where this script runs, since printing from a page needs
// JavaScript. Without it the page's own words say how to print, and those are hidden once the button shows.
export function startPrintButtons (scope) {
  const buttons = scope.querySelectorAll('[data-print-button]')
  if (!buttons.length) return
  for (const button of buttons) {
    button.hidden = false
    button.addEventListener('click', () => window.print())
  }
  for (const instructions of scope.querySelectorAll('[data-print-instructions]')) {
    instructions.hidden = true
  }
}
