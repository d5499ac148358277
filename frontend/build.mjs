// Builds static/build/ from GOV.UK Frontend and MOJ Frontend: one compressed stylesheet, the two
// component libraries' ES modules, and the images the stylesheet refers to.
//
// Run with `npm run build` (or `node frontend/build.mjs`). static/build/ is git-ignored and rebuilt
// from scratch every time, so a build is reproducible from package-lock.json alone.
import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import * as sass from 'sass'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const nodeModules = path.join(root, 'node_modules')
const govuk = path.join(nodeModules, 'govuk-frontend', 'dist', 'govuk')
const moj = path.join(nodeModules, '@ministryofjustice', 'frontend', 'moj')
const out = path.join(root, 'static', 'build')

// Where images named by url() in the compiled CSS may come from, first match wins.
const imageSources = [path.join(moj, 'assets', 'images'), path.join(govuk, 'assets', 'images')]

// MOJ Frontend 11 still calls a mixin GOV.UK Frontend 6 has deprecated, and it pins GOV.UK's
// $govuk-suppressed-warnings itself, so the warning cannot be silenced in Sass. Drop exactly that
// one; every other warning is printed.
const knownThirdPartyWarnings = [/The `govuk-text-colour` mixin is deprecated/]

const logger = {
  warn(message, options) {
    if (knownThirdPartyWarnings.some((pattern) => pattern.test(message))) return
    const where = options.span ? ` (${options.span.url?.pathname ?? ''}:${options.span.start.line + 1})` : ''
    console.warn(`sass warning: ${message}${where}`)
  },
}

function compileCss() {
  const result = sass.compile(path.join(root, 'frontend', 'scss', 'app.scss'), {
    // The project root lets MOJ Frontend's own `@forward "node_modules/govuk-frontend/..."` resolve;
    // node_modules lets ours say "govuk-frontend/..." and "@ministryofjustice/frontend/...".
    // Both name the same files, so GOV.UK Frontend is loaded (and configured) once.
    loadPaths: [root, nodeModules],
    style: 'compressed',
    sourceMap: false,
    charset: true,
    quietDeps: true,
    logger,
  })
  return result.css
}

function assertCss(css) {
  const problems = []
  if (/GDS Transport/i.test(css)) problems.push('it mentions the GDS Transport font, which only GOV.UK may use')
  if (/@font-face/.test(css)) problems.push('it declares a @font-face; the service uses Arial only')
  for (const selector of ['.govuk-template', '.govuk-generic-header', '.govuk-service-navigation', '.moj-timeline', '.moj-badge']) {
    if (!css.includes(selector)) problems.push(`${selector} is missing`)
  }
  if (problems.length) throw new Error(`The compiled stylesheet is wrong: ${problems.join('; ')}.`)
}

// Every url() in the compiled CSS must be a relative path inside static/build/ whose file we copy.
async function copyReferencedImages(css) {
  const cssDir = path.join(out, 'css')
  const urls = new Set([...css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].map((match) => match[1]))
  for (const url of urls) {
    if (url.startsWith('data:')) continue
    const target = path.resolve(cssDir, url)
    if (/^[a-z]+:|^\//i.test(url) || !target.startsWith(out + path.sep)) {
      throw new Error(`The stylesheet refers to ${url}, outside static/build/.`)
    }
    const name = path.basename(target)
    const source = await firstExisting(imageSources.map((dir) => path.join(dir, name)))
    if (!source) throw new Error(`The stylesheet refers to ${url}, but no package provides ${name}.`)
    await mkdir(path.dirname(target), { recursive: true })
    await copyFile(source, target)
  }
  return urls.size
}

// Both libraries ship self-contained ES modules (no bare imports), so browsers load them as they
// are. Their source maps stay behind, and so must the comments naming them: Django's manifest
// storage follows sourceMappingURL comments and fails collectstatic when the map is missing.
async function copyModule(source) {
  const code = await readFile(source, 'utf8')
  if (/^\s*import\s*[^(\s]|\bfrom\s*["'][^./]/m.test(code)) throw new Error(`${source} imports other modules.`)
  const stripped = code.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n')
  await writeFile(path.join(out, 'js', path.basename(source)), stripped)
}

async function firstExisting(paths) {
  for (const candidate of paths) {
    try {
      if ((await stat(candidate)).isFile()) return candidate
    } catch (error) {
      if (error.code !== 'ENOENT') throw error
    }
  }
  return null
}

async function main() {
  const started = Date.now()
  const css = compileCss()
  assertCss(css)

  await rm(out, { recursive: true, force: true })
  await mkdir(path.join(out, 'css'), { recursive: true })
  await mkdir(path.join(out, 'js'), { recursive: true })
  await writeFile(path.join(out, 'css', 'app.css'), css)
  const images = await copyReferencedImages(css)

  await copyModule(path.join(govuk, 'govuk-frontend.min.js'))
  await copyModule(path.join(moj, 'moj-frontend.min.js'))

  const kb = (css.length / 1024).toFixed(0)
  console.log(`static/build: app.css ${kb} KB, ${images} images, 2 scripts in ${Date.now() - started} ms`)
}

main().catch((error) => {
  console.error(error.message ?? error)
  process.exitCode = 1
})
