/* Wayfinder: when Material's bundle starts (issue 19).
 *
 * Material's bundle (search, the header's title on scroll, the table of contents that follows the reader,
 * back to top, the colour toggle) costs a cheap phone about half a second of main-thread work, and none of it
 * is needed to read a page: Material's page without JavaScript already has a working drawer, language list
 * and links. So on a narrow screen the bundle starts on the reader's first touch, key press, focus move,
 * mouse or wheel movement, or when the screen turns wide; on a wide screen (desktop, a teacher's projector),
 * or when the address asks for a search (?q=) or highlighted terms (?h=), it starts at once. Either way it is fetched and run like the
 * deferred scripts it replaces (same file, same origin: the Content-Security-Policy is unchanged).
 *
 * Material starts on DOMContentLoaded (its `document$`). When the bundle runs after that event it is given
 * one more; the page's own scripts never listen for a second one (they run at once when the page is
 * parsed). When it arrives before the event (a tap while the page's last deferred scripts are still on
 * their way), it is given nothing: it gets the real one. A key that started the bundle is handed to it
 * again, so "/" or "s" still open the search.
 * The root's `js` class, which the bundle sets first, is already set before the first paint
 * (overrides/partials/javascripts/palette.html). */
(function () {
  "use strict"
  var me = document.currentScript
  var src = me && me.getAttribute("data-wf-material")
  if (!src) return

  var TRIGGERS = ["pointerdown", "touchstart", "keydown", "focusin", "mousemove", "wheel"]
  /* Deferred, this runs after the page is parsed but before DOMContentLoaded (readyState is already
     "interactive" then): the event is still to come unless the page has finished loading. */
  var contentLoaded = document.readyState === "complete"
  var started = false
  if (!contentLoaded) document.addEventListener("DOMContentLoaded", function () { contentLoaded = true }, { once: true })

  function editable(node) {
    return node && (node.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(node.tagName))
  }

  function start(event) {
    if (started) return
    started = true
    TRIGGERS.forEach(function (type) { window.removeEventListener(type, start, true) })
    var key = event && event.type === "keydown" && !editable(event.target) && !event.ctrlKey && !event.metaKey
      ? { key: event.key, code: event.code, shiftKey: event.shiftKey, altKey: event.altKey, bubbles: true } : null
    var script = document.createElement("script")
    script.src = src
    script.async = false
    function handOverKey() {
      if (key) (document.activeElement || document.body).dispatchEvent(new KeyboardEvent("keydown", key))
    }
    script.onload = function () {
      if (contentLoaded) {
        document.dispatchEvent(new Event("DOMContentLoaded"))
        handOverKey()
      } else {
        /* Arrived before the page's last deferred script (a slow connection): Material starts on the real
           event, and the key waits until it has. */
        document.addEventListener("DOMContentLoaded", function () { setTimeout(handOverKey) }, { once: true })
      }
    }
    document.body.appendChild(script)
  }

  var wide = window.matchMedia("(min-width: 60em)")
  if (wide.matches || /[?&][qh]=/.test(location.search)) return start()
  TRIGGERS.forEach(function (type) { window.addEventListener(type, start, { capture: true, passive: true }) })
  if (wide.addEventListener) wide.addEventListener("change", function () { start() }, { once: true })
})()
