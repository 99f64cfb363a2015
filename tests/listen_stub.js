// A controlled speechSynthesis for tests/test_listen.py (added with page.add_init_script before any page
// script runs). window.__listenVoices: the voices the "device" has; every speak() is recorded in
// window.__spoken; with window.__listenAuto true an utterance ends by itself, otherwise the test calls
// window.__listenEnd() to end the current one.
(function () {
  var voices = (window.__listenVoices || []).map(function (v) {
    return { name: v.name, lang: v.lang, voiceURI: v.name, default: false, localService: true }
  })
  var listeners = {}, queue = []
  window.__spoken = []
  function fire(utterance, type, extra) {
    var event = new Event(type)
    Object.assign(event, extra || {}, { utterance: utterance })
    if (typeof utterance["on" + type] === "function") utterance["on" + type](event)
  }
  function Utterance(text) { this.text = text; this.lang = ""; this.voice = null; this.rate = 1; this.pitch = 1; this.volume = 1 }
  var synth = {
    speaking: false, pending: false, paused: false,
    getVoices: function () { return voices.slice() },
    addEventListener: function (type, fn) { (listeners[type] = listeners[type] || []).push(fn) },
    removeEventListener: function (type, fn) { listeners[type] = (listeners[type] || []).filter(function (f) { return f !== fn }) },
    speak: function (utterance) {
      window.__spoken.push({ text: utterance.text, lang: utterance.lang, voice: utterance.voice && utterance.voice.lang,
                             voiceName: utterance.voice && utterance.voice.name, rate: utterance.rate })
      queue.push(utterance)
      synth.speaking = true
      setTimeout(function () {
        fire(utterance, "start")
        if (window.__listenAuto) setTimeout(function () { window.__listenEnd() }, 0)
      }, 0)
    },
    cancel: function () {
      var gone = queue
      queue = []
      synth.speaking = false
      gone.forEach(function (u) { fire(u, "error", { error: "interrupted" }) })
    },
    pause: function () { synth.paused = true },
    resume: function () { synth.paused = false },
  }
  window.__listenEnd = function () {
    var utterance = queue.shift()
    synth.speaking = queue.length > 0
    if (utterance) fire(utterance, "end")
  }
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true })
  window.SpeechSynthesisUtterance = Utterance
})()
