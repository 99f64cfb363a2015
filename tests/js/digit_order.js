/* Digit groups that a reader sees out of order: for each group written with spaces, hyphens or dots
 * ("114 14", "010-456 67 00", "1177.se") anywhere in the page's rendered text, the left edges of its
 * parts must increase in reading order. Measures glyph positions (Range.getBoundingClientRect), not markup.
 * Called with an element (default: the body); returns how many groups were measured and [{text, where}] for
 * each group shown out of order. */
((root) => {
  root = root || document.body
  const GROUP = /(?<![\p{L}\p{N}_])(?:\d+(?:[ \u00a0\u202f.\-–]\d+)+|[A-Za-z0-9][A-Za-z0-9.-]*\.(?:se|nu|org|com|eu|net)(?:\/[\w./-]*)?)(?![\p{L}\p{N}_])/gu
  const PART = /[A-Za-z0-9\u0660-\u0669\u06f0-\u06f9]+/g
  const INLINE = new Set(["A", "ABBR", "B", "BDI", "BDO", "CITE", "DFN", "EM", "I", "KBD", "MARK", "Q", "S", "SMALL",
    "SPAN", "STRONG", "SUB", "SUP", "TIME", "U", "VAR", "LABEL"])
  const SKIP = new Set(["SCRIPT", "STYLE", "CODE", "PRE", "TEXTAREA", "NOSCRIPT", "TEMPLATE"])
  function container(node) {
    let element = node.parentElement
    while (element && INLINE.has(element.tagName)) element = element.parentElement
    return element
  }
  function skipped(node) {
    for (let element = node.parentElement; element; element = element.parentElement)
      if (SKIP.has(element.tagName)) return true
    return false
  }
  // The page's text, node by node, with a line break wherever a block changes.
  const nodes = [], starts = []
  let text = "", previous = null
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (skipped(node)) continue
    const block = container(node)
    if (block !== previous) text += "\n"
    previous = block
    nodes.push(node); starts.push(text.length); text += node.data
  }
  function locate(offset) {  // the text node and offset holding global offset `offset`
    let low = 0, high = starts.length - 1
    while (low < high) { const mid = (low + high + 1) >> 1; if (starts[mid] <= offset) low = mid; else high = mid - 1 }
    return [nodes[low], offset - starts[low]]
  }
  function rect(start, end) {
    const range = document.createRange()
    const [a, aOffset] = locate(start), [b, bOffset] = locate(end - 1)
    range.setStart(a, aOffset); range.setEnd(b, bOffset + 1)
    const rects = range.getClientRects()
    return rects.length === 1 ? rects[0] : null  // null: hidden, or wrapped over two lines
  }
  const problems = []
  let checked = 0
  for (const match of text.matchAll(GROUP)) {
    const parts = []
    for (const part of match[0].matchAll(PART)) parts.push(rect(match.index + part.index, match.index + part.index + part[0].length))
    if (parts.length < 2 || parts.some(r => !r || r.width === 0)) continue
    const sameLine = parts.every(r => Math.abs((r.top + r.bottom) / 2 - (parts[0].top + parts[0].bottom) / 2) < r.height / 2)
    if (!sameLine) continue
    checked++
    if (!parts.every((r, i) => i === 0 || r.left > parts[i - 1].left)) {
      const [node] = locate(match.index)
      const element = node.parentElement
      problems.push({ text: match[0], where: element.tagName.toLowerCase() + (element.className ? "." + String(element.className).split(" ")[0] : "") +
        " in " + (element.closest("nav, header, footer, article, aside, [class^=md-search], .md-sidebar") || document.body).className })
    }
  }
  return { checked, problems }
})
