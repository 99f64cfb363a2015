/* Wayfinder's service worker: pages a reader opened (and whole languages they saved) open again without
 * a connection. Generated at build time by scripts/wayfinder/service_worker.py, which fills in CONFIG:
 *   version  a hash of the whole deploy: one cache per deploy, so a page and its assets always come
 *            from the same deploy (a new version refetches what the reader kept before it takes over);
 *   core     the assets every page needs, kept at install (from the HTTP cache: no extra download);
 *   packs    per language, the list of every page and file of "save this language for offline use".
 * Online, every request goes to the network first (so readers get the newest deploy, and the browser's
 * HTTP cache works as without a worker); a copy is kept; without a connection the copy is served, and
 * the page says it is a saved copy and when it was saved (wayfinder-offline.js reads data-wf-saved). */
"use strict"

const CONFIG = __WAYFINDER_CONFIG__
const PREFIX = "wayfinder-"
const CACHE = PREFIX + CONFIG.version
const SCOPE = new URL("./", self.location).href
const SAVED_PACKS = SCOPE + "__wayfinder/saved-packs"  // not a real URL: the list of saved languages
const SAVED_AT = "X-Wayfinder-Saved"
// A page slower than this on a bad connection is shown from the saved copy (and updated behind it).
const PAGE_TIMEOUT_MS = 6000
const IMMUTABLE = /\.[0-9a-f]{8,}\.min\.(?:js|css)$/
// Clients showing a saved copy get its assets from the same cache (never a newer deploy's).
const fromCache = new Set()

const absolute = path => new URL(path, SCOPE).href
const withoutSearch = address => { const u = new URL(address); u.search = ""; u.hash = ""; return u.href }

async function keep(cache, address, response) {
  if (!response.ok || response.redirected || response.type !== "basic") return false
  const headers = new Headers(response.headers)
  headers.set(SAVED_AT, new Date().toISOString())
  const body = await response.blob()
  await cache.put(withoutSearch(address), new Response(body, { status: 200, statusText: "OK", headers }))
  return true
}

// Fetch `address` from this deploy and keep it; false when the deploy no longer has it (404). Only
// fingerprinted files may come from the HTTP cache: anything else is revalidated (a 304 costs little),
// so a stale copy from the previous deploy never enters this deploy's cache.
async function refresh(cache, address) {
  const response = await fetch(address, { cache: IMMUTABLE.test(address) ? "default" : "no-cache", credentials: "same-origin" })
  if (response.status === 404 || response.status === 410) return false
  if (!response.ok) throw new Error(address + ": " + response.status)
  return keep(cache, address, response)
}

// Run `task` over `items`, a few at a time (a phone on a weak connection, not a crawler).
async function pool(items, task, width = 4) {
  const queue = items.slice()
  await Promise.all(Array.from({ length: Math.min(width, queue.length) }, async () => {
    while (queue.length) await task(queue.shift())
  }))
}

async function savedPacks(cache) {
  const entry = await cache.match(SAVED_PACKS)
  return entry ? entry.json() : []
}

async function savePack(cache, code, progress) {
  if (!(code in CONFIG.packs)) throw new Error("no pack for " + code)
  const response = await fetch(absolute(CONFIG.packs[code]), { cache: "no-cache" })
  if (!response.ok) throw new Error("pack " + code + ": " + response.status)
  const pack = await response.json()
  const files = pack.pages.concat(pack.files).map(absolute)
  let done = 0
  await pool(files, async address => {
    const cached = IMMUTABLE.test(address) && await cache.match(address)
    if (!cached) await refresh(cache, address)
    progress && progress(++done, files.length)
  })
  const codes = new Set(await savedPacks(cache))
  codes.add(code)
  await cache.put(SAVED_PACKS, new Response(JSON.stringify([...codes]), { headers: { "Content-Type": "application/json" } }))
  return pack
}

self.addEventListener("install", event => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE)
    await pool(CONFIG.core.map(absolute), address => refresh(cache, address))
    // What the reader kept under an older deploy is fetched again from this one before it takes over;
    // if the connection drops, installing fails and the older version (complete in itself) stays.
    const older = (await caches.keys()).filter(name => name.startsWith(PREFIX) && name !== CACHE)
    const addresses = new Set(), packs = new Set()
    for (const name of older) {
      const old = await caches.open(name)
      for (const code of await savedPacks(old)) packs.add(code)
      for (const request of await old.keys()) if (request.url !== SAVED_PACKS) addresses.add(request.url)
    }
    for (const code of packs) if (code in CONFIG.packs) await savePack(cache, code)
    const kept = new Set((await cache.keys()).map(request => request.url))
    await pool([...addresses].filter(address => !kept.has(address)), address => refresh(cache, address))
    await self.skipWaiting()
  })())
})

self.addEventListener("activate", event => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name)
    await self.clients.claim()
  })())
})

// A saved copy says so: data-wf-saved on <html> carries when it was saved.
async function markSaved(response) {
  const text = await response.text()
  const saved = response.headers.get(SAVED_AT) || ""
  const html = text.replace(/<html\b/i, `<html data-wf-saved="${saved.replace(/[^0-9TZ:.+-]/g, "")}"`)
  const headers = new Headers(response.headers)
  headers.delete("Content-Length")
  return new Response(html, { status: 200, statusText: "OK", headers })
}

async function page(event) {
  const cache = await caches.open(CACHE)
  const network = fetch(event.request.url, { cache: "no-cache", credentials: "same-origin" }).then(response => {
    const type = response.headers.get("Content-Type") || ""
    if (response.ok && type.startsWith("text/html")) event.waitUntil(keep(cache, event.request.url, response.clone()))
    return response
  })
  const saved = cache.match(event.request.url, { ignoreSearch: true })
  const slow = new Promise(resolve => setTimeout(resolve, PAGE_TIMEOUT_MS, "slow"))
  let response = null
  try {
    response = await Promise.race([network, saved.then(copy => copy ? slow : network)])
  } catch (error) { /* offline, or the server is unreachable */ }
  if (response && response !== "slow") return response
  const copy = await saved
  if (!copy) return network  // nothing saved: the browser's own error, or the late answer
  event.waitUntil(network.catch(() => null))
  if (event.resultingClientId) fromCache.add(event.resultingClientId)
  return markSaved(copy)
}

async function asset(event) {
  const cache = await caches.open(CACHE)
  if (fromCache.has(event.clientId)) {
    const copy = await cache.match(event.request, { ignoreSearch: true })
    if (copy) return copy
  }
  const immutable = IMMUTABLE.test(event.request.url)
  if (immutable) {
    const copy = await cache.match(event.request.url)
    if (copy) return copy
  }
  try {
    // Not fingerprinted: revalidated, so a page of the new deploy never gets the old deploy's file.
    const response = await fetch(event.request, immutable ? {} : { cache: "no-cache" })
    if (response.ok && response.type === "basic") event.waitUntil(keep(cache, event.request.url, response.clone()))
    return response
  } catch (error) {
    const copy = await cache.match(event.request, { ignoreSearch: true })
    if (copy) return copy
    throw error
  }
}

self.addEventListener("fetch", event => {
  const request = event.request
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return
  if (request.mode === "navigate") event.respondWith(page(event))
  else event.respondWith(asset(event))
})

// From wayfinder-offline.js: keep the page the worker did not see load (the first visit), save a
// language (with progress), and tell which languages are saved.
self.addEventListener("message", event => {
  const message = event.data || {}
  const reply = event.ports[0]
  if (message.type === "keep") {
    event.waitUntil((async () => {
      const cache = await caches.open(CACHE)
      const addresses = (message.urls || []).filter(address => address.startsWith(SCOPE) && !address.startsWith(SAVED_PACKS))
      await pool(addresses, address => refresh(cache, address).catch(() => false))
      reply && reply.postMessage({ kept: addresses.length })
    })())
  } else if (message.type === "save") {
    event.waitUntil((async () => {
      try {
        const cache = await caches.open(CACHE)
        const pack = await savePack(cache, message.language, (done, total) => reply && reply.postMessage({ done, total }))
        reply && reply.postMessage({ saved: true, pages: pack.pages.length, bytes: pack.bytes })
      } catch (error) {
        reply && reply.postMessage({ failed: String(error) })
      }
    })())
  } else if (message.type === "status") {
    event.waitUntil((async () => {
      const cache = await caches.open(CACHE)
      reply && reply.postMessage({ version: CONFIG.version, saved: await savedPacks(cache) })
    })())
  }
})
