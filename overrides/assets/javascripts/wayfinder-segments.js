/* Wayfinder: the review state of each segment in the side-by-side view (issue #16).
 * The page carries its segments' kinds and states in `.wf-segments` (overrides/partials/segments.html);
 * when wayfinder.js shows the Swedish original beside the translation, each translated block (heading,
 * paragraph, list item, table cell, box title) gets a label — machine / translated / reviewed / outdated —
 * and, unless reviewed, a link to edit the file. Blocks are matched to segments in reading order by kind;
 * if they cannot all be matched, no label is shown rather than a wrong one. */
(function () {
  "use strict"

  function family(kind) {
    var last = kind.split(">").pop()
    if (/^h[1-6]$/.test(last)) return last
    if (last.indexOf("admonition-title") === 0) return "title"
    if (last === "td" || last === "th" || last === "li") return last
    return "p"
  }

  function familyOf(node) {
    var tag = node.tagName.toLowerCase()
    if (node.classList.contains("admonition-title")) return "title"
    return /^h[1-6]$/.test(tag) || tag === "li" || tag === "td" || tag === "th" ? tag : "p"
  }

  function blocks(grid) {
    var out = []
    Array.prototype.forEach.call(grid.querySelectorAll(".wf-bilingual__cell:not(.wf-bilingual__cell--sv)"), function (cell) {
      Array.prototype.forEach.call(cell.querySelectorAll("h1,h2,h3,h4,h5,h6,p,li,th,td"), function (node) {
        /* a list item's first paragraph is the list item's segment */
        if (node.tagName === "P" && node.parentNode.tagName === "LI" && node.parentNode.querySelector("p") === node) return
        if (node.closest(".wf-lesson, .wf-notice, .wf-tools, .wf-suggestion, .md-source-file, nav")) return
        out.push(node)
      })
    })
    return out
  }

  document.addEventListener("wayfinder:bilingual", function (event) {
    var data = document.querySelector(".wf-segments")
    if (!data) return
    var segments = JSON.parse(data.getAttribute("data-wf-segments"))
    var labels = JSON.parse(data.getAttribute("data-wf-labels"))
    var edit = data.getAttribute("data-wf-edit")
    var nodes = blocks(event.detail.grid), matches = [], n = 0
    for (var i = 0; i < segments.length; i++) {
      while (n < nodes.length && familyOf(nodes[n]) !== family(segments[i].k)) n++  /* blocks the build adds */
      if (n >= nodes.length) return
      matches.push([nodes[n++], segments[i]])
    }
    matches.forEach(function (match) {
      var node = match[0], segment = match[1]
      var badge = document.createElement("span")
      badge.className = "wf-seg wf-seg--" + segment.s
      badge.setAttribute("data-wf-state", segment.s)
      badge.textContent = labels[segment.s] || segment.s
      if (edit && segment.s !== "reviewed") {
        var link = document.createElement("a")
        link.className = "wf-seg__edit"
        link.href = edit
        link.textContent = labels.edit
        link.title = labels.edit + " (" + segment.l + ")"
        badge.appendChild(document.createTextNode(" · "))
        badge.appendChild(link)
      }
      node.classList.add("wf-seg-block", "wf-seg-block--" + segment.s)
      node.appendChild(badge)
    })
  })
})()
