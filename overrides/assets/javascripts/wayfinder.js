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

  /* ---------- Classroom view: one H2 section per screen ----------
   * Each slide is its own scrolling box that ends above the control bar, so nothing is ever under the
   * bar. The keys a presenter's clicker sends (PageDown/PageUp, and ↓/↑/Space on a keyboard) scroll
   * within a slide first and move to the next or previous slide at its end; ←/→ move by slide. The
   * slide and scroll position are kept per page, so the view resumes where the teacher left. */
  var slides = [], current = 0, bar = null
  var SLIDE_KEY = "wayfinder-slide:" + location.pathname

  function content() { var body = article(); return body && (body.querySelector(".wf-content") || body) }
  function bilingualGrid() { var body = article(); return body && body.querySelector(".wf-bilingual") }
  function skipped(node) {
    return node.nodeType === 1 && (node.classList.contains("wf-tools") || node.classList.contains("md-content__button") ||
      node.classList.contains("wf-facts") || node.classList.contains("wf-notice") || node.classList.contains("wf-bilingual") ||
      node.classList.contains("wf-suggestion") || node.classList.contains("wf-listen") || node.hidden)
  }

  function unwrapSlides() {
    Array.prototype.forEach.call(document.querySelectorAll("section.wf-slide"), function (slide) {
      while (slide.firstChild) slide.parentNode.insertBefore(slide.firstChild, slide)
      slide.parentNode.removeChild(slide)
    })
    Array.prototype.forEach.call(document.querySelectorAll(".wf-slide"), function (slide) {
      slide.classList.remove("wf-slide"); slide.hidden = false
    })
    slides = []
  }

  function buildSlides() {
    unwrapSlides()
    var grid = bilingualGrid()
    if (grid) {  /* side by side: each row (a section in both languages) is a slide */
      slides = Array.prototype.slice.call(grid.querySelectorAll(".wf-bilingual__row"))
      slides.forEach(function (row) { row.classList.add("wf-slide") })
      return
    }
    var body = content()
    if (!body) return
    var slide = null
    Array.prototype.slice.call(body.childNodes).forEach(function (node) {
      if (skipped(node) || (!slide && node.nodeType !== 1)) return
      if (!slide || (node.nodeType === 1 && node.tagName === "H2" && slide.children.length)) {
        slide = document.createElement("section")
        slide.className = "wf-slide"
        node.parentNode.insertBefore(slide, node)
      }
      slide.appendChild(node)
    })
    slides = Array.prototype.slice.call(body.querySelectorAll("section.wf-slide"))
  }

  /* The machine-translation (or fallback) notice, as one line on the first slide: title and link. */
  function compactNotice() {
    var notice = article() && article().querySelector(".wf-notice:not(.wf-notice--compact)")
    var first = slides[0]
    if (!notice || !first || first.querySelector(".wf-notice--compact")) return
    var line = document.createElement("p")
    line.className = "wf-notice--compact " + notice.className.replace(/\badmonition\b|\bwf-notice\b/g, "").trim()
    line.setAttribute("role", "note")
    var title = notice.querySelector(".admonition-title")
    var strong = document.createElement("strong"); strong.textContent = title ? title.textContent.trim() : ""
    line.appendChild(strong)
    var link = notice.querySelector("a[href]")
    if (link) { line.appendChild(document.createTextNode(" · ")); line.appendChild(link.cloneNode(true)) }
    first.insertBefore(line, first.firstChild)
  }

  function saveSlide() {
    if (!root.classList.contains("wf-projection") || !slides.length) return
    try { localStorage.setItem(SLIDE_KEY, JSON.stringify({ slide: current, scroll: slides[current].scrollTop, bilingual: !!bilingualGrid() })) } catch (e) { /* private mode */ }
  }

  function show(index, scroll) {
    if (!slides.length) return
    current = Math.max(0, Math.min(slides.length - 1, index))
    slides.forEach(function (slide, i) { slide.hidden = i !== current })
    var slide = slides[current]
    if (bar) {
      bar.querySelector(".wf-projection__count").textContent = (current + 1) + " / " + slides.length
      document.documentElement.style.setProperty("--wf-bar-height", bar.offsetHeight + "px")
    }
    slide.scrollTop = scroll === "end" ? slide.scrollHeight : (scroll || 0)
    window.scrollTo(0, 0)
    saveSlide()
  }

  /* One step of a clicker: the rest of a long slide first, then the next slide. */
  function step(direction) {
    var slide = slides[current]
    if (!slide) return
    var page = Math.max(40, slide.clientHeight - 2.5 * parseFloat(getComputedStyle(slide).fontSize))
    if (direction > 0) {
      if (slide.scrollTop + slide.clientHeight < slide.scrollHeight - 2) { slide.scrollTop += page; saveSlide() }
      else if (current < slides.length - 1) show(current + 1)
    } else {
      if (slide.scrollTop > 0) { slide.scrollTop -= page; saveSlide() }
      else if (current > 0) show(current - 1, "end")
    }
  }

  function barButton(className, text, label, handler) {
    var button = document.createElement("button")
    button.type = "button"; button.className = "md-button " + className; button.textContent = text
    if (label) button.setAttribute("aria-label", label)
    button.addEventListener("click", handler)
    return button
  }

  function enterProjection(resume) {
    var saved = null
    if (resume) { try { saved = JSON.parse(localStorage.getItem(SLIDE_KEY) || "null") } catch (e) { saved = null } }
    root.classList.add("wf-projection")
    store(STORAGE_KEY, "1")
    if (!bar) {
      var button = document.querySelector('[data-wf-action="projection"]')
      var bilingual = document.querySelector('[data-wf-action="bilingual"]')
      bar = document.createElement("div")
      bar.className = "wf-projection__bar"
      bar.setAttribute("role", "navigation")
      var count = document.createElement("span"); count.className = "wf-projection__count"; count.dir = "ltr"
      var hint = document.createElement("span"); hint.className = "wf-projection__hint"; hint.textContent = button ? button.getAttribute("data-wf-hint") : ""
      bar.appendChild(barButton("wf-projection__prev", rtl ? "→" : "←", "−1", function () { show(current - 1) }))
      bar.appendChild(count)
      bar.appendChild(barButton("wf-projection__next", rtl ? "←" : "→", "+1", function () { show(current + 1) }))
      if (bilingual) bar.appendChild(barButton("wf-projection__bilingual", bilingual.textContent.trim(), null, function () { showBilingual(bilingual) }))
      bar.appendChild(barButton("wf-projection__exit", (button ? button.getAttribute("data-wf-exit") : "") + " (Esc)", null, leaveProjection))
      bar.appendChild(hint)
      document.body.appendChild(bar)
      window.addEventListener("resize", function () { if (root.classList.contains("wf-projection")) show(current, slides[current] && slides[current].scrollTop) })
      document.addEventListener("scroll", function (event) { if (event.target && event.target.classList && event.target.classList.contains("wf-slide")) saveSlide() }, true)
    }
    bar.hidden = false
    var wantBilingual = saved && saved.bilingual && !bilingualGrid() && document.querySelector('[data-wf-action="bilingual"]')
    buildSlides()
    compactNotice()
    show(saved ? saved.slide : 0, saved ? saved.scroll : 0)
    if (wantBilingual) showBilingual(document.querySelector('[data-wf-action="bilingual"]'), saved)
  }

  function refreshSlides(position) {
    if (!root.classList.contains("wf-projection")) return
    buildSlides()
    compactNotice()
    show(position ? position.slide : Math.min(current, slides.length - 1), position ? position.scroll : 0)
    var toggle = bar && bar.querySelector(".wf-projection__bilingual"), button = document.querySelector('[data-wf-action="bilingual"]')
    if (toggle && button) toggle.textContent = button.textContent.trim()
  }

  function leaveProjection() {
    root.classList.remove("wf-projection")
    store(STORAGE_KEY, null)
    slides.forEach(function (slide) { slide.hidden = false })
    Array.prototype.forEach.call(document.querySelectorAll(".wf-notice--compact"), function (line) { line.parentNode.removeChild(line) })
    if (bar) bar.hidden = true
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target
    if (event.ctrlKey || event.metaKey || event.altKey || (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return
    var projecting = root.classList.contains("wf-projection")
    if (!projecting) {
      if (event.key === "c" && !event.shiftKey) { event.preventDefault(); enterProjection(true) }
      return
    }
    /* Reading direction decides which arrow moves forward. */
    var forward = rtl ? "ArrowLeft" : "ArrowRight", backward = rtl ? "ArrowRight" : "ArrowLeft"
    if (event.key === "Escape") leaveProjection()
    else if (event.key === forward) show(current + 1)
    else if (event.key === backward) show(current - 1)
    else if (event.key === "PageDown" || event.key === "ArrowDown" || (event.key === " " && !event.shiftKey)) step(1)
    else if (event.key === "PageUp" || event.key === "ArrowUp" || (event.key === " " && event.shiftKey)) step(-1)
    else if (event.key === "Home") show(0)
    else if (event.key === "End") show(slides.length - 1)
    else return
    event.preventDefault()
    event.stopPropagation()
  }, true)

  /* ---------- The Swedish original side by side, section by section ----------
   * One row per section (the page's language | Swedish), inside the article so it keeps the page's
   * type sizes; in the classroom view each row is a slide. The original comes from the page itself
   * where the offline copy embedded it (<template id="wf-original">: browsers block reading other
   * files from file://), otherwise it is fetched. */
  function sectionsOf(container) {
    var out = [[]]
    Array.prototype.forEach.call(container.children, function (node) {
      if (node.tagName === "H2") out.push([])
      if (node.tagName === "SECTION" && node.classList.contains("wf-slide")) {
        sectionsOf(node).forEach(function (part, i) { if (i === 0) out[out.length - 1] = out[out.length - 1].concat(part); else out.push(part) })
        return
      }
      if (!skipped(node) && !node.classList.contains("wf-notice--compact")) out[out.length - 1].push(node)
    })
    return out
  }

  function originalArticle(url) {
    var embedded = document.getElementById("wf-original")
    if (embedded) {
      var holder = document.createElement("div")
      holder.appendChild(document.importNode(embedded.content, true))
      return Promise.resolve(holder.querySelector("article") || holder)
    }
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(response.status)
      return response.text()
    }).then(function (text) {
      return new DOMParser().parseFromString(text, "text/html").querySelector("article.md-content__inner")
    })
  }

  function showBilingual(button, position) {
    var body = article()
    if (body.querySelector(".wf-bilingual")) return hideBilingual(button)
    var failed = function () {
      button.disabled = true
      button.title = button.getAttribute("data-wf-unavailable") || ""
    }
    originalArticle(button.getAttribute("data-wf-original")).then(function (original) {
      if (!original) throw new Error("no article")
      unwrapSlides()
      var mine = sectionsOf(content()), theirs = sectionsOf(original)
      var grid = document.createElement("div")
      grid.className = "wf-bilingual"
      for (var i = 0; i < Math.max(mine.length, theirs.length); i++) {
        var row = document.createElement("div"), left = document.createElement("div"), right = document.createElement("div")
        row.className = "wf-bilingual__row"
        left.className = "wf-bilingual__cell"; right.className = "wf-bilingual__cell wf-bilingual__cell--sv"
        right.lang = "sv"; right.dir = "ltr"
        ;(mine[i] || []).forEach(function (node) { left.appendChild(node.cloneNode(true)) })
        ;(theirs[i] || []).forEach(function (node) { right.appendChild(document.importNode(node, true)) })
        row.appendChild(left); row.appendChild(right)
        grid.appendChild(row)
      }
      Array.prototype.forEach.call(grid.querySelectorAll(".headerlink, [id], .wf-slide"), function (node) {
        if (node.classList.contains("headerlink")) node.parentNode.removeChild(node)
        else { node.removeAttribute("id"); node.classList.remove("wf-slide"); node.hidden = false }  /* ids stay unique */
      })
      Array.prototype.forEach.call(content().children, function (node) {
        if (!node.classList.contains("wf-tools") && !node.classList.contains("wf-notice") && !node.hidden) {
          node.hidden = true; node.setAttribute("data-wf-bilingual-hidden", "")
        }
      })
      content().appendChild(grid)
      /* wayfinder-segments.js labels each segment with its review state */
      document.dispatchEvent(new CustomEvent("wayfinder:bilingual", { detail: { grid: grid } }))
      button.setAttribute("aria-pressed", "true")
      button.dataset.wfShow = button.textContent
      button.textContent = button.getAttribute("data-wf-hide")
      refreshSlides(position)
    }).catch(failed)
  }

  function hideBilingual(button) {
    unwrapSlides()
    var grid = bilingualGrid()
    if (grid) grid.parentNode.removeChild(grid)
    Array.prototype.forEach.call(document.querySelectorAll("[data-wf-bilingual-hidden]"), function (node) {
      node.hidden = false; node.removeAttribute("data-wf-bilingual-hidden")
    })
    button.setAttribute("aria-pressed", "false")
    if (button.dataset.wfShow) button.textContent = button.dataset.wfShow
    refreshSlides()
  }

  /* ---------- Print: links show their full address on paper ---------- */
  function markLinks() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset a[href]"), function (link) {
      var href = link.getAttribute("href")
      // A phone link prints its number already; "(tel:112)" after it would be noise.
      if (!href || href.charAt(0) === "#" || /^tel:/i.test(href) || link.classList.contains("headerlink")) return
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
      /* Read first (the start of the main area), shown as a bar fixed to the bottom of the screen: it arrives
         after the page is painted, and pushing the article down under the reader's eyes is a layout shift. */
      var main = document.querySelector(".md-main")
      if (main) main.insertBefore(box, main.firstChild)
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
        if (action === "projection") enterProjection(true)
        else if (action === "bilingual") showBilingual(button)
        else if (action === "print") window.print()
      })
    })
    /* The offline copy without the Swedish pages: "read the Swedish original" opens the side-by-side view. */
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest('a[href="#wf-original"]')
      var button = document.querySelector('[data-wf-action="bilingual"]')
      if (!link || !button) return
      event.preventDefault()
      if (!bilingualGrid()) showBilingual(button)
      window.scrollTo(0, 0)
    })
    markLinks()
    suggestLanguage()
    followSearchInput()
    if (stored(STORAGE_KEY) === "1" && article()) enterProjection(true)
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire)
  else wire()
})()
