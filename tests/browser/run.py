#!/usr/bin/env python3
"""Runner of the browser tests (meson suite 'browser').

  run.py --sign-only
      node test-sign.mjs: the page's MD5 and signing code in node.
  run.py PPJ SHOTS_DIR [MKDECK]
      starts the real `PPJ serve` on a free loopback port with a temp data
      dir, makes a deck (MKDECK, else Python's zipfile), and runs
      test-web.mjs in Debian's Chromium through playwright-core: upload
      through the page, wait for completed, open the viewer, move through
      the slides, check text and pixels; then the same with a key (signed
      requests); then a slide with a date field, converted by `PPJ
      convert`, must show today's date. Screenshots go to SHOTS_DIR
      (PPJ_SHOTS_DIR overrides: point it at docs/img to refresh the
      docs).

PPJ_TEST_DECK=FILE.pptx uses that deck instead (for screenshots of a real
deck; its slides' a:t strings are the expected text).

Exit 77 (skipped) when node or chromium is absent, or when this build's
`ppj serve` is only a stub. Installs playwright-core with `npm ci` when
node_modules is missing.
"""
import html
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
SKIP = 77


def log(msg):
    print("run.py: " + msg, flush=True)


def find_chromium():
    env = os.environ.get("PPJ_CHROMIUM")
    if env:
        return env if os.access(env, os.X_OK) else None
    for name in ("/usr/bin/chromium", "chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def need_node():
    node = shutil.which("node")
    if not node:
        log("node is not installed: skipped")
        sys.exit(SKIP)
    return node


def ensure_playwright():
    """npm ci from the committed lock file when node_modules is missing."""
    mod = os.path.join(HERE, "node_modules", "playwright-core")
    if os.path.isdir(mod):
        return
    npm = shutil.which("npm")
    if not npm:
        log("npm is not installed: skipped")
        sys.exit(SKIP)
    log("installing playwright-core (npm ci)")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=HERE,
                   check=True, env=dict(os.environ,
                                        PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD="1"))


def web_dir():
    d = os.environ.get("PPJ_WEB_DIR")
    if d:
        return d
    return os.path.join(HERE, "..", "..", "src", "server", "web")


def sign_only():
    node = need_node()
    return subprocess.run([node, os.path.join(HERE, "test-sign.mjs"),
                           web_dir()]).returncode


def serve_is_stub(ppj):
    r = subprocess.run([ppj, "serve", "--help"], capture_output=True,
                       text=True, timeout=30)
    text = r.stdout + r.stderr
    return "not available in this build" in text


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(url, proc, seconds=30):
    """Polls GET /jobs until the server answers (any status)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError("ppj serve exited with %d" % proc.returncode)
        try:
            urllib.request.urlopen(url + "/jobs", timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("ppj serve did not answer within %d s" % seconds)


SLIDE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:sld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"
 xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">
<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/>
<p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>%s</p:spTree></p:cSld></p:sld>"""

BOX = """<p:sp><p:nvSpPr><p:cNvPr id="%d" name="Box %d"/><p:cNvSpPr/>
<p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="%d" y="%d"/>
<a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>
</a:prstGeom><a:solidFill><a:srgbClr val="%s"/></a:solidFill></p:spPr>
<p:txBody><a:bodyPr/><a:p><a:r><a:rPr lang="en-US" sz="%d"/>
<a:t>%s</a:t></a:r></a:p></p:txBody></p:sp>"""


def python_deck(path, n):
    """A small but complete .pptx (master, layout, theme) of n slides."""
    ns_p = "http://schemas.openxmlformats.org/presentationml/2006/main"
    ns_r = ("http://schemas.openxmlformats.org/officeDocument/2006/"
            "relationships")
    rel = ns_r + "/"
    ct = ['<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://'
          'schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.'
          'openxmlformats-package.relationships+xml"/><Default Extension='
          '"xml" ContentType="application/xml"/><Override PartName="/ppt/'
          'presentation.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.presentationml.presentation.main+xml"/>']
    z = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
    ids, rels = [], []
    for k in range(1, n + 1):
        body = (BOX % (2, 2, 457200, 457200, 8229600, 1143000, "DBEAFE",
                       4000, "Slide %d" % k) +
                BOX % (3, 3, 457200, 2057400, 8229600, 2743200, "FDE68A",
                       2800, "Browser %d" % k))
        z.writestr("ppt/slides/slide%d.xml" % k, SLIDE % body)
        ct.append('<Override PartName="/ppt/slides/slide%d.xml" ContentType'
                  '="application/vnd.openxmlformats-officedocument.'
                  'presentationml.slide+xml"/>' % k)
        ids.append('<p:sldId id="%d" r:id="rId%d"/>' % (255 + k, k))
        rels.append('<Relationship Id="rId%d" Type="%sslide" Target="slides/'
                    'slide%d.xml"/>' % (k, rel, k))
    ct.append("</Types>")
    z.writestr("[Content_Types].xml", "".join(ct))
    z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns='
               '"http://schemas.openxmlformats.org/package/2006/relationships'
               '"><Relationship Id="rId1" Type="%sofficeDocument" Target="'
               'ppt/presentation.xml"/></Relationships>' % rel)
    z.writestr("ppt/presentation.xml", '<?xml version="1.0"?><p:presentation'
               ' xmlns:p="%s" xmlns:r="%s"><p:sldIdLst>%s</p:sldIdLst>'
               '<p:sldSz cx="9144000" cy="6858000"/><p:notesSz cx="6858000" '
               'cy="9144000"/></p:presentation>' % (ns_p, ns_r, "".join(ids)))
    z.writestr("ppt/_rels/presentation.xml.rels", '<?xml version="1.0"?>'
               '<Relationships xmlns="http://schemas.openxmlformats.org/'
               'package/2006/relationships">%s</Relationships>'
               % "".join(rels))
    z.close()


def slide_parts(z):
    """The deck's slide part names in show order (presentation.xml)."""
    pres = z.read("ppt/presentation.xml").decode("utf-8")
    rels = z.read("ppt/_rels/presentation.xml.rels").decode("utf-8")
    target = {}
    for m in re.finditer(r"<Relationship\b[^>]*>", rels):
        rid = re.search(r'\bId="([^"]+)"', m.group(0))
        tgt = re.search(r'\bTarget="([^"]+)"', m.group(0))
        if rid and tgt:
            target[rid.group(1)] = tgt.group(1)
    names = []
    for m in re.finditer(r"<p:sldId\b[^>]*>", pres):
        rid = re.search(r'\br:id="([^"]+)"', m.group(0))
        t = target.get(rid.group(1)) if rid else None
        if t:
            names.append(t[1:] if t.startswith("/")
                         else os.path.normpath("ppt/" + t))
    return names


def deck_slides(path):
    """([[text, ...] per slide], [hidden slide numbers]) in show order:
    the non-blank a:t strings of each slide, and those with show="0"."""
    texts, hidden = [], []
    with zipfile.ZipFile(path) as z:
        for k, name in enumerate(slide_parts(z), 1):
            xml = z.read(name).decode("utf-8")
            found = re.findall(r"<a:t(?:\s[^>]*)?>([^<]*)</a:t>", xml)
            texts.append([html.unescape(t) for t in found if t.strip()])
            if re.search(r'<p:sld\b[^>]*\sshow="(0|false)"', xml):
                hidden.append(k)
    return texts, hidden


def broken_deck(tmp):
    """A zip that sniffs as a deck but is broken inside: the job halts."""
    path = os.path.join(tmp, "broken.pptx")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types")
        z.writestr("ppt/presentation.xml", "<p:presentation><<<")
    return path


def make_deck(tmp, mkdeck, n):
    given = os.environ.get("PPJ_TEST_DECK")
    if given:
        return given
    path = os.path.join(tmp, "Browser test deck.pptx")
    if mkdeck and os.access(mkdeck, os.X_OK):
        subprocess.run([mkdeck, path, "--slides", str(n), "--text",
                        "Browser"], check=True)
    else:
        python_deck(path, n)
    return path


DATE_BOX = (
    '<p:sp><p:nvSpPr><p:cNvPr id="900" name="Date"/><p:cNvSpPr '
    'txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="0" '
    'y="0"/><a:ext cx="4000000" cy="500000"/></a:xfrm><a:prstGeom '
    'prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr/>'
    '<a:p><a:fld id="{6D2B4E7A-1C3F-4B8E-9A0D-2E5F7C9B1A34}" '
    'type="datetime4"><a:rPr lang="en-US"/><a:t>January 1, 2000</a:t>'
    '</a:fld></a:p></p:txBody></p:sp>')


def date_slide(ppj, tmp, deck):
    """The deck with a date field (cached "January 1, 2000") on slide 1,
    converted: the path of that slide's page."""
    path = os.path.join(tmp, "date.pptx")
    with zipfile.ZipFile(deck) as src, zipfile.ZipFile(path, "w") as dst:
        first = slide_parts(src)[0]
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == first:
                data = data.replace(b"</p:spTree>",
                                    DATE_BOX.encode() + b"</p:spTree>", 1)
            dst.writestr(item, data)
    out = os.path.join(tmp, "date-out")
    subprocess.run([ppj, "convert", path, "-o", out], check=True,
                   timeout=60)
    return os.path.join(out, "slides", "1.html")


def start_server(ppj, tmp, name):
    data = os.path.join(tmp, name)
    os.makedirs(data, exist_ok=True)
    port = free_port()
    logf = open(os.path.join(tmp, name + ".log"), "a")
    proc = subprocess.Popen([ppj, "serve", "--listen", "127.0.0.1:%d" % port,
                             "--data", data, "--workers", "2"],
                            stdout=logf, stderr=subprocess.STDOUT)
    url = "http://127.0.0.1:%d" % port
    wait_up(url, proc)
    return proc, url, data, logf


def add_key(ppj, data):
    """`ppj key add`: (appid, secret), or None when it does not work."""
    r = subprocess.run([ppj, "key", "add", "--data", data],
                       capture_output=True, text=True, timeout=30)
    words = r.stdout.split()
    if r.returncode != 0 or len(words) != 2:
        log("ppj key add failed (%d): %s" % (r.returncode, r.stderr.strip()))
        return None
    return words


def stop(proc):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def run_browser(ppj, shots, mkdeck):
    node = need_node()
    chromium = find_chromium()
    if not chromium:
        log("chromium is not installed: skipped")
        return SKIP
    if serve_is_stub(ppj):
        log("this build's `ppj serve` is a stub: skipped")
        return SKIP
    ensure_playwright()

    shots = os.environ.get("PPJ_SHOTS_DIR") or shots
    os.makedirs(shots, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ppj-browser-") as tmp:
        deck = make_deck(tmp, mkdeck, 3)
        texts, hidden = deck_slides(deck)
        env = dict(os.environ, PPJ_DECK=deck, PPJ_CHROMIUM=chromium,
                   PPJ_TEXTS=json.dumps(texts), PPJ_SHOTS=shots,
                   PPJ_HIDDEN=json.dumps(hidden),
                   PPJ_BROKEN=broken_deck(tmp),
                   PPJ_TMP=tmp, PPJ_WEB_DIR=web_dir())
        data = os.path.join(tmp, "data")
        rc = phase(node, ppj, tmp, env, "open", None)
        if rc == 0:
            key = add_key(ppj, data)
            if key:
                rc = phase(node, ppj, tmp, env, "signed", key)
            else:
                log("no key could be added: the signed phase cannot run")
                rc = 1
        if rc == 0:
            env = dict(env, PPJ_PHASE="date",
                       PPJ_DATE_SLIDE=date_slide(ppj, tmp, deck))
            rc = subprocess.run([node, os.path.join(HERE, "test-web.mjs")],
                                env=env, timeout=120).returncode
        return rc


def phase(node, ppj, tmp, env, name, key):
    """One server start and one test-web.mjs run; the node exit code."""
    log("phase %s" % name)
    proc, url, data, logf = start_server(ppj, tmp, "data")
    try:
        env = dict(env, PPJ_URL=url, PPJ_PHASE=name,
                   PPJ_KEY=" ".join(key) if key else "")
        rc = subprocess.run([node, os.path.join(HERE, "test-web.mjs")],
                            env=env, timeout=270).returncode
    finally:
        stop(proc)
        logf.close()
    if rc != 0:
        with open(os.path.join(tmp, "data.log"), errors="replace") as f:
            log("server log (end):\n" + f.read()[-4000:])
    return rc


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--sign-only":
        return sign_only()
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    mkdeck = sys.argv[3] if len(sys.argv) > 3 else None
    return run_browser(sys.argv[1], sys.argv[2], mkdeck)


if __name__ == "__main__":
    sys.exit(main())
