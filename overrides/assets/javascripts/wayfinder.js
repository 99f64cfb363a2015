/* Wayfinder page tools: classroom (projection) view, the Swedish original side by side, print.
 * Plain script, no dependencies, no inline code (the Content-Security-Policy allows only files). */
(function () {
  "use strict"
  var STORAGE_KEY = "wayfinder-projection"
  var root = document.documentElement
  var rtl = (document.body.getAttribute("dir") || root.dir) === "rtl"

  function article() { return document.querySelector("article.md-content__inner") }
  function store(key, value) { try { value === null ? localStorage.removeItem(key) : localStorage.setItem(key, value) } catch (e) { /* private mode */ } }
  function stored(key) { try { return localStorage.getItem(key) } catch (e) { return null } }

  /* ---------- Classroom view: one H2 section per screen ---------- */
  var slides = [], current = 0, bar = null

  function buildSlides() {
    var body = article()
    if (!body || body.querySelector(".wf-slide")) return
    var slide = document.createElement("section")
    slide.className = "wf-slide"
    var nodes = Array.prototype.slice.call(body.childNodes)
    nodes.forEach(function (node) {
      if (node.nodeType === 1 && node.tagName === "H2" && slide.childNodes.length) {
        body.appendChild(slide)
        slide = document.createElement("section")
        slide.className = "wf-slide"
      }
      slide.appendChild(node)
    })
    body.appendChild(slide)
    slides = Array.prototype.slice.call(body.querySelectorAll(".wf-slide"))
  }

  function show(index) {
    current = Math.max(0, Math.min(slides.length - 1, index))
    slides.forEach(function (slide, i) { slide.hidden = i !== current })
    if (bar) bar.querySelector(".wf-projection__count").textContent = (current + 1) + " / " + slides.length
    window.scrollTo(0, 0)
  }

  function enterProjection() {
    buildSlides()
    root.classList.add("wf-projection")
    store(STORAGE_KEY, "1")
    if (!bar) {
      var button = document.querySelector('[data-wf-action="projection"]')
      bar = document.createElement("div")
      bar.className = "wf-projection__bar"
      bar.setAttribute("role", "navigation")
      var prev = document.createElement("button"), next = document.createElement("button"), exit = document.createElement("button")
      prev.type = next.type = exit.type = "button"
      prev.className = "md-button wf-projection__prev"; prev.textContent = rtl ? "→" : "←"; prev.setAttribute("aria-label", "−1")
      next.className = "md-button wf-projection__next"; next.textContent = rtl ? "←" : "→"; next.setAttribute("aria-label", "+1")
      exit.className = "md-button wf-projection__exit"; exit.textContent = button ? button.getAttribute("data-wf-exit") + " (Esc)" : "Esc"
      var count = document.createElement("span"); count.className = "wf-projection__count"; count.dir = "ltr"
      var hint = document.createElement("span"); hint.className = "wf-projection__hint"; hint.textContent = button ? button.getAttribute("data-wf-hint") : ""
      prev.addEventListener("click", function () { show(current - 1) })
      next.addEventListener("click", function () { show(current + 1) })
      exit.addEventListener("click", leaveProjection)
      bar.appendChild(prev); bar.appendChild(count); bar.appendChild(next); bar.appendChild(exit); bar.appendChild(hint)
      document.body.appendChild(bar)
    }
    bar.hidden = false
    show(0)
  }

  function leaveProjection() {
    root.classList.remove("wf-projection")
    store(STORAGE_KEY, null)
    slides.forEach(function (slide) { slide.hidden = false })
    if (bar) bar.hidden = true
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target
    if (event.ctrlKey || event.metaKey || event.altKey || (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return
    var projecting = root.classList.contains("wf-projection")
    if (!projecting) {
      if (event.key === "c" && !event.shiftKey) { event.preventDefault(); enterProjection() }
      return
    }
    /* Reading direction decides which arrow moves forward; clickers send PageUp/PageDown. */
    var forward = rtl ? "ArrowLeft" : "ArrowRight", backward = rtl ? "ArrowRight" : "ArrowLeft"
    if (event.key === "Escape") leaveProjection()
    else if (event.key === forward || event.key === "PageDown" || event.key === "ArrowDown" || event.key === " ") show(current + 1)
    else if (event.key === backward || event.key === "PageUp" || event.key === "ArrowUp") show(current - 1)
    else return
    event.preventDefault()
    event.stopPropagation()
  }, true)

  /* ---------- The Swedish original side by side, section by section ---------- */
  function sectionsOf(container) {
    var out = [[]]
    Array.prototype.forEach.call(container.children, function (node) {
      if (/^(H2)$/.test(node.tagName)) out.push([])
      if (!node.classList.contains("wf-tools") && !node.classList.contains("wf-notice") && !node.classList.contains("md-content__button"))
        out[out.length - 1].push(node)
    })
    return out
  }

  function showBilingual(button) {
    var body = article()
    if (body.querySelector(".wf-bilingual")) return hideBilingual(button)
    fetch(button.getAttribute("data-wf-original")).then(function (response) {
      if (!response.ok) throw new Error(response.status)
      return response.text()
    }).then(function (text) {
      var original = new DOMParser().parseFromString(text, "text/html").querySelector("article.md-content__inner")
      var content = body.querySelector(".wf-content") || body
      var mine = sectionsOf(content), theirs = sectionsOf(original)
      var grid = document.createElement("div")
      grid.className = "wf-bilingual"
      for (var i = 0; i < Math.max(mine.length, theirs.length); i++) {
        var left = document.createElement("div"), right = document.createElement("div")
        left.className = "wf-bilingual__cell"; right.className = "wf-bilingual__cell wf-bilingual__cell--sv"
        right.lang = "sv"; right.dir = "ltr"
        ;(mine[i] || []).forEach(function (node) { left.appendChild(node.cloneNode(true)) })
        ;(theirs[i] || []).forEach(function (node) { right.appendChild(document.importNode(node, true)) })
        grid.appendChild(left); grid.appendChild(right)
      }
      Array.prototype.forEach.call(grid.querySelectorAll(".headerlink, [id]"), function (node) {
        if (node.classList.contains("headerlink")) node.parentNode.removeChild(node)
        else node.removeAttribute("id")  /* the page keeps its own ids; copies must not duplicate them */
      })
      content.hidden = true
      content.parentNode.insertBefore(grid, content.nextSibling)
      button.setAttribute("aria-pressed", "true")
      button.dataset.wfShow = button.textContent
      button.textContent = button.getAttribute("data-wf-hide")
    }).catch(function () { button.disabled = true })
  }

  function hideBilingual(button) {
    var grid = article().querySelector(".wf-bilingual")
    if (grid) grid.parentNode.removeChild(grid)
    var content = article().querySelector(".wf-content") || article()
    Array.prototype.forEach.call(article().querySelectorAll("[hidden]"), function (node) {
      if (!node.classList.contains("wf-slide")) node.hidden = false
    })
    button.setAttribute("aria-pressed", "false")
    if (button.dataset.wfShow) button.textContent = button.dataset.wfShow
  }

  /* ---------- Print: links show their full address on paper ---------- */
  function markLinks() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset a[href]"), function (link) {
      var href = link.getAttribute("href")
      if (!href || href.charAt(0) === "#" || link.classList.contains("headerlink")) return
      link.setAttribute("data-wf-url", link.href)
    })
  }

  /* ---------- On the Swedish pages, offer the reader's own language (from the browser's settings) ---------- */
  function suggestLanguage() {
    if (root.lang !== "sv" || stored("wayfinder-suggestion") || !navigator.languages) return
    var links = Array.prototype.slice.call(document.querySelectorAll(".md-select__link[hreflang]"))
    for (var i = 0; i < navigator.languages.length; i++) {
      var wanted = navigator.languages[i].toLowerCase()
      var match = links.filter(function (link) {
        var tag = link.getAttribute("hreflang").toLowerCase()
        return tag !== "sv" && (tag === wanted || tag.split("-")[0] === wanted.split("-")[0])
      })[0]
      if (wanted.split("-")[0] === "sv") return
      if (!match) continue
      var box = document.createElement("div")
      box.className = "wf-suggestion"
      box.lang = match.getAttribute("hreflang"); box.dir = match.getAttribute("dir") || "ltr"
      var text = document.createElement("span"); text.textContent = match.getAttribute("data-wf-suggest") + " "
      var link = document.createElement("a"); link.href = match.href; link.textContent = match.textContent.trim()
      var close = document.createElement("button"); close.type = "button"; close.className = "wf-suggestion__close"
      close.textContent = "×"; close.setAttribute("aria-label", "×")
      close.addEventListener("click", function () { store("wayfinder-suggestion", "dismissed"); box.parentNode.removeChild(box) })
      link.addEventListener("click", function () { store("wayfinder-suggestion", "followed") })
      box.appendChild(text); box.appendChild(link); box.appendChild(close)
      var body = article()
      if (body) body.insertBefore(box, body.firstChild)
      return
    }
  }

  /* ---------- Search follows text however it arrives ----------
   * Material's search reads the query on `keyup` only. Voice typing, paste from the context menu, on-screen
   * keyboards and input methods (Tigrinya keyboards among them) change the field with an `input` event and
   * no key press, so nothing was found. Each such change is handed to Material as the keyup it listens
   * for; an input method's text counts when its composition ends. */
  function followSearchInput() {
    var input = document.querySelector("[data-md-component=search-query]")
    if (!input) return
    var composing = false
    function changed() { input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true })) }
    input.addEventListener("compositionstart", function () { composing = true })
    input.addEventListener("compositionend", function () { composing = false; changed() })
    input.addEventListener("input", function (event) { if (!composing && !event.isComposing) changed() })
  }

  function wire() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-wf-action]"), function (button) {
      var action = button.getAttribute("data-wf-action")
      button.hidden = false
      button.addEventListener("click", function () {
        if (action === "projection") enterProjection()
        else if (action === "bilingual") showBilingual(button)
        else if (action === "print") window.print()
      })
    })
    markLinks()
    suggestLanguage()
    followSearchInput()
    if (stored(STORAGE_KEY) === "1" && article()) enterProjection()
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire)
  else wire()
})()
