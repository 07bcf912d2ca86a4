#!/usr/bin/env python3
"""Hostile inputs for ppj, built in code (standard library only).

Each case is a Case: a name, a function that writes the input file, what
the conversion may end in, and byte strings that must never show up in
the output. run_hostile.py converts each with `ppj convert` under limits;
this file only builds the inputs, and can write them all to a folder:

    gen_hostile.py OUTDIR --mkole PATH [--port N] [--secret FILE]

.pptx packages come from a small zip writer of our own (so that names,
sizes and offsets can lie), .ppt files from PowerPoint records packed
here and put in an OLE2 container by the mkole helper (libgsf).
"""

import argparse
import os
import struct
import subprocess
import sys
import tempfile
import zlib

NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_R = ("http://schemas.openxmlformats.org/officeDocument/2006/"
        "relationships")
NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
CT_PML = "application/vnd.openxmlformats-officedocument.presentationml."
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
NSDECL = f'xmlns:a="{NS_A}" xmlns:r="{NS_R}" xmlns:p="{NS_P}"'
GRP = ('<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/>'
       '</p:nvGrpSpPr><p:grpSpPr/>')
PASSWD_MARK = b"root:x:0:0"

# ---------------------------------------------------------------- zip


class Repeat:
    """Part data too big to hold: chunk repeated count times."""

    def __init__(self, chunk, count, head=b"", tail=b""):
        self.chunk, self.count = chunk, count
        self.head, self.tail = head, tail

    def pieces(self):
        yield self.head
        for _ in range(self.count):
            yield self.chunk
        yield self.tail


def _pieces(data):
    return data.pieces() if isinstance(data, Repeat) else [data]


def _deflate(data):
    """Returns (crc, size, compressed) of bytes or a Repeat."""
    co = zlib.compressobj(6, zlib.DEFLATED, -15)
    crc, size, out = 0, 0, []
    for p in _pieces(data):
        crc = zlib.crc32(p, crc)
        size += len(p)
        out.append(co.compress(p))
    out.append(co.flush())
    return crc, size, b"".join(out)


def zip_build(entries, store=False):
    """Writes a zip of (name, data) entries; names may be anything.

    Returns (bytes, local header offsets, central directory offset).
    Deflates unless store; adds zip64 end records past 65535 entries.
    """
    out, central, offsets = bytearray(), bytearray(), []
    for name, data in entries:
        nb = name.encode("utf-8") if isinstance(name, str) else name
        if store:
            comp = b"".join(_pieces(data))
            crc, size, method = zlib.crc32(comp), len(comp), 0
        else:
            crc, size, comp = _deflate(data)
            method = 8
        offsets.append(len(out))
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x800, method,
                           0, 0x21, crc, len(comp), size, len(nb), 0)
        out += nb + comp
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20,
                               0x800, method, 0, 0x21, crc, len(comp),
                               size, len(nb), 0, 0, 0, 0, 0,
                               offsets[-1])
        central += nb
    cd_off, n = len(out), len(entries)
    out += central
    if n > 0xFFFF:
        z64 = len(out)
        out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0,
                           n, n, len(central), cd_off)
        out += struct.pack("<IIQI", 0x07064B50, 0, z64, 1)
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, min(n, 0xFFFF),
                       min(n, 0xFFFF), len(central), cd_off, 0)
    return bytes(out), offsets, cd_off


# ---------------------------------------------------------------- pptx


def sp(i, text="x", x=0, y=0, cx=914400, cy=457200):
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{i}" name="s{i}"/><p:cNvSpPr/>'
            f'<p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/>'
            f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect">'
            f'<a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr/>'
            f'<a:p><a:r><a:rPr lang="en-US"/><a:t>{text}</a:t></a:r></a:p>'
            f'</p:txBody></p:sp>')


def pic(i, rid, attr="r:embed"):
    return (f'<p:pic><p:nvPicPr><p:cNvPr id="{i}" name="p{i}"/>'
            f'<p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill>'
            f'<a:blip {attr}="{rid}"/><a:stretch><a:fillRect/></a:stretch>'
            f'</p:blipFill><p:spPr><a:xfrm><a:off x="0" y="0"/>'
            f'<a:ext cx="914400" cy="914400"/></a:xfrm><a:prstGeom '
            f'prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')


def rel(rid, kind, target, external=False):
    mode = ' TargetMode="External"' if external else ""
    return (f'<Relationship Id="{rid}" Type="{NS_R}/{kind}" '
            f'Target="{target}"{mode}/>')


def rels(*items):
    return (DECL + f'<Relationships xmlns="{NS_PKG}">' + "".join(items) +
            "</Relationships>").encode()


def slide_xml(tree="", text="Hello"):
    return (DECL + f'<p:sld {NSDECL}><p:cSld><p:spTree>{GRP}'
            f'{sp(2, text)}{tree}</p:spTree></p:cSld><p:clrMapOvr>'
            '<a:masterClrMapping/></p:clrMapOvr></p:sld>').encode()


def _theme():
    names = ["dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3",
             "accent4", "accent5", "accent6", "hlink", "folHlink"]
    colours = "".join(f'<a:{n}><a:srgbClr val="{("000000", "FFFFFF")[i % 2]}"'
                      f'/></a:{n}>' for i, n in enumerate(names))
    return (DECL + f'<a:theme xmlns:a="{NS_A}" name="T"><a:themeElements>'
            f'<a:clrScheme name="T">{colours}</a:clrScheme>'
            '<a:fontScheme name="T"><a:majorFont><a:latin typeface="Arial"/>'
            '<a:ea typeface=""/><a:cs typeface=""/></a:majorFont>'
            '<a:minorFont><a:latin typeface="Arial"/><a:ea typeface=""/>'
            '<a:cs typeface=""/></a:minorFont></a:fontScheme>'
            '<a:fmtScheme name="T"><a:fillStyleLst/><a:lnStyleLst/>'
            '<a:effectStyleLst/><a:bgFillStyleLst/></a:fmtScheme>'
            '</a:themeElements></a:theme>').encode()


def _master():
    return (DECL + f'<p:sldMaster {NSDECL}><p:cSld><p:spTree>{GRP}'
            '</p:spTree></p:cSld><p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" '
            'tx2="dk2" accent1="accent1" accent2="accent2" '
            'accent3="accent3" accent4="accent4" accent5="accent5" '
            'accent6="accent6" hlink="hlink" folHlink="folHlink"/>'
            '<p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/>'
            '</p:sldLayoutIdLst></p:sldMaster>').encode()


def _layout():
    return (DECL + f'<p:sldLayout {NSDECL}><p:cSld><p:spTree>{GRP}'
            '</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/>'
            '</p:clrMapOvr></p:sldLayout>').encode()


def deck(slides=None, nslides=1, cx=9144000, cy=6858000, media=None,
         slide_rels=None):
    """The parts of a small valid deck, as an ordered dict name -> bytes.

    slides: list of slide XML bytes (default: nslides plain slides);
    slide_rels: extra relationship XML per slide (list of str); media:
    extra parts {name: bytes} (no content type override needed for png,
    jpeg, gif, svg, emf, wmf, tiff, bmp: they have Defaults).
    """
    if slides is None:
        slides = [slide_xml(text=f"Slide {i + 1}") for i in range(nslides)]
    n = len(slides)
    ct = (DECL + f'<Types xmlns="{NS_CT}">'
          '<Default Extension="rels" ContentType="application/'
          'vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Default Extension="png" ContentType="image/png"/>'
          '<Default Extension="jpeg" ContentType="image/jpeg"/>'
          '<Default Extension="gif" ContentType="image/gif"/>'
          '<Default Extension="svg" ContentType="image/svg+xml"/>'
          '<Default Extension="emf" ContentType="image/x-emf"/>'
          '<Default Extension="wmf" ContentType="image/x-wmf"/>'
          '<Default Extension="tiff" ContentType="image/tiff"/>'
          '<Default Extension="bmp" ContentType="image/bmp"/>'
          '<Override PartName="/ppt/presentation.xml" ContentType="'
          f'{CT_PML}presentation.main+xml"/>'
          '<Override PartName="/ppt/slideMasters/slideMaster1.xml" '
          f'ContentType="{CT_PML}slideMaster+xml"/>'
          '<Override PartName="/ppt/slideLayouts/slideLayout1.xml" '
          f'ContentType="{CT_PML}slideLayout+xml"/>'
          '<Override PartName="/ppt/theme/theme1.xml" ContentType="'
          'application/vnd.openxmlformats-officedocument.theme+xml"/>'
          '<Override PartName="/docProps/core.xml" ContentType="'
          'application/vnd.openxmlformats-package.core-properties+xml"/>')
    ct += "".join(f'<Override PartName="/ppt/slides/slide{i + 1}.xml" '
                  f'ContentType="{CT_PML}slide+xml"/>' for i in range(n))
    ct += "</Types>"
    ids = "".join(f'<p:sldId id="{256 + i}" r:id="rId{10 + i}"/>'
                  for i in range(n))
    pres = (DECL + f'<p:presentation {NSDECL}><p:sldMasterIdLst>'
            '<p:sldMasterId id="2147483648" r:id="rId1"/>'
            f'</p:sldMasterIdLst><p:sldIdLst>{ids}</p:sldIdLst>'
            f'<p:sldSz cx="{cx}" cy="{cy}"/><p:notesSz cx="6858000" '
            'cy="9144000"/></p:presentation>')
    core = (DECL + '<cp:coreProperties xmlns:cp="http://schemas.'
            'openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">'
            '<dc:title>Hostile</dc:title></cp:coreProperties>')
    parts = {
        "[Content_Types].xml": ct.encode(),
        "_rels/.rels": rels(rel("rId1", "officeDocument",
                                "ppt/presentation.xml"),
                            '<Relationship Id="rId2" Type="http://schemas.'
                            'openxmlformats.org/package/2006/relationships/'
                            'metadata/core-properties" '
                            'Target="docProps/core.xml"/>'),
        "docProps/core.xml": core.encode(),
        "ppt/presentation.xml": pres.encode(),
        "ppt/_rels/presentation.xml.rels": rels(
            rel("rId1", "slideMaster", "slideMasters/slideMaster1.xml"),
            rel("rId2", "theme", "theme/theme1.xml"),
            *[rel(f"rId{10 + i}", "slide", f"slides/slide{i + 1}.xml")
              for i in range(n)]),
        "ppt/theme/theme1.xml": _theme(),
        "ppt/slideMasters/slideMaster1.xml": _master(),
        "ppt/slideMasters/_rels/slideMaster1.xml.rels": rels(
            rel("rId1", "slideLayout", "../slideLayouts/slideLayout1.xml"),
            rel("rId2", "theme", "../theme/theme1.xml")),
        "ppt/slideLayouts/slideLayout1.xml": _layout(),
        "ppt/slideLayouts/_rels/slideLayout1.xml.rels": rels(
            rel("rId1", "slideMaster", "../slideMasters/slideMaster1.xml")),
    }
    for i, s in enumerate(slides):
        extra = slide_rels[i] if slide_rels and i < len(slide_rels) else ""
        parts[f"ppt/slides/slide{i + 1}.xml"] = s
        parts[f"ppt/slides/_rels/slide{i + 1}.xml.rels"] = rels(
            rel("rIdL", "slideLayout", "../slideLayouts/slideLayout1.xml"),
            extra)
    parts.update(media or {})
    return parts


def pptx(parts, store=False):
    return zip_build(list(parts.items()), store)[0]


def one_slide(tree, extra_rels="", media=None):
    return pptx(deck([slide_xml(tree)], slide_rels=[extra_rels],
                     media=media))


# ---------------------------------------------------------------- images


def _chunk(kind, body):
    return (struct.pack(">I", len(body)) + kind + body +
            struct.pack(">I", zlib.crc32(kind + body)))


def png(width, height, rows=1):
    """A PNG whose header claims width x height, with little data."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    idat = zlib.compress(b"\0" * (rows * 16))
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) +
            _chunk(b"IDAT", idat) + _chunk(b"IEND", b""))


def tiff(width, height, have=16):
    """A grey little-endian TIFF whose directory claims width x height,
    followed by only `have` bytes of its pixels."""
    entries = [(256, 4, width), (257, 4, height), (258, 3, 8), (259, 3, 1),
               (262, 3, 1), (273, 4, 122), (277, 3, 1), (278, 4, height),
               (279, 4, (width * height) & 0xFFFFFFFF)]
    ifd = struct.pack("<H", len(entries))
    for tag, kind, value in entries:
        ifd += struct.pack("<HHI", tag, kind, 1)
        ifd += (struct.pack("<HH", value, 0) if kind == 3 else
                struct.pack("<I", value))
    return b"II*\0" + struct.pack("<I", 8) + ifd + b"\0\0\0\0" + \
        b"\x80" * have


def bmp(width, height):
    """A 24-bit BMP header claiming width x height, with one pixel."""
    return (b"BM" + struct.pack("<IHHI", 58, 0, 0, 54) +
            struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, 0, 0,
                        0, 0, 0) + b"\0\0\xff\0")


def jpeg(width, height):
    sof = struct.pack(">BHHBBBB", 8, height, width, 1, 1, 0x11, 0)
    return (b"\xff\xd8\xff\xe0" + struct.pack(">H", 16) + b"JFIF\0\1\1\0"
            b"\0\1\0\1\0\0" + b"\xff\xc0" + struct.pack(">H", 2 + len(sof))
            + sof + b"\xff\xd9")


def gif(width, height):
    return (b"GIF89a" + struct.pack("<HHBBB", width, height, 0, 0, 0) +
            b",\0\0\0\0" + struct.pack("<HH", width, height) +
            b"\0\2\2D\1\0;")


def emf_lying():
    """An EMF header record whose sizes lie (nBytes, nRecords huge)."""
    hdr = struct.pack("<II", 1, 108) + struct.pack("<iiii", 0, 0, 100, 100)
    hdr += struct.pack("<iiii", 0, 0, 2540, 2540)
    hdr += struct.pack("<IIIIHHIIII", 0x464D4520, 0x10000, 0x7FFFFFF0,
                       0xFFFFFFF, 0xFFFF, 0, 0, 0, 0, 0)
    hdr += struct.pack("<iiii", 1024, 768, 320, 240)
    hdr += b"\0" * (108 - len(hdr))
    poly = struct.pack("<II", 0x56, 0x7FFFFFF0) + b"\0" * 16 + \
        struct.pack("<I", 0x3FFFFFFF)
    return hdr + poly


def wmf_lying():
    placeable = struct.pack("<IHhhhhHIH", 0x9AC6CDD7, 0, 0, 0, 1000, 1000,
                            1440, 0, 0)
    header = struct.pack("<HHHIHIH", 1, 9, 0x300, 0x7FFFFFFF, 0xFFFF,
                         0x7FFFFFFF, 0)
    poly = struct.pack("<IHH", 0x7FFFFFFF, 0x0324, 0x7FFF)
    return placeable + header + poly


# ---------------------------------------------------------------- ppt


def rec(rtype, body=b"", ver=0, inst=0, length=None):
    """One record: header (ver, instance, type, length) then body."""
    n = len(body) if length is None else length
    return struct.pack("<HHI", (inst << 4) | ver, rtype, n) + body


def cont(rtype, *children, inst=0, length=None):
    return rec(rtype, b"".join(children), 0xF, inst, length)


def document_atom():
    return rec(0x03E9, struct.pack("<iiiiiiIIHHBBBB", 5760, 4320, 4320,
                                   5760, 1, 2, 0, 0, 1, 0, 0, 0, 0, 1), 1)


def text_chars(s):
    return rec(0x0FA0, s.encode("utf-16-le"))


def ppt_stream(nslides=1, text="Hello", doc_len=None, slides_extra=b"",
               text_rec=None, natoms=None):
    """A small PowerPoint Document stream; returns (stream, edit offset).

    Persist ids: 1 the document, 2 the master, 3.. the slides.
    """
    spa = b"".join(rec(0x03F3, struct.pack("<IIiII", 3 + i, 0, 0,
                                           256 + i, 0))
                   for i in range(natoms or nslides))
    tr = text_rec if text_rec is not None else text_chars(text)
    slwt = cont(0x0FF0, spa + rec(0x0F9F, struct.pack("<I", 0)) + tr)
    doc = cont(0x03E8, document_atom(), slwt, rec(0x03EA), length=doc_len)
    slide_atom = rec(0x03EF, struct.pack("<I8sIIHH", 0, b"\0" * 8,
                                         0x80000000, 0, 0, 0), 2)
    master = cont(0x03F8, slide_atom)
    out, offs = bytearray(), []
    for part in [doc, master] + [cont(0x03EE, slide_atom, slides_extra)
                                 for _ in range(nslides)]:
        offs.append(len(out))
        out += part
    pd_off = len(out)
    out += rec(0x1772, struct.pack("<I", (len(offs) << 20) | 1) +
               b"".join(struct.pack("<I", o) for o in offs))
    edit_off = len(out)
    out += user_edit(0, pd_off, len(offs))
    return bytes(out), edit_off, pd_off


def user_edit(last_edit, pd_off, seed, doc_ref=1):
    return rec(0x0FF5, struct.pack("<IHBBIIIIHH", 0, 0, 0, 3, last_edit,
                                   pd_off, doc_ref, seed + 1, 1, 0))


def current_user(edit_off, name_len=None, name=b"hostile"):
    n = len(name) if name_len is None else name_len
    body = struct.pack("<IIIHHBBH", 0x14, 0xE391C05F, edit_off, n, 0x03F4,
                       3, 0, 0) + name + struct.pack("<I", 8)
    return rec(0x0FF6, body)


def ole2(mkole, path, streams):
    """Writes an OLE2 file at path with streams {name: bytes}."""
    with tempfile.TemporaryDirectory() as d:
        args = [mkole, path]
        for i, (name, data) in enumerate(streams.items()):
            p = os.path.join(d, str(i))
            with open(p, "wb") as f:
                f.write(data)
            args.append(f"{name}={p}")
        subprocess.run(args, check=True)


def ppt_file(mkole, path, stream, edit_off, cu=None, extra=None):
    streams = {"Current User": cu if cu is not None else
               current_user(edit_off), "PowerPoint Document": stream}
    streams.update(extra or {})
    ole2(mkole, path, streams)


# ---------------------------------------------------------------- cases


class Case:
    """One hostile input.

    build(path, env) writes it; expect is "any" (a clear error or a good
    output), "error" (must fail cleanly) or "ok" (must convert);
    error_has: a word the error line must contain; forbid: byte strings
    that must not appear anywhere in the output.
    """

    def __init__(self, name, build, expect="any", error_has=None,
                 forbid=(), note=""):
        self.name, self.build, self.expect = name, build, expect
        self.error_has, self.forbid, self.note = error_has, forbid, note


class Env:
    """What the cases need from the runner."""

    def __init__(self, mkole, port=9, secret=None, marker=b"",
                 escape_dir="/tmp"):
        self.mkole, self.port, self.secret = mkole, port, secret
        self.marker, self.escape_dir = marker, escape_dir


def _write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def _bytes_case(name, make, **kw):
    return Case(name, lambda p, e: _write(p, make(e)), **kw)


XML_PARTS = ["[Content_Types].xml", "_rels/.rels", "docProps/core.xml",
             "ppt/presentation.xml", "ppt/_rels/presentation.xml.rels",
             "ppt/theme/theme1.xml", "ppt/slideMasters/slideMaster1.xml",
             "ppt/slideMasters/_rels/slideMaster1.xml.rels",
             "ppt/slideLayouts/slideLayout1.xml",
             "ppt/slides/slide1.xml", "ppt/slides/_rels/slide1.xml.rels"]


def _laughs():
    ents = ['<!ENTITY l0 "lollollollollollollollollollol">']
    for i in range(1, 10):
        ents.append(f'<!ENTITY l{i} "' + f"&l{i - 1};" * 10 + '">')
    return "<!DOCTYPE r [" + "".join(ents) + "]>", "&l9;"


def xml_attacks(env):
    url = f"http://127.0.0.1:{env.port}"
    return {
        "laughs": _laughs(),
        "xxe-file": ('<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
                     "&x;"),
        "xxe-secret": ('<!DOCTYPE r [<!ENTITY x SYSTEM "file://'
                       f'{env.secret}">]>', "&x;"),
        "xxe-http": (f'<!DOCTYPE r [<!ENTITY x SYSTEM "{url}/xxe">]>',
                     "&x;"),
        "dtd-http": (f'<!DOCTYPE r SYSTEM "{url}/dtd"><!-- -->', ""),
        "pe-http": (f'<!DOCTYPE r [<!ENTITY % p SYSTEM "{url}/pe"> %p;]>',
                    ""),
    }


def inject(xml, doctype, ref):
    """Puts doctype after the declaration and ref inside the root (and in
    the slide's text when there is one)."""
    s = xml.decode()
    head, body = s.split("?>", 1)
    body = body.lstrip("\n")
    close = body.index(">") + 1
    body = body[:close] + ref + body[close:]
    body = body.replace("<a:t>Hello</a:t>", f"<a:t>{ref}</a:t>")
    return (head + "?>" + doctype + body).encode()


def xml_cases():
    cases = []
    for part in XML_PARTS:
        for attack in ["laughs", "xxe-file", "xxe-secret", "xxe-http",
                       "dtd-http", "pe-http"]:
            def make(e, part=part, attack=attack):
                parts = deck()
                dt, ref = xml_attacks(e)[attack]
                parts[part] = inject(parts[part], dt, ref)
                return pptx(parts)
            tag = part.replace("/", "_").replace("[", "").replace("]", "")
            cases.append(_bytes_case(f"xml-{attack}-{tag}", make,
                                     forbid=("passwd", "secret")))
    return cases


def _bomb_part(size_mb):
    return Repeat(b"\0" * (1 << 20), size_mb)


def _bomb_xml(size_mb):
    head = (DECL + f'<p:sld {NSDECL}><p:cSld><p:spTree>{GRP}').encode()
    tail = b"</p:spTree></p:cSld></p:sld>"
    return Repeat(b" " * (1 << 20), size_mb, head, tail)


def _lie_sizes(data, offsets, cd_off, index, size):
    """Patches the uncompressed size of entry index in both headers."""
    b = bytearray(data)
    struct.pack_into("<I", b, offsets[index] + 22, size)
    pos = cd_off
    for _ in range(index):
        n, m, k = struct.unpack_from("<HHH", b, pos + 28)
        pos += 46 + n + m + k
    struct.pack_into("<I", b, pos + 24, size)
    return bytes(b)


def _nested_zip(depth, inner):
    data = inner
    for i in range(depth):
        data = zip_build([(f"layer{i}.zip", data)])[0]
    return data


def bomb_cases():
    def ratio(e):
        parts = deck()
        parts["ppt/slides/slide1.xml"] = _bomb_xml(1024)
        return pptx(parts)

    def media(e):
        parts = deck(slides=[slide_xml(pic(3, "rIdP"))],
                     slide_rels=[rel("rIdP", "image", "../media/b.png")])
        parts["ppt/media/b.png"] = Repeat(png(64, 64), 1, tail=b"\0" *
                                          (1 << 20) * 200)
        return pptx(parts)

    def total(e):
        slides = [slide_xml(pic(3, "rIdP")) for _ in range(40)]
        parts = deck(slides=slides, slide_rels=[rel(
            "rIdP", "image", f"../media/b{i}.png") for i in range(40)])
        for i in range(40):
            parts[f"ppt/media/b{i}.png"] = Repeat(b"\0" * (1 << 20), 60,
                                                  head=png(8, 8))
        return pptx(parts)

    def lying(e):
        parts = deck()
        parts["ppt/slides/slide1.xml"] = _bomb_xml(200)
        names = list(parts)
        data, offs, cd = zip_build(list(parts.items()))
        return _lie_sizes(data, offs, cd, names.index(
            "ppt/slides/slide1.xml"), 1000)

    def entries(e):
        parts = deck()
        items = list(parts.items()) + [(f"ppt/junk/{i}.xml", b"")
                                       for i in range(100000)]
        return zip_build(items, store=True)[0]

    def nested(e):
        inner = zip_build([("bomb.bin", _bomb_part(256))])[0]
        parts = deck(slides=[slide_xml(
            '<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="5" '
            'name="o"/><p:cNvGraphicFramePr/><p:nvPr/>'
            '</p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/><a:ext '
            'cx="100" cy="100"/></p:xfrm><a:graphic><a:graphicData '
            'uri="http://schemas.openxmlformats.org/presentationml/2006/'
            'ole"><p:oleObj r:id="rIdO" progId="Package"/>'
            '</a:graphicData></a:graphic></p:graphicFrame>')],
            slide_rels=[rel("rIdO", "package",
                            "../embeddings/n.zip")])
        parts["ppt/embeddings/n.zip"] = _nested_zip(8, inner)
        return pptx(parts)

    def zip_of_deck(e):
        return zip_build([("deck.pptx", pptx(deck()))])[0]

    return [
        _bytes_case("bomb-ratio-1GiB-slide", ratio),
        _bytes_case("bomb-200MiB-picture", media),
        _bytes_case("bomb-total-40x60MiB-media", total),
        _bytes_case("bomb-lying-size", lying),
        _bytes_case("bomb-100k-entries", entries),
        _bytes_case("bomb-nested-zip-embedding", nested),
        _bytes_case("zip-holding-a-deck", zip_of_deck, expect="error"),
    ]


def traversal_cases():
    def names(e):
        base = os.path.basename(e.escape_dir)
        parts = deck()
        evil = {
            f"../../../../../../../../tmp/{base}-rel": b"x",
            f"/tmp/{base}-abs": b"x",
            f"ppt/../../../{base}-mid": b"x",
            f"..\\..\\{base}-bs": b"x",
            "C:\\Windows\\ppj-hostile": b"x",
            "ppt/slides/../../../../../etc/passwd": b"x",
        }
        return pptx({**parts, **evil})

    def rel_targets(e):
        secret = e.secret
        t = [f"../../../../../../../..{secret}", secret,
             f"file://{secret}", "../../../../../../../../etc/passwd",
             "/etc/passwd", "file:///etc/passwd", "%2e%2e/%2e%2e/%2e%2e/"
             "%2e%2e/%2e%2e/%2e%2e/etc/passwd", "..%2f..%2f..%2fetc%2f"
             "passwd", "\\\\127.0.0.1\\share\\x.png"]
        tree = "".join(pic(10 + i, f"rIdT{i}") for i in range(len(t)))
        rs = "".join(rel(f"rIdT{i}", "image", x) for i, x in enumerate(t))
        return one_slide(tree, rs)

    def main_part(e):
        parts = deck()
        parts["_rels/.rels"] = rels(rel("rId1", "officeDocument",
                                        "../../../../../etc/passwd"))
        return pptx(parts)

    def slide_outside(e):
        parts = deck()
        parts["ppt/_rels/presentation.xml.rels"] = rels(
            rel("rId1", "slideMaster", "slideMasters/slideMaster1.xml"),
            rel("rId10", "slide", f"../../../../../..{e.secret}"))
        return pptx(parts)

    def dup_names(e):
        parts = list(deck().items())
        parts.append(("ppt/slides/slide1.xml", slide_xml(text="second")))
        parts.append(("PPT/SLIDES/SLIDE1.XML", slide_xml(text="upper")))
        return zip_build(parts)[0]

    f = ("passwd", "secret")
    return [
        _bytes_case("traversal-entry-names", names, forbid=f),
        _bytes_case("traversal-rel-targets", rel_targets, forbid=f),
        _bytes_case("traversal-main-part", main_part, forbid=f),
        _bytes_case("traversal-slide-outside", slide_outside, forbid=f),
        _bytes_case("duplicate-entry-names", dup_names),
    ]


def external_cases():
    def urls(e):
        u = f"http://127.0.0.1:{e.port}"
        tree = (pic(3, "rIdE1") + pic(4, "rIdE2", "r:link") +
                '<p:sp><p:nvSpPr><p:cNvPr id="5" name="h"><a:hlinkClick '
                'r:id="rIdE3"/></p:cNvPr><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
                '<p:spPr/></p:sp>' +
                '<p:pic><p:nvPicPr><p:cNvPr id="6" name="v"/><p:cNvPicPr/>'
                '<p:nvPr><a:videoFile r:link="rIdE4"/></p:nvPr></p:nvPicPr>'
                '<p:blipFill><a:blip r:embed="rIdE5"/></p:blipFill>'
                '<p:spPr/></p:pic>')
        rs = (rel("rIdE1", "image", f"{u}/embed.png", True) +
              rel("rIdE2", "image", f"{u}/link.png", True) +
              rel("rIdE3", "hyperlink", f"{u}/page", True) +
              rel("rIdE4", "video", f"{u}/v.mp4", True) +
              rel("rIdE5", "image", f"{u}/poster.png"))
        return one_slide(tree, rs)

    def ole_link(e):
        u = f"http://127.0.0.1:{e.port}"
        tree = ('<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="5" '
                'name="o"/><p:cNvGraphicFramePr/><p:nvPr/>'
                '</p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/><a:ext '
                'cx="100" cy="100"/></p:xfrm><a:graphic><a:graphicData '
                'uri="http://schemas.openxmlformats.org/presentationml/'
                '2006/ole"><p:oleObj r:id="rIdO" progId="Excel.Sheet.12">'
                '<p:link updateAutomatic="1"/></p:oleObj></a:graphicData>'
                '</a:graphic></p:graphicFrame>')
        return one_slide(tree, rel("rIdO", "oleObject", f"{u}/book.xlsx",
                                   True))

    def circular(e):
        parts = deck()
        parts["ppt/slides/_rels/slide1.xml.rels"] = rels(
            rel("rIdL", "slideLayout", "slide1.xml"))
        parts["ppt/slideLayouts/_rels/slideLayout1.xml.rels"] = rels(
            rel("rId1", "slideMaster", "slideLayout1.xml"))
        parts["ppt/slideMasters/_rels/slideMaster1.xml.rels"] = rels(
            rel("rId1", "slideLayout", "../slides/slide1.xml"),
            rel("rId2", "theme", "slideMaster1.xml"))
        return pptx(parts)

    def circular_pres(e):
        parts = deck()
        parts["ppt/_rels/presentation.xml.rels"] = rels(
            rel("rId1", "slideMaster", "presentation.xml"),
            rel("rId2", "theme", "presentation.xml"),
            rel("rId10", "slide", "presentation.xml"))
        parts["_rels/.rels"] = rels(rel("rId1", "officeDocument",
                                        "_rels/.rels"))
        return pptx(parts)

    return [
        _bytes_case("external-urls", urls),
        _bytes_case("external-ole-link", ole_link),
        _bytes_case("circular-rels", circular),
        _bytes_case("circular-main-and-presentation", circular_pres),
    ]


def injection_cases():
    """Markup in text, names and links must come out inert (the runner
    looks for live script, handlers and javascript: URLs in every page)."""
    x = "alert(&apos;PPJXSS&apos;)"
    script = f"&lt;script&gt;{x}&lt;/script&gt;&lt;img src=x onerror={x}&gt;"

    def text(e):
        tree = (sp(3, script) + f'<p:sp><p:nvSpPr><p:cNvPr id="4" '
                f'name="&quot;&gt;&lt;script&gt;{x}&lt;/script&gt;" '
                f'descr="&quot; onmouseover=&quot;{x}"/><p:cNvSpPr/>'
                '<p:nvPr/></p:nvSpPr><p:spPr/></p:sp>')
        parts = deck([slide_xml(tree, text=script)])
        parts["docProps/core.xml"] = parts["docProps/core.xml"].replace(
            b"Hostile", script.encode())
        return pptx(parts)

    def links(e):
        targets = [f"javascript:{x}", f"JaVaScRiPt:{x}",
                   f"java&#9;script:{x}", f"vbscript:{x}",
                   f"data:text/html,&lt;script&gt;{x}&lt;/script&gt;",
                   f" javascript:{x}"]
        tree = "".join(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{10 + i}" name="l"><a:hlinkClick '
            f'r:id="rIdJ{i}"/></p:cNvPr><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
            '<p:spPr/><p:txBody><a:bodyPr/><a:p><a:r><a:rPr><a:hlinkClick '
            f'r:id="rIdJ{i}"/></a:rPr><a:t>link</a:t></a:r></a:p>'
            '</p:txBody></p:sp>' for i in range(len(targets)))
        rs = "".join(rel(f"rIdJ{i}", "hyperlink", t, True)
                     for i, t in enumerate(targets))
        return one_slide(tree, rs)

    return [_bytes_case("inject-markup-in-text-and-names", text),
            _bytes_case("inject-script-urls-in-links", links)]


def image_cases():
    def image(name, data):
        def make(e):
            return one_slide(pic(3, "rIdI"), rel("rIdI", "image",
                                                  f"../media/{name}"),
                             {f"ppt/media/{name}": data})
        return make

    svg = (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM '
           b'"file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg"'
           b' width="100000000" height="100000000"><script>alert(1)'
           b'</script><text>&x;</text></svg>')
    return [
        _bytes_case("image-png-100000x100000", image("a.png",
                                                      png(100000, 100000))),
        _bytes_case("image-png-2^31x2^31", image("a.png", png(0x7FFFFFFF,
                                                              0x7FFFFFFF))),
        _bytes_case("image-png-zero-size", image("a.png", png(0, 0))),
        _bytes_case("image-jpeg-65535x65535", image("a.jpeg",
                                                    jpeg(65535, 65535))),
        _bytes_case("image-gif-65535x65535", image("a.gif",
                                                   gif(65535, 65535))),
        _bytes_case("image-svg-hostile", image("a.svg", svg),
                    forbid=("passwd",)),
        _bytes_case("image-emf-lying-header", image("a.emf", emf_lying())),
        _bytes_case("image-wmf-lying-header", image("a.wmf", wmf_lying())),
        _bytes_case("image-png-truncated", image("a.png", png(64, 64)[:40])),
        _bytes_case("image-tiff-100000x100000",
                    image("a.tiff", tiff(100000, 100000))),
        _bytes_case("image-tiff-truncated", image("a.tiff", tiff(64, 64))),
        _bytes_case("image-tiff-cut-header",
                    image("a.tiff", tiff(64, 64)[:60])),
        _bytes_case("image-bmp-65535x65535", image("a.bmp",
                                                   bmp(65535, 65535))),
        _bytes_case("image-bmp-truncated", image("a.bmp", bmp(64, -64))),
    ]


def eot(flags, body, size=None):
    """An Embedded OpenType header (version 2.1, no names) and body."""
    head = struct.pack("<IIII", size if size is not None else 82 + len(body),
                       len(body), 0x00020001, flags)
    head += bytes(18) + struct.pack("<H", 0x504C) + bytes(46)
    return head + bytes(4) + body


def font_cases():
    """Embedded fonts (p:embeddedFontLst) that are junk: MTX data libeot
    crashes on, EOT sizes that lie, a font table directory that lies,
    and one part named by 64 families at once."""
    def fonts(parts, families=1):
        def make(e):
            # Text in every family: families no text uses are skipped.
            runs = "".join(
                f'<a:r><a:rPr lang="en-US"><a:latin typeface="Evil{i}"/>'
                '</a:rPr><a:t>x</a:t></a:r>' for i in range(1, families))
            d = deck([slide_xml(sp(3, "Evil text") .replace(
                '<a:rPr lang="en-US"/>', '<a:rPr lang="en-US"><a:latin '
                'typeface="Evil"/></a:rPr>').replace(
                    "</a:r>", "</a:r>" + runs, 1))])
            lst = "".join(
                f'<p:embeddedFont><p:font typeface="{"Evil" if i == 0 else f"Evil{i}"}"/>'
                f'<p:regular r:id="rIdF{i}"/><p:bold r:id="rIdF{i}"/>'
                '</p:embeddedFont>' for i in range(families))
            d["ppt/presentation.xml"] = d["ppt/presentation.xml"].replace(
                b'cy="9144000"/>', b'cy="9144000"/><p:embeddedFontLst>' +
                lst.encode() + b'</p:embeddedFontLst>')
            d["ppt/_rels/presentation.xml.rels"] = d[
                "ppt/_rels/presentation.xml.rels"].replace(
                b"</Relationships>", "".join(
                    rel(f"rIdF{i}", "font", "fonts/font1.fntdata")
                    for i in range(families)).encode() +
                b"</Relationships>")
            d.update(parts)
            return pptx(d)
        return make

    ttf_lie = (struct.pack(">IHHHH", 0x00010000, 4000, 0, 0, 0) +
               b"".join(struct.pack(">4sIII", tag, 0, 0xFFFFFF00,
                                    0x7FFFFFFF)
                        for tag in (b"cmap", b"glyf", b"head", b"loca")))
    return [
        _bytes_case("font-eot-mtx-junk", fonts({
            "ppt/fonts/font1.fntdata": eot(0x4, bytes(10) + b"\xff" * 200)
        })),
        _bytes_case("font-eot-sizes-lie", fonts({
            "ppt/fonts/font1.fntdata": eot(0x0, b"\0\1\0\0" * 8,
                                           size=0xFFFFFFF0)})),
        _bytes_case("font-ttf-directory-lies", fonts({
            "ppt/fonts/font1.fntdata": ttf_lie})),
        _bytes_case("font-one-part-64-families", fonts({
            "ppt/fonts/font1.fntdata": eot(0x4, b"\x01" * 4000)}, 64)),
    ]


def size_cases():
    def shapes(e):
        tree = "".join(sp(i + 3, "s", (i % 100) * 9144, (i // 100) * 6858,
                          9144, 6858) for i in range(100000))
        return one_slide(tree)

    def nested(e):
        head = ('<p:grpSp><p:nvGrpSpPr><p:cNvPr id="9" name="g"/>'
                '<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr>'
                '<a:xfrm><a:off x="1" y="1"/><a:ext cx="9" cy="9"/>'
                '<a:chOff x="0" y="0"/><a:chExt cx="9" cy="9"/></a:xfrm>'
                '</p:grpSpPr>')
        return one_slide(head * 10000 + sp(5) + "</p:grpSp>" * 10000)

    def xml_deep(e):
        return one_slide("<p:extLst>" + "<x:a xmlns:x='u'>" * 100000 +
                         "</x:a>" * 100000 + "</p:extLst>")

    def slides(e):
        return pptx(deck(nslides=10000))

    def slides_limit(e):
        return pptx(deck(nslides=5001))

    def numbers(e):
        tree = (sp(3, "big", 2**63 - 1, -2**63, 2**63 - 1, 2**63 - 1) +
                sp(4, "neg", -1, -1, -5, -5) +
                sp(5, "huge", 99999999999999999999999, 0, 1, 1) +
                '<p:sp><p:nvSpPr><p:cNvPr id="6" name="r"/><p:cNvSpPr/>'
                '<p:nvPr/></p:nvSpPr><p:spPr><a:xfrm rot="2147483647" '
                'flipH="1"><a:off x="0" y="0"/><a:ext cx="1" cy="1"/>'
                '</a:xfrm><a:prstGeom prst="wedgeRoundRectCallout">'
                '<a:avLst><a:gd name="adj1" fmla="val 2147483647"/>'
                '<a:gd name="adj2" fmla="val -2147483648"/></a:avLst>'
                '</a:prstGeom><a:ln w="2147483647"/></p:spPr><p:txBody>'
                '<a:bodyPr rot="-2147483648" numCol="2147483647"/><a:p>'
                '<a:pPr lvl="2147483647" indent="-2147483648"/><a:r>'
                '<a:rPr sz="2147483647" spc="-2147483648" baseline='
                '"2147483647"/><a:t>n</a:t></a:r></a:p></p:txBody></p:sp>')
        return pptx(deck([slide_xml(tree)], cx=2**63 - 1, cy=-5))

    def zero_size(e):
        return pptx(deck(cx=0, cy=0))

    def big_text(e):
        return one_slide(sp(3, "A" * (40 << 20)))

    def many_runs(e):
        runs = "<a:r><a:t>r</a:t></a:r>" * 300000
        return one_slide('<p:sp><p:nvSpPr><p:cNvPr id="3" name="t"/>'
                         '<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr/>'
                         f'<p:txBody><a:bodyPr/><a:p>{runs}</a:p>'
                         '</p:txBody></p:sp>')

    def shared_image(e):
        n = 500
        parts = deck(slides=[slide_xml(pic(3, "rIdP")) for _ in range(n)],
                     slide_rels=[rel("rIdP", "image", "../media/a.png")] * n)
        parts["ppt/media/a.png"] = png(16, 16) + b"\0" * (8 << 20)
        return pptx(parts)

    return [
        _bytes_case("shapes-100000-on-a-slide", shapes),
        _bytes_case("groups-nested-10000", nested),
        _bytes_case("xml-elements-nested-100000", xml_deep),
        _bytes_case("slides-10000", slides),
        _bytes_case("slides-5001-over-default-limit", slides_limit),
        _bytes_case("numbers-absurd", numbers),
        _bytes_case("slide-size-zero", zero_size),
        _bytes_case("text-40MiB-one-run", big_text),
        _bytes_case("text-300000-runs", many_runs),
        _bytes_case("image-8MiB-on-500-slides", shared_image),
    ]


def truncation_cases():
    data, offsets, cd = zip_build(list(deck(nslides=2).items()))
    cuts = sorted(set(offsets[1:] + [o + 30 for o in offsets] +
                      [cd, cd + 46, len(data) - 22, len(data) - 1]))
    return [_bytes_case(f"truncated-zip-at-{c}",
                        lambda e, c=c: data[:c]) for c in cuts]


def encrypted_cases():
    info = (struct.pack("<HHI", 4, 4, 0x40) +
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<encryption xmlns="http://schemas.microsoft.com/office/2006/'
            b'encryption"/>')
    package = struct.pack("<Q", 4096) + bytes(range(256)) * 16

    def enc(p, e):
        ole2(e.mkole, p, {"EncryptionInfo": info,
                          "EncryptedPackage": package})

    def enc_empty(p, e):
        ole2(e.mkole, p, {"EncryptedPackage": b""})

    return [Case("encrypted-ooxml", enc, "error", "password"),
            Case("encrypted-ooxml-empty-package", enc_empty, "error")]


def ppt_cases():
    def base(p, e):
        s, off, _ = ppt_stream(2)
        ppt_file(e.mkole, p, s, off)

    def self_loop(p, e):
        s, off, pd = ppt_stream()
        s = s[:off] + user_edit(off, pd, 4)
        ppt_file(e.mkole, p, s, off)

    def two_cycle(p, e):
        s, off, pd = ppt_stream()
        a = off
        b = off + len(user_edit(0, 0, 0))
        s = s[:off] + user_edit(b, pd, 4) + user_edit(a, pd, 4)
        ppt_file(e.mkole, p, s, b)

    def long_chain(p, e):
        s, off, pd = ppt_stream()
        body = bytearray(s[:off])
        n = len(user_edit(0, 0, 0))
        for i in range(20000):
            body += user_edit(off + (i - 1) * n if i else 0, pd, 4)
        ppt_file(e.mkole, p, bytes(body), off + 19999 * n)

    def edit_beyond(p, e):
        s, off, _ = ppt_stream()
        ppt_file(e.mkole, p, s, 0xFFFFFFF0)

    def pd_huge(p, e):
        s, off, pd = ppt_stream()
        bad = rec(0x1772, struct.pack("<I", (0xFFF << 20) | 0xFFFFF))
        s = s[:off] + bad + user_edit(0, off, 0xFFFFF)
        ppt_file(e.mkole, p, s, off + len(bad))

    def pd_points_to_itself(p, e):
        s, off, pd = ppt_stream()
        own = rec(0x1772, struct.pack("<II", (1 << 20) | 1, off) +
                  struct.pack("<II", (1 << 20) | 2, off))
        s = s[:off] + own + user_edit(0, off, 2)
        ppt_file(e.mkole, p, s, off + len(own))

    def pd_ids_overlap(p, e):
        s, off, pd = ppt_stream()
        entries = b"".join(struct.pack("<II", (1 << 20) | 1, 0)
                           for _ in range(5000))
        d = rec(0x1772, entries)
        s = s[:off] + d + user_edit(0, off, 2)
        ppt_file(e.mkole, p, s, off + len(d))

    def doc_len_lies(p, e):
        s, off, _ = ppt_stream(doc_len=0xFFFFFFF0)
        ppt_file(e.mkole, p, s, off)

    def child_longer(p, e):
        s, off, _ = ppt_stream(slides_extra=cont(0x0FF0, length=0x7FFFFFFF))
        ppt_file(e.mkole, p, s, off)

    def text_len_lies(p, e):
        s, off, _ = ppt_stream(text_rec=rec(0x0FA0, b"a\0b\0",
                                            length=0x7FFFFFFF))
        ppt_file(e.mkole, p, s, off)

    def deep(p, e):
        inner = b""
        for _ in range(50000):
            inner = cont(0x040C, inner)
        s, off, _ = ppt_stream(slides_extra=inner)
        ppt_file(e.mkole, p, s, off)

    def zero_len_flood(p, e):
        s, off, _ = ppt_stream(slides_extra=cont(0x040C) * 500000)
        ppt_file(e.mkole, p, s, off)

    def slides_100k(p, e):
        s, off, _ = ppt_stream(1, natoms=100000)
        ppt_file(e.mkole, p, s, off)

    def user_name_huge(p, e):
        s, off, _ = ppt_stream()
        ppt_file(e.mkole, p, s, off, cu=current_user(off, 0xFFFF))

    def cu_short(p, e):
        s, off, _ = ppt_stream()
        ppt_file(e.mkole, p, s, off, cu=b"\xf6\x0f")

    def empty_streams(p, e):
        ole2(e.mkole, p, {"Current User": b"", "PowerPoint Document": b""})

    def pictures_lie(p, e):
        s, off, _ = ppt_stream()
        blip = rec(0xF01E, b"\0" * 17 + png(8, 8), inst=0x6E0,
                   length=0x7FFFFFFF)
        ppt_file(e.mkole, p, s, off, extra={"Pictures": blip * 3})

    def ppt_truncated(p, e, cut):
        s, off, _ = ppt_stream(2)
        ppt_file(e.mkole, p, s[:cut], off)

    def ole_cut(p, e, cut):
        ppt_path = p + ".full"
        base(ppt_path, e)
        with open(ppt_path, "rb") as f:
            data = f.read()
        os.unlink(ppt_path)
        _write(p, data[:cut])

    cases = [
        Case("ppt-small-valid", base),
        Case("ppt-useredit-self-loop", self_loop),
        Case("ppt-useredit-two-cycle", two_cycle),
        Case("ppt-useredit-chain-20000", long_chain),
        Case("ppt-useredit-offset-beyond-stream", edit_beyond),
        Case("ppt-persistdir-count-lies", pd_huge),
        Case("ppt-persistdir-points-to-itself", pd_points_to_itself),
        Case("ppt-persistdir-5000-same-id", pd_ids_overlap),
        Case("ppt-document-length-lies", doc_len_lies),
        Case("ppt-child-longer-than-parent", child_longer),
        Case("ppt-text-length-lies", text_len_lies),
        Case("ppt-containers-nested-50000", deep),
        Case("ppt-500000-empty-containers", zero_len_flood),
        Case("ppt-slide-list-100000-atoms", slides_100k),
        Case("ppt-current-user-name-length-lies", user_name_huge),
        Case("ppt-current-user-truncated", cu_short),
        Case("ppt-empty-streams", empty_streams),
        Case("ppt-pictures-blip-length-lies", pictures_lie),
    ]
    for cut in (8, 100, 200):
        cases.append(Case(f"ppt-stream-truncated-at-{cut}",
                          lambda p, e, c=cut: ppt_truncated(p, e, c)))
    for cut in (512, 1536, 2560):
        cases.append(Case(f"ppt-ole2-truncated-at-{cut}",
                          lambda p, e, c=cut: ole_cut(p, e, c)))
    return cases


def misc_cases():
    return [
        _bytes_case("empty-file", lambda e: b"", expect="error"),
        _bytes_case("random-bytes", lambda e: bytes(
            (i * 7919 + 13) % 256 for i in range(65536)), expect="error"),
        _bytes_case("zip-without-presentation", lambda e: zip_build(
            [("a.txt", b"hi")])[0], expect="error"),
        _bytes_case("presentation-empty-part", lambda e: pptx(
            {**deck(), "ppt/presentation.xml": b""})),
        _bytes_case("presentation-not-xml", lambda e: pptx(
            {**deck(), "ppt/presentation.xml": b"\xff\xfe<p:pres"})),
        _bytes_case("slide-not-well-formed", lambda e: pptx(
            {**deck(), "ppt/slides/slide1.xml": b"<p:sld><a></b>"})),
        _bytes_case("only-pk-magic", lambda e: b"PK\3\4", expect="error"),
        _bytes_case("ole2-magic-only", lambda e:
                    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504,
                    expect="error"),
    ]


def file_cases(folder=os.path.join(os.path.dirname(
        os.path.abspath(__file__)), "inputs")):
    """Inputs kept as files (crashes found by the fuzzers): each must end
    cleanly like any other case."""
    def copy(src):
        def build(p, e):
            with open(src, "rb") as f:
                _write(p, f.read())
        return build
    if not os.path.isdir(folder):
        return []
    return [Case("file-" + n, copy(os.path.join(folder, n)))
            for n in sorted(os.listdir(folder)) if not n.startswith(".")]


def all_cases():
    """Every case, in a fixed order (the runner shards by index)."""
    return (misc_cases() + xml_cases() + bomb_cases() + traversal_cases() +
            external_cases() + injection_cases() + image_cases() +
            font_cases() + size_cases() +
            truncation_cases() + encrypted_cases() + ppt_cases() +
            file_cases())


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir")
    ap.add_argument("--mkole", required=True)
    ap.add_argument("--port", type=int, default=9)
    ap.add_argument("--secret", default="/nonexistent/secret")
    ap.add_argument("--only", default="", help="substring of case names")
    a = ap.parse_args()
    os.makedirs(a.outdir, exist_ok=True)
    env = Env(a.mkole, a.port, a.secret)
    for c in all_cases():
        if a.only in c.name:
            c.build(os.path.join(a.outdir, c.name), env)
            print(c.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
