// Material for MkDocs 9.8 content (partials/javascripts/content.html), moved from an inline <script> into a
// file so the Content-Security-Policy needs no 'unsafe-inline' (overrides/partials/javascripts/content.html).
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
