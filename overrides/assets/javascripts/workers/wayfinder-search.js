/* Wayfinder's search worker: Material's own worker, extended rather than forked.
 *
 * Loaded instead of Material's worker (see the `wayfinder_config` filter in the theme), with
 * Material's worker file name in the `material` query parameter. It
 * 1. normalises every token before lunr's pipeline (stemmer, stop words) runs at indexing time, and
 * 2. normalises every query, then stems each plain term with the language's stemmer, before
 *    Material's handler sees it. Material appends a wildcard to every term, and lunr does not run
 *    its pipeline on wildcard terms, so without this "interpreter*" would never meet the indexed
 *    stem "interpret".
 * Index and queries thus meet in one form (wayfinder-normalize.js).
 *
 * In the offline copy (file://) workers are not allowed; the iframe-worker shim runs this script in
 * an iframe, where importScripts is asynchronous: messages are held until Material's worker is loaded. */
var WAYFINDER_SETUP = 0 /* Material's SearchMessageType.SETUP */
var WAYFINDER_QUERY = 2 /* Material's SearchMessageType.QUERY */
var wayfinderStemmers = []
var wayfinderLoaded = false
var wayfinderHeld = []
/* This script's own URL: in the iframe shim, location is the page's, the script element knows ours. */
var wayfinderSelf = typeof document !== "undefined" && document.currentScript
  ? document.currentScript.src : self.location.href

function wayfinderQuery(query) {
  return self.wayfinderNormalize(query).split(/\s+/).map(function (term) {
    /* Leave lunr query syntax (+term, -term, field:term, term~1, term^2, term*) as typed. */
    if (!term || /[+\-:~^*"]/.test(term)) return term
    var token = new self.lunr.Token(term, {})
    for (var i = 0; i < wayfinderStemmers.length; i++) token = wayfinderStemmers[i](token) || token
    return token.toString() || term
  }).join(" ")
}

/* Registered before Material's listener, so it runs first and Material reads what we leave. */
addEventListener("message", function (event) {
  var message = event.data
  if (!message) return
  if (!wayfinderLoaded) {  /* only in the iframe shim: Material's worker is not loaded yet */
    wayfinderHeld.push(message)
    event.stopImmediatePropagation()
    return
  }
  if (message.type === WAYFINDER_SETUP) {
    var config = message.data.config
    wayfinderStemmers = []
    self.wayfinderPendingStemmers = config.pipeline.indexOf("stemmer") >= 0 ? config.lang : []
  } else if (message.type === WAYFINDER_QUERY && typeof message.data === "string") {
    if (self.wayfinderPendingStemmers) {
      /* The language scripts are loaded by Material's SETUP handler: resolve stemmers on first use. */
      wayfinderStemmers = self.wayfinderPendingStemmers.map(function (lang) {
        return lang === "en" ? self.lunr.stemmer : (self.lunr[lang] || {}).stemmer
      }).filter(Boolean)
      self.wayfinderPendingStemmers = null
    }
    message.data = wayfinderQuery(message.data)
  }
})

function wayfinderPatchLunr(lunr) {
  var run = lunr.Pipeline.prototype.run
  lunr.Pipeline.prototype.run = function (tokens) {
    var normalised = []
    for (var i = 0; i < tokens.length; i++) {
      var token = tokens[i].update(function (text) { return self.wayfinderNormalize(text).trim() })
      if (token.toString()) normalised.push(token)
    }
    return run.call(this, normalised)
  }
}

/* importScripts is synchronous in a real worker (returns undefined) and a Promise in the iframe shim. */
Promise.resolve(importScripts(new URL("../wayfinder-normalize.js", wayfinderSelf).href)).then(function () {
  var material = new URL(wayfinderSelf).searchParams.get("material")
  return importScripts(new URL(material, wayfinderSelf).href)
}).then(function () {
  wayfinderPatchLunr(self.lunr)
  wayfinderLoaded = true
  wayfinderHeld.splice(0).forEach(function (data) { dispatchEvent(new MessageEvent("message", { data: data })) })
})
