/* Wayfinder search text normalisation, shared by the search worker (index and queries) and tests.
 * The same rules as scripts/wayfinder/search_text.py (a test keeps the two identical):
 * - Arabic-script variants typed on Arabic vs Persian keyboards become one form (ي/ى→ی, ك→ک, ة→ه,
 *   ۀ→ه, alef forms→ا), tatweel, tashkeel, zero-width (non-)joiners and bidi controls (pasted text) are removed;
 * - Arabic-Indic and Persian digits become 0-9 (phone numbers are indexed in Western digits);
 * - Ethiopic punctuation separates words;
 * - accents are folded (å→a, ş→s, й→и) so a reader without a Swedish keyboard finds «vårdcentral»;
 * - lower case. */
(function (scope) {
  "use strict"
  var MAP = {
    "\u064A": "\u06CC", "\u0649": "\u06CC", "\u0643": "\u06A9", "\u0629": "\u0647", "\u06C0": "\u0647",
    "\u0671": "\u0627", "\u0111": "d", "\u0110": "d", "\u0131": "i", "\u00DF": "ss"
  }
  var MAPPED = /[\u064A\u0649\u0643\u0629\u06C0\u0671\u0111\u0110\u0131\u00DF]/g
  var REMOVED = /[\u0640\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF\u061C\u00AD]/g
  var ETHIOPIC_PUNCTUATION = /[\u1361-\u1368]/g
  var MARKS = /[\u0300-\u036F\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]/g

  function digits(text) {
    return text.replace(/[\u0660-\u0669]/g, function (d) { return String(d.charCodeAt(0) - 0x0660) })
               .replace(/[\u06F0-\u06F9]/g, function (d) { return String(d.charCodeAt(0) - 0x06F0) })
  }

  function normalize(text) {
    text = text.replace(MAPPED, function (c) { return MAP[c] })
    text = text.normalize("NFD").replace(MARKS, "").normalize("NFC")
    text = text.replace(REMOVED, "").replace(ETHIOPIC_PUNCTUATION, " ")
    return digits(text).toLowerCase()
  }

  scope.wayfinderNormalize = normalize
})(typeof self !== "undefined" ? self : this)
