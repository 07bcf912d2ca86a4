/*
 * The viewer (index.html): one slide at a time in an <iframe> of
 * slides/N.html, scaled to fit the window, with keys, buttons, a slide
 * number, speaker notes and deep links (#3). The deck's data sits in the
 * page as JSON so the viewer works from file:// without fetching.
 *
 * Slides talk to the viewer by postMessage (assets/ppj-slide.js): a click
 * on a slide link and the navigation keys pressed inside the frame.
 */
#include <string.h>

#include "render-int.h"

const char render_slide_js[] =
	"/* ppj: slide page helper. Date fields show today's date; inside "
	"the viewer, slide links and keys go to it. */\n"
	"(function () {\n"
	"  var now = new Date();\n"
	"  function part(lang, o) {\n"
	"    return now.toLocaleString(lang, o);\n"
	"  }\n"
	"  function date(f, lang) {\n"
	"    var d = now.getDate(), y = now.getFullYear(), yy = "
	"String(y).slice(-2);\n"
	"    var mon = part(lang, {month: 'long'}), mo = part(lang, "
	"{month: 'short'});\n"
	"    var day = now.toLocaleDateString(lang);\n"
	"    var hm = {hour: 'numeric', minute: '2-digit'};\n"
	"    var hms = {hour: 'numeric', minute: '2-digit', second: "
	"'2-digit'};\n"
	"    var h24 = {hourCycle: 'h23'}, h12 = {hour12: true};\n"
	"    function t(o, c) { return now.toLocaleTimeString(lang, "
	"Object.assign({}, o, c)); }\n"
	"    switch (f) {\n"
	"    case 2: return now.toLocaleDateString(lang, {weekday: 'long', "
	"year: 'numeric', month: 'long', day: 'numeric'});\n"
	"    case 3: return d + ' ' + mon + ' ' + y;\n"
	"    case 4: return mon + ' ' + d + ', ' + y;\n"
	"    case 5: return d + '-' + mo + '-' + yy;\n"
	"    case 6: return mon + ' ' + yy;\n"
	"    case 7: return mo + '-' + yy;\n"
	"    case 8: return day + ' ' + t(hm, h12);\n"
	"    case 9: return day + ' ' + t(hms, h12);\n"
	"    case 10: return t(hm, h24);\n"
	"    case 11: return t(hms, h24);\n"
	"    case 12: return t(hm, h12);\n"
	"    case 13: return t(hms, h12);\n"
	"    default: return day;\n"
	"    }\n"
	"  }\n"
	"  document.querySelectorAll('[data-date]').forEach(function (e) {\n"
	"    var l = e.closest('[lang]');\n"
	"    try {\n"
	"      e.textContent = date(+e.getAttribute('data-date'), "
	"l ? l.lang : undefined);\n"
	"    } catch (x) {\n"
	"      e.textContent = date(+e.getAttribute('data-date'));\n"
	"    }\n"
	"  });\n"
	"  if (window.parent === window) return;\n"
	"  document.addEventListener('click', function (e) {\n"
	"    var a = e.target.closest ? e.target.closest('a[data-slide]') :"
	" null;\n"
	"    if (!a) return;\n"
	"    e.preventDefault();\n"
	"    window.parent.postMessage({ppjSlide: +a.getAttribute("
	"'data-slide')}, '*');\n"
	"  });\n"
	"  document.addEventListener('keydown', function (e) {\n"
	"    window.parent.postMessage({ppjKey: e.key}, '*');\n"
	"  });\n"
	"})();\n";

static const char viewer_css[] =
	"html,body{margin:0;height:100%;background:#222;color:#eee;"
	"font:14px sans-serif;overflow:hidden}\n"
	"#stage{position:absolute;left:0;top:0;right:0;bottom:44px;"
	"overflow:hidden}\n"
	"#frame{position:absolute;border:0;background:#fff;"
	"transform-origin:0 0}\n"
	"#bar{position:absolute;left:0;right:0;bottom:0;height:44px;"
	"display:flex;align-items:center;justify-content:center;gap:8px}\n"
	"#bar button{font:inherit;padding:4px 12px}\n"
	"#num{width:3em;text-align:right;font:inherit}\n"
	"#notes{display:none;position:absolute;left:0;right:0;bottom:44px;"
	"max-height:40%;overflow:auto;background:#111;padding:8px 16px;"
	"white-space:pre-wrap}\n"
	"body.notes #notes{display:block}\n";

static const char viewer_js[] =
	"(function () {\n"
	"  var D = JSON.parse(document.getElementById('ppj-data')"
	".textContent);\n"
	"  var S = D.slides, cur = 0;\n"
	"  var frame = document.getElementById('frame');\n"
	"  var num = document.getElementById('num');\n"
	"  var notes = document.getElementById('notes');\n"
	"  frame.style.width = D.width + 'px';\n"
	"  frame.style.height = D.height + 'px';\n"
	"  document.getElementById('count').textContent = ' / ' + S.length;\n"
	"  function fit() {\n"
	"    var st = document.getElementById('stage');\n"
	"    var w = st.clientWidth, h = st.clientHeight;\n"
	"    var k = Math.min(w / D.width, h / D.height);\n"
	"    frame.style.transform = 'scale(' + k + ')';\n"
	"    frame.style.left = ((w - D.width * k) / 2) + 'px';\n"
	"    frame.style.top = ((h - D.height * k) / 2) + 'px';\n"
	"  }\n"
	"  function show(i) {\n"
	"    if (!S.length) return;\n"
	"    i = Math.max(0, Math.min(S.length - 1, i));\n"
	"    cur = i;\n"
	"    frame.src = S[i].file;\n"
	"    num.value = S[i].number;\n"
	"    notes.textContent = S[i].notes || '(no notes)';\n"
	"    document.title = (S[i].title || ('Slide ' + S[i].number)) +"
	" (D.title ? ' - ' + D.title : '');\n"
	"    if (location.hash !== '#' + S[i].number)\n"
	"      history.replaceState(null, '', '#' + S[i].number);\n"
	"  }\n"
	"  function step(d) {\n"
	"    for (var i = cur + d; i >= 0 && i < S.length; i += d)\n"
	"      if (!S[i].hidden) { show(i); return; }\n"
	"  }\n"
	"  function go(n) {\n"
	"    for (var i = 0; i < S.length; i++)\n"
	"      if (S[i].number === n) { show(i); return; }\n"
	"  }\n"
	"  function first(d) {\n"
	"    var i = d > 0 ? 0 : S.length - 1;\n"
	"    for (; i >= 0 && i < S.length; i += d)\n"
	"      if (!S[i].hidden) { show(i); return; }\n"
	"    show(d > 0 ? 0 : S.length - 1);\n"
	"  }\n"
	"  function key(k) {\n"
	"    if (k === 'ArrowRight' || k === 'ArrowDown' || k === 'PageDown'"
	" || k === ' ' || k === 'Spacebar') step(1);\n"
	"    else if (k === 'ArrowLeft' || k === 'ArrowUp' || k === 'PageUp')"
	" step(-1);\n"
	"    else if (k === 'Home') first(1);\n"
	"    else if (k === 'End') first(-1);\n"
	"    else if (k === 'n' || k === 'N') toggleNotes();\n"
	"    else return false;\n"
	"    return true;\n"
	"  }\n"
	"  function toggleNotes() {\n"
	"    document.body.classList.toggle('notes');\n"
	"  }\n"
	"  document.addEventListener('keydown', function (e) {\n"
	"    if (e.target === num) return;\n"
	"    if (key(e.key)) e.preventDefault();\n"
	"  });\n"
	"  window.addEventListener('message', function (e) {\n"
	"    var m = e.data || {};\n"
	"    if (typeof m.ppjSlide === 'number') go(m.ppjSlide);\n"
	"    else if (typeof m.ppjKey === 'string') key(m.ppjKey);\n"
	"  });\n"
	"  function byId(id) { return document.getElementById(id); }\n"
	"  byId('prev').onclick = function () { step(-1); };\n"
	"  byId('next').onclick = function () { step(1); };\n"
	"  document.getElementById('nt').onclick = toggleNotes;\n"
	"  num.addEventListener('change', function () { go(+num.value); });\n"
	"  window.addEventListener('resize', fit);\n"
	"  window.addEventListener('hashchange', function () {\n"
	"    var n = parseInt(location.hash.slice(1), 10);\n"
	"    if (n && (!S[cur] || S[cur].number !== n)) go(n);\n"
	"  });\n"
	"  fit();\n"
	"  var h = parseInt(location.hash.slice(1), 10);\n"
	"  if (h) go(h); else first(1);\n"
	"})();\n";

/* The deck's data for the viewer, safe inside a <script> element. */
static void viewer_data(struct rctx *c, struct ppj_buf *b)
{
	const struct ppj_deck *d = c->deck;

	ppj_buf_printf(b, "{\"width\": %d, \"height\": %d, \"title\": \"",
		       (int)((d->width + PPJ_EMU_PER_PX / 2) / PPJ_EMU_PER_PX),
		       (int)((d->height + PPJ_EMU_PER_PX / 2) /
			     PPJ_EMU_PER_PX));
	render_json_str(b, d->title);
	ppj_buf_adds(b, "\", \"slides\": [");
	for (size_t i = 0; i < d->nslides; i++) {
		const struct ppj_slide *sl = &d->slides[i];

		ppj_buf_printf(b, "%s\n{\"number\": %d, \"file\": "
			       "\"slides/%d.html\", \"hidden\": %s, "
			       "\"title\": \"", i ? "," : "", sl->number,
			       sl->number, sl->hidden ? "true" : "false");
		render_json_str(b, sl->title);
		ppj_buf_adds(b, "\", \"notes\": \"");
		render_json_str(b, sl->notes);
		ppj_buf_adds(b, "\"}");
	}
	ppj_buf_adds(b, "]}");
}

int render_viewer(struct rctx *c)
{
	struct ppj_buf b;
	int rc;

	ppj_buf_init(&b, 0);
	ppj_buf_adds(&b, "<!doctype html>\n<html><head><meta charset=\"utf-8\">"
		     "\n<meta name=\"viewport\" content=\"width=device-width"
		     "\">\n<meta name=\"generator\" content=\"ppj "
		     PPJ_VERSION "\">\n<title>");
	ppj_buf_add_html(&b, c->deck->title && *c->deck->title ?
			 c->deck->title : "Presentation");
	ppj_buf_adds(&b, "</title>\n<style>\n");
	ppj_buf_adds(&b, viewer_css);
	ppj_buf_adds(&b, "</style>\n</head>\n<body>\n<div id=\"stage\">"
		     "<iframe id=\"frame\" title=\"slide\"></iframe></div>\n"
		     "<div id=\"notes\"></div>\n<div id=\"bar\">"
		     "<button id=\"prev\" title=\"previous\">&#9664;</button>"
		     "<input id=\"num\" aria-label=\"slide\">"
		     "<span id=\"count\"></span>"
		     "<button id=\"next\" title=\"next\">&#9654;</button>"
		     "<button id=\"nt\" title=\"speaker notes\">Notes</button>"
		     "</div>\n<script type=\"application/json\" "
		     "id=\"ppj-data\">");
	viewer_data(c, &b);
	ppj_buf_adds(&b, "</script>\n<script>\n");
	ppj_buf_adds(&b, viewer_js);
	ppj_buf_adds(&b, "</script>\n</body></html>\n");
	if (b.failed)
		rc = ppj__error(c->err, PPJ_ENOMEM, "viewer too large");
	else
		rc = ppj_sink_write(c->sink, "index.html", b.data, b.len,
				    c->err);
	ppj_buf_release(&b);
	return rc;
}
