/* Listen: the page read aloud with the device's own voices (speechSynthesis), sentence by sentence, with
 * the sentence highlighted; or the page's recording when no voice speaks the page's language.
 * Plain script, no dependencies, nothing fetched. Markup: overrides/partials/listen.html. */
(function () {
  "use strict"
  var box = document.querySelector(".wf-listen")
  if (!box || box.dataset.wfWired) return /* one control per page, wired once */
  box.dataset.wfWired = "1"
  var synth = window.speechSynthesis || null
  var root = document.documentElement
  var data = box.dataset
  var tags = (data.wfSpeech || data.wfLang || "").split(" ")
  var RATE_KEY = "wayfinder-listen-rate", VOICE_KEY = "wayfinder-listen-voice:" + tags[0]
  var BLOCKS = "h1,h2,h3,h4,h5,h6,p,li,dt,dd,th,td,figcaption,summary"
  var SKIP = ".headerlink,.md-content__button,.wf-tools,.wf-listen,.wf-facts,.wf-notice,.wf-suggestion,.wf-bilingual__cell--sv," +
    "script,style,svg,button,nav,[aria-hidden=true],.md-source-file,.md-feedback"
  var CHUNK = /[^.!?;؟።፧…]+(?:[.!?;؟።፧…]+["'»”)]*|$)\s*/g
  /* Phone numbers read digit by digit: Swedish numbers with an area code (010-456 67 00), the service
   * numbers in 3+2 groups (114 14) and the well-known short numbers; not years or amounts. */
  var PHONE = /(^|[^\w.,])((?:\+46[ -]?|0)\d{1,3}[-–][ ]?\d{2,3}(?:[ ]\d{2,3}){1,3}|(?:\+46[ -]?|0)\d{1,3}[-–]\d{5,8}|0\d{1,3}[ ]\d{2,3}(?:[ ]\d{2,3}){1,3}|1\d\d[ \u00a0]\d\d|116[ \u00a0]?(?:111|006|123)|1177|112|90101)(?![\w]|[ \u00a0]*(?:%|kr|sek|kron|крон|كرون|کرون))/gi
  var AMOUNT_AFTER = /^[ \u00a0]*\d/
  var WORDY = /[\p{L}\p{N}]/u /* a sentence with something to say: letters or digits of any script */

  var $ = function (name) { return box.querySelector('[data-wf-listen="' + name + '"]') }
  var playButton = $("play"), label = playButton.querySelector(".wf-listen__label"), more = box.querySelector(".wf-listen__more")
  var statusLine = $("status"), count = $("count"), help = $("help"), speed = $("speed"), picker = $("voice")
  var sentences = [], index = 0, state = "idle", mode = "speech", generation = 0, audio = null, chapters = []
  var marked = null, highlights = window.CSS && CSS.highlights && window.Highlight ? CSS.highlights : null
  var reduced = window.matchMedia && matchMedia("(prefers-reduced-motion: reduce)").matches

  function stored(key) { try { return localStorage.getItem(key) } catch (e) { return null } }
  function store(key, value) { try { localStorage.setItem(key, value) } catch (e) { /* private mode */ } }

  /* ---------- Voices: only those whose language is one of the page's speech tags ---------- */
  function matches(voiceLang, tag) {
    var v = String(voiceLang || "").replace(/_/g, "-").toLowerCase(), t = tag.toLowerCase()
    if (v === t) return true
    if (v.indexOf(t + "-") !== 0) return false
    /* A bare language ("ku") matches regional voices ("ku-TR"), never another script ("ku-Arab"). */
    return t.indexOf("-") > 0 || !/^[a-z]{4}$/.test(v.split("-")[1])
  }

  function voicesFor(list) {
    var all = synth ? synth.getVoices() : [], out = []
    list.forEach(function (tag) {
      all.forEach(function (voice) { if (matches(voice.lang, tag) && out.indexOf(voice) < 0) out.push(voice) })
    })
    return out
  }

  function whenVoices(callback) {
    if (!synth || synth.getVoices().length) return callback()
    var done = false
    function ready() {
      if (done) return
      done = true
      synth.removeEventListener("voiceschanged", ready)
      callback()
    }
    synth.addEventListener("voiceschanged", ready)
    setTimeout(ready, 1500) /* a browser with no voice at all may never say so */
  }

  function fillPicker() {
    var voices = voicesFor(tags), wanted = stored(VOICE_KEY)
    picker.textContent = ""
    voices.forEach(function (voice) {
      var option = document.createElement("option")
      option.value = voice.voiceURI || voice.name
      option.textContent = voice.name + " (" + voice.lang + ")"
      option.selected = option.value === wanted
      picker.appendChild(option)
    })
    picker.parentNode.hidden = voices.length < 2
    return voices
  }

  function voiceFor(lang) {
    if (lang === data.wfLang) {
      var voices = voicesFor(tags)
      return voices.filter(function (v) { return (v.voiceURI || v.name) === picker.value })[0] || voices[0]
    }
    return voicesFor([lang])[0] /* a passage in another language (lang="sv") needs a voice of that language */
  }

  /* ---------- What is read: the article's own text, block by block, cut into sentences ---------- */
  function scope() {
    var article = document.querySelector("article.md-content__inner")
    return root.classList.contains("wf-projection") && article && article.querySelector(".wf-slide:not([hidden])") || article
  }

  function langOf(node) {
    var owner = node.closest("[lang]")
    return owner ? owner.getAttribute("lang") : root.lang
  }

  function ownText(block) {
    /* Text nodes whose nearest block is `block` (a list item's own text, not its nested list's). */
    var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT), nodes = [], node
    while ((node = walker.nextNode())) {
      var parent = node.parentElement
      var skipped = parent.closest(SKIP)
      if (parent.closest(BLOCKS) === block && !(skipped && block.contains(skipped))) nodes.push(node)
    }
    return nodes
  }

  function spell(number) {
    /* "114 14" -> "1 1 4, 1 4": each digit alone, a pause between the groups, in the page's language. */
    return number.match(/\d+/g).map(function (group) { return group.split("").join(" ") }).join(", ")
  }

  function speakable(pieces) {
    return pieces.map(function (piece) {
      if (piece.phone) return piece.text.replace(/\d[\d \u00a0\-–]*\d|\d/g, spell)
      return piece.text.replace(PHONE, function (all, before, number, offset, whole) {
        return AMOUNT_AFTER.test(whole.slice(offset + all.length)) ? all : before + spell(number)
      })
    }).join("").replace(/\s+/g, " ").trim()
  }

  function sentencesOf(block) {
    var nodes = ownText(block), text = "", starts = []
    nodes.forEach(function (node) { starts.push(text.length); text += node.data })
    if (!WORDY.test(text)) return []
    var lang = langOf(block), cuts = []
    if (window.Intl && Intl.Segmenter) {
      var segments = new Intl.Segmenter(lang, { granularity: "sentence" }).segment(text)
      for (var it = segments[Symbol.iterator](), step; !(step = it.next()).done;) cuts.push([step.value.index, step.value.index + step.value.segment.length])
    } else {
      text.replace(CHUNK, function (part, offset) { if (part) cuts.push([offset, offset + part.length]) })
    }
    function at(offset, end) { /* a text offset as (node, offset in node) for a DOM range */
      for (var i = 0; i < nodes.length; i++) {
        var from = starts[i], to = from + nodes[i].data.length
        if (end ? offset > from && offset <= to : offset >= from && offset < to) return [nodes[i], offset - from]
      }
      return [nodes[nodes.length - 1], nodes[nodes.length - 1].data.length]
    }
    return cuts.map(function (cut) {
      var pieces = []
      nodes.forEach(function (node, i) {
        var from = Math.max(cut[0], starts[i]), to = Math.min(cut[1], starts[i] + node.data.length)
        if (from < to) pieces.push({ text: node.data.slice(from - starts[i], to - starts[i]), phone: !!node.parentElement.closest(".wf-phone,a[href^='tel:']") })
      })
      var shown = text.slice(cut[0], cut[1]).trim()
      var lead = text.slice(cut[0], cut[1]).length - text.slice(cut[0], cut[1]).replace(/^\s+/, "").length
      return { block: block, lang: lang, text: shown, spoken: speakable(pieces), start: at(cut[0] + lead), end: at(cut[0] + lead + shown.length, true) }
    }).filter(function (s) { return WORDY.test(s.text) })
  }

  function collect() {
    var area = scope()
    if (!area) return []
    var notices = [], first = [], urgent = [], rest = []
    /* The machine-translation (or outdated) notice once, briefly: its title only. */
    Array.prototype.forEach.call(area.querySelectorAll(".wf-notice--machine .admonition-title, .wf-notice--outdated .admonition-title"), function (title) {
      if (!title.closest("[hidden]")) notices = notices.concat(sentencesOf(title))
    })
    Array.prototype.forEach.call(area.querySelectorAll(BLOCKS), function (block) {
      if (block.closest(SKIP) || block.closest("[hidden]")) return
      var found = sentencesOf(block)
      if (/^H1$/.test(block.tagName) && !rest.length && !urgent.length) first = first.concat(found)
      else if (block.closest(".admonition.danger")) urgent = urgent.concat(found) /* the emergency box first */
      else rest = rest.concat(found)
    })
    return notices.concat(first, urgent, rest)
  }

  /* ---------- Showing where we are ---------- */
  function mark(block, range) {
    if (marked && marked !== block) marked.classList.remove("wf-listen-current")
    if (highlights) highlights.delete("wf-listen")
    marked = block
    if (!block) return
    block.classList.add("wf-listen-current")
    if (range && highlights) highlights.set("wf-listen", new Highlight(range))
    var box = block.getBoundingClientRect()
    if (box.top < 0 || box.bottom > window.innerHeight) block.scrollIntoView({ block: "center", behavior: reduced ? "auto" : "smooth" })
  }

  function rangeOf(sentence) {
    try {
      var range = document.createRange()
      range.setStart(sentence.start[0], sentence.start[1])
      range.setEnd(sentence.end[0], sentence.end[1])
      return range
    } catch (e) { return null }
  }

  function say(message) { statusLine.textContent = message || "" }

  function setState(next) {
    state = next
    var playing = next === "playing"
    label.textContent = playing ? data.wfPause : next === "paused" ? data.wfResume : data.wfPlay
    more.hidden = next === "idle"
    box.classList.toggle("wf-listen--active", next !== "idle")
  }

  /* ---------- Speaking ---------- */
  function rate() { return parseFloat(speed.value) || 0.8 }

  function speakCurrent() {
    silence() /* whatever is still being said: a new sentence is chosen */
    var mine = generation
    while (index < sentences.length && (!voiceFor(sentences[index].lang) || sentences[index].block.closest("[hidden]"))) index++
    var sentence = sentences[index]
    if (!sentence) return finish()
    count.textContent = (index + 1) + " / " + sentences.length
    mark(sentence.block, rangeOf(sentence))
    var utterance = new SpeechSynthesisUtterance(sentence.spoken)
    utterance.lang = sentence.lang
    utterance.voice = voiceFor(sentence.lang)
    utterance.rate = rate()
    utterance.onend = function () { if (mine === generation && state === "playing") { index++; speakCurrent() } }
    utterance.onerror = function (event) {
      if (mine === generation && state === "playing" && event.error !== "interrupted" && event.error !== "canceled") { index++; speakCurrent() }
    }
    synth.speak(utterance)
  }

  function silence() { generation++; if (synth) synth.cancel() }

  function finish() {
    silence()
    if (audio) audio.pause()
    mark(null)
    index = 0
    count.textContent = ""
    setState("idle")
    say(data.wfFinished)
  }

  function stop() {
    silence()
    if (audio) { audio.pause(); audio.currentTime = 0 }
    mark(null)
    index = 0
    count.textContent = ""
    setState("idle")
    say(data.wfStopped)
  }

  function start() {
    help.hidden = true
    if (mode === "audio") {
      audio.playbackRate = rate()
      var playing = audio.play()
      if (playing && playing.catch) playing.catch(function () { stop() })
      setState("playing")
      say(data.wfRecorded)
      return
    }
    setState("playing")
    say(data.wfReading)
    speakCurrent()
  }

  function pause() {
    if (mode === "audio") audio.pause()
    else silence() /* cancel and start the sentence again on resume: pause() is unreliable on Android */
    setState("paused")
    say(data.wfPaused)
  }

  function move(step) {
    if (mode === "audio") return moveChapter(step)
    index = Math.max(0, Math.min(sentences.length - 1, index + step))
    if (state === "playing") speakCurrent()
    else if (sentences[index]) { mark(sentences[index].block, rangeOf(sentences[index])); count.textContent = (index + 1) + " / " + sentences.length }
  }

  /* ---------- The recording, with chapters at the headings ---------- */
  function openRecording() {
    if (!audio) {
      audio = document.createElement("audio") /* in the control, so assistive technology and tests find it */
      audio.preload = "metadata"
      audio.src = data.wfAudio
      box.appendChild(audio)
      chapters = JSON.parse(data.wfChapters || "[]")
      audio.addEventListener("timeupdate", function () {
        var chapter = currentChapter(), heading = chapter >= 0 && document.getElementById(chapters[chapter].id)
        if (heading && heading !== marked) mark(heading)
        count.textContent = chapters.length && chapter >= 0 ? (chapter + 1) + " / " + chapters.length : ""
      })
      audio.addEventListener("ended", finish)
      audio.addEventListener("error", function () { stop(); showHelp() })
    }
    mode = "audio"
  }

  function currentChapter() {
    var found = -1
    chapters.forEach(function (chapter, i) { if (audio.currentTime + 0.25 >= chapter.start) found = i })
    return found
  }

  function moveChapter(step) {
    if (!chapters.length) { audio.currentTime = Math.max(0, audio.currentTime + step * 10); return }
    var chapter = currentChapter()
    /* Back within the first seconds of a chapter goes to the one before, as media players do. */
    if (step < 0 && chapter >= 0 && audio.currentTime - chapters[chapter].start > 3) step = 0
    var target = Math.max(0, Math.min(chapters.length - 1, chapter + step))
    audio.currentTime = chapters[target].start
  }

  /* ---------- No voice for the page's language ---------- */
  function showHelp() {
    setState("idle")
    help.hidden = false
    say(data.wfNoVoice)
    box.classList.add("wf-listen--no-voice")
  }

  function play() {
    if (state === "playing") return pause()
    if (state === "paused") return start()
    whenVoices(function () {
      var voices = fillPicker()
      if (voices.length && synth) {
        mode = "speech"
        sentences = collect()
        index = 0
        start()
      } else if (data.wfAudio) {
        openRecording()
        start()
      } else showHelp()
    })
  }

  function restart() { if (state === "playing" && mode === "speech") speakCurrent() }

  /* ---------- Classroom view: the control floats over the slides and reads the slide shown ---------- */
  var home = document.createComment("wf-listen")
  box.parentNode.insertBefore(home, box)
  new MutationObserver(function () {
    var projecting = root.classList.contains("wf-projection")
    if (projecting === box.classList.contains("wf-listen--floating")) return
    if (state !== "idle") stop()
    box.classList.toggle("wf-listen--floating", projecting)
    box.classList.toggle("md-typeset", projecting) /* Material's button styles, outside the article */
    if (projecting) document.body.appendChild(box)
    else home.parentNode.insertBefore(box, home.nextSibling)
  }).observe(root, { attributes: true, attributeFilter: ["class"] })

  /* ---------- Wiring ---------- */
  playButton.addEventListener("click", play)
  $("stop").addEventListener("click", stop)
  $("previous").addEventListener("click", function () { move(-1) })
  $("next").addEventListener("click", function () { move(1) })
  speed.value = stored(RATE_KEY) || speed.value
  speed.addEventListener("change", function () {
    store(RATE_KEY, speed.value)
    if (audio && mode === "audio") audio.playbackRate = rate()
    restart()
  })
  picker.addEventListener("change", function () { store(VOICE_KEY, picker.value); restart() })
  var recorded = $("recording")
  if (recorded) recorded.addEventListener("click", function () {
    if (state !== "idle") stop()
    openRecording()
    start()
  })
  if (synth) whenVoices(fillPicker)
  window.addEventListener("pagehide", function () { silence() })
  box.hidden = false
  /* Arriving from a translation's "listen to the Swedish original": the control is ready under the finger. */
  if (location.hash === "#wf-listen") {
    box.classList.add("wf-listen--invited")
    playButton.focus()
    /* The browser's own move to the #fragment comes later, and takes the focus with it. */
    window.addEventListener("load", function () { setTimeout(function () { playButton.focus() }) })
  }
})()
