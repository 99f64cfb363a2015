"""Safety without a browser (issue 13): isolation of digit groups in every place text is copied to,
escaping of what the theme prints, and refusals of the build for what check.py refuses."""
import os
import re
import subprocess
import sys

from conftest import copy_project, run_mkdocs_build, small_project
from wayfinder.bidi import LRI, PDI, isolate_page
from wayfinder.glossary import Entry, render_markdown
from wayfinder.search_index import language_entries

import check


def test_isolate_page_covers_navigation_and_title_but_not_code_or_attributes():
    html = ('<html><head><title>114 14 – الشرطة</title></head><body>'
            '<nav><span class="md-ellipsis">معلومات السموم – 010-456 67 00</span></nav>'
            '<a href="tel:11414" title="114 14">114 14</a><code>114 14</code>'
            '<p><bdi class="wf-number" dir="ltr">113 13</bdi> و 1177.se</p></body></html>')
    out = isolate_page(html)
    assert f"<title>{LRI}114 14{PDI} – الشرطة</title>" in out
    assert '<span class="md-ellipsis">معلومات السموم – <bdi dir="ltr">010-456 67 00</bdi></span>' in out
    assert '<a href="tel:11414" title="114 14"><bdi dir="ltr">114 14</bdi></a>' in out
    assert "<code>114 14</code>" in out  # code is laid out left to right already
    assert out.count("113 13") == 1 and "<bdi dir=\"ltr\"><bdi" not in out  # isolated once
    assert '<bdi dir="ltr">1177.se</bdi>' in out


def test_isolation_goes_on_after_an_inline_script_that_compares_with_less_than():
    html = ('<html><body><script>for(var i=0;i<n.length;i++)x(i)</script><style>a<b{}</style>'
            '<p>تم التحقق: <time datetime="2026-11-29">2026-11-29</time></p></body></html>')
    out = isolate_page(html)
    assert "<script>for(var i=0;i<n.length;i++)x(i)</script>" in out
    assert '<time datetime="2026-11-29"><bdi dir="ltr">2026-11-29</bdi></time>' in out


def test_search_entries_of_rtl_languages_isolate_numbers_and_addresses():
    entries = [{"location": "ar/start/viktiga-nummer/#x", "title": "114 14 – الشرطة", "text": "<p>اتصل 010-456 67 00 أو 1177.se</p>"}]
    rtl = language_entries(entries, "ar/", set(), isolate=True)[0]
    assert rtl["title"] == '<bdi dir="ltr">114 14</bdi> – الشرطة'
    assert rtl["text"] == '<p>اتصل <bdi dir="ltr">010-456 67 00</bdi> أو <bdi dir="ltr">1177.se</bdi></p>'
    assert language_entries(entries, "ar/", set())[0]["text"] == entries[0]["text"]


def test_glossary_text_is_escaped_into_the_markdown():
    entry = Entry("tolk", "tolk <b>", 'A person & "friend" <img src=x onerror=alert(1)>', "<i>tolk</i>")
    markdown = render_markdown({"tolk": entry}, 'Swedish "word"')
    assert "<img" not in markdown and "<i>" not in markdown and "<b>" not in markdown
    assert "&lt;img src=x onerror=alert(1)&gt;" in markdown and 'title="Swedish &quot;word&quot;"' in markdown


def test_markup_in_an_interface_string_is_refused_with_its_line(tmp_path, capsys):
    project = copy_project(tmp_path / "wayfinder")
    locale = project / "locales" / "en.yml"
    lines = locale.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.strip().startswith("page.sources:"))
    lines[number] = "  page.sources: <img src=x onerror=alert(1)>Sources"
    locale.write_text("\n".join(lines), encoding="utf-8")
    assert check.main(["--root", str(project)]) == 1
    out = capsys.readouterr().out
    assert f"locales/en.yml:{number + 1}: error: interface string 'ui.page.sources' contains markup" in out


def test_the_build_refuses_a_bidi_override_and_a_broken_date(tmp_path):
    project = small_project(tmp_path / "wayfinder", languages=("ar",))
    page = project / "content" / "start" / "viktiga-nummer.ar.md"
    text = page.read_text(encoding="utf-8")
    number = "{{fact:phone.healthcare-advice}}"  # 1177, a fact since issue #14
    assert number in text
    page.write_text(text.replace(number, f"\u202e{number}\u202c", 1), encoding="utf-8")
    source = project / "content" / "vard" / "avgifter.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(re.sub(r"\nreviewed: [0-9-]+", "\nreviewed: 2026-13-45", text, count=1), encoding="utf-8")
    result = run_mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert "content/start/viktiga-nummer.ar.md:" in output and "U+202E (RIGHT-TO-LEFT OVERRIDE)" in output
    assert "content/vard/avgifter.md:" in output and "'2026-13-45' is not a real date" in output
    assert not (tmp_path / "site" / "vard").exists()


def test_titles_and_descriptions_print_as_text(tmp_path):
    """Defence in depth behind check.py: what passes the checks (quotes, ampersands) is escaped everywhere
    the theme prints it — the header, the navigation, the <title> and the description <meta>."""
    project = small_project(tmp_path / "wayfinder", languages=("en",))
    page = project / "content" / "vard" / "tolk.md"
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"\ntitle: [^\n]*", '\ntitle: Tolk & "tolkar"', text, count=1)
    text = re.sub(r"\ndescription: [^\n]*", '\ndescription: \'Om "tolk" & annat\'', text, count=1)
    page.write_text(text, encoding="utf-8")
    # --no-strict: the small tree has no home page (conftest.small_project)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--no-strict", "--site-dir", str(tmp_path / "site")], cwd=project,
                            env=dict(os.environ, WAYFINDER_LANGUAGE="sv", NO_MKDOCS_2_WARNING="1", WAYFINDER_COMPRESS="0"),
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    html = (tmp_path / "site" / "vard" / "tolk" / "index.html").read_text(encoding="utf-8")
    escaped_title = re.escape("Tolk &amp; ") + "(&#34;|&quot;)tolkar(&#34;|&quot;)"
    assert re.search(r"<title>" + escaped_title, html), "title"
    assert re.search(r'class="md-ellipsis">\s*' + escaped_title, html), "navigation"
    assert len(re.findall(escaped_title, html)) >= 3, "title, header and navigation"
    assert re.search(r'<meta name="description" content="Om (&#34;|&quot;)tolk(&#34;|&quot;) &amp; annat">', html)
    assert 'Tolk & "tolkar"' not in html.split("</title>", 1)[1]


def test_the_swedish_lines_of_a_kept_swedish_box_are_marked_swedish_and_left_to_right():
    from wayfinder.kept_swedish import mark_swedish_lines
    html = ('<h1>بطاقة</h1><div class="admonition note keep-swedish"><p class="admonition-title">بطاقة اللغة</p>'
            '<p><strong>Jag behöver en tolk.</strong></p><p>Mitt språk är: arabiska</p><p>معنى البطاقة: «أحتاج إلى مترجم»</p>'
            '</div><p>Jag står utanför boxen.</p>')
    marked = mark_swedish_lines(html, "sv")
    assert marked.count('lang="sv" dir="ltr"') == 2
    assert '<p lang="sv" dir="ltr"><strong>Jag behöver en tolk.</strong></p>' in marked
    assert '<p class="admonition-title">بطاقة اللغة</p>' in marked and "<p>معنى البطاقة" in marked
    assert marked.endswith("<p>Jag står utanför boxen.</p>")  # only inside the box
