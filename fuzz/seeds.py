#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (standard library only).

    fuzz/seeds.py OUTDIR [--mkole PATH] [--mkdeck PATH] [--corpus DIR]

OUTDIR/pptx, OUTDIR/ppt and OUTDIR/opc receive small inputs built in
code by tests/hostile/gen_hostile.py's builders (and OUTDIR/sign and
OUTDIR/multipart requests for the service's parsers): valid decks of a few
shapes, pictures, groups and tables, and a few broken ones. With
--mkdeck (tests/unit/mkdeck from the PPTX reader's tests) its decks are
added too; with --mkole (tests/hostile/mkole) the .ppt seeds are also
written as whole OLE2 files, besides fuzz-ppt's split form (u16 length,
Current User, PowerPoint Document). With --corpus (../shared/corpus,
skipped when absent) its decks under 64 KiB are added as they are.
"""

import argparse
import os
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "hostile"))
import gen_hostile as g  # noqa: E402


def trees():
    """Slide contents that reach most of the reader and the renderer."""
    group = ('<p:grpSp><p:nvGrpSpPr><p:cNvPr id="9" name="g"/>'
             '<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm>'
             '<a:off x="10" y="10"/><a:ext cx="500" cy="500"/><a:chOff '
             'x="0" y="0"/><a:chExt cx="1000" cy="1000"/></a:xfrm>'
             '</p:grpSpPr>' + g.sp(10, "in group") + '</p:grpSp>')
    table = ('<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="7" '
             'name="t"/><p:cNvGraphicFramePr/><p:nvPr/>'
             '</p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/><a:ext '
             'cx="3000000" cy="1000000"/></p:xfrm><a:graphic>'
             '<a:graphicData uri="http://schemas.openxmlformats.org/'
             'drawingml/2006/table"><a:tbl><a:tblGrid><a:gridCol '
             'w="1500000"/><a:gridCol w="1500000"/></a:tblGrid><a:tr '
             'h="500000"><a:tc><a:txBody><a:bodyPr/><a:p><a:r><a:t>a'
             '</a:t></a:r></a:p></a:txBody></a:tc><a:tc gridSpan="1">'
             '<a:txBody><a:bodyPr/><a:p><a:r><a:t>b</a:t></a:r></a:p>'
             '</a:txBody></a:tc></a:tr></a:tbl></a:graphicData>'
             '</a:graphic></p:graphicFrame>')
    styled = ('<p:sp><p:nvSpPr><p:cNvPr id="4" name="c"/><p:cNvSpPr/>'
              '<p:nvPr><p:ph type="title"/></p:nvPr></p:nvSpPr><p:spPr>'
              '<a:xfrm rot="5400000" flipV="1"><a:off x="1" y="2"/><a:ext '
              'cx="900000" cy="400000"/></a:xfrm><a:prstGeom '
              'prst="roundRect"><a:avLst><a:gd name="adj" fmla="val '
              '20000"/></a:avLst></a:prstGeom><a:solidFill><a:schemeClr '
              'val="accent1"><a:lumMod val="75000"/></a:schemeClr>'
              '</a:solidFill><a:ln w="12700"><a:prstDash val="dash"/>'
              '</a:ln></p:spPr><p:txBody><a:bodyPr anchor="ctr"/><a:p>'
              '<a:pPr lvl="1"><a:buChar char="-"/></a:pPr><a:r><a:rPr '
              'b="1" sz="2400"><a:solidFill><a:srgbClr val="FF0000"/>'
              '</a:solidFill></a:rPr><a:t>styled</a:t></a:r><a:br/><a:fld '
              'type="slidenum" id="{1}"><a:t>1</a:t></a:fld></a:p>'
              '</p:txBody></p:sp>')
    return {"group": group, "table": table, "styled": styled,
            "picture": g.pic(3, "rIdP")}


def wmf_record(fn, *words):
    return struct.pack("<IH%dH" % len(words), 3 + len(words), fn, *words)


def bare_wmf():
    """A WMF without the placeable header: a window, a 4 x 2 palette DIB
    that counts 0 colours (the two cases the renderer fixes for libwmf),
    a font and a line of text."""
    dib = struct.pack("<IiiHHIIiiII", 40, 4, 2, 1, 8, 0, 0, 0, 0, 0, 0)
    dib += bytes(b for i in range(256) for b in (i, i, i, 0))
    dib += bytes([0, 255, 0, 255, 255, 0, 0, 255])
    stretch = struct.pack("<IH8h", 0x00CC0020, 0, 2, 4, 0, 0, 100, 200,
                          0, 0) + dib
    font = struct.pack("<5h8B", -30, 0, 0, 0, 400, 0, 0, 0, 0, 0, 0, 0,
                       0) + b"Arial\0"
    body = (wmf_record(0x020B, 0, 0) + wmf_record(0x020C, 100, 200) +
            struct.pack("<IH", 3 + len(stretch) // 2, 0x0F43) + stretch +
            struct.pack("<IH", 3 + len(font) // 2, 0x02FB) + font +
            wmf_record(0x012D, 0) +
            wmf_record(0x0521, 5, 0x6548, 0x6C6C, 0x006F, 40, 10) +
            wmf_record(0x0000))
    size = (18 + len(body)) // 2
    return struct.pack("<HHHIHIH", 1, 9, 0x0300, size, 1,
                       3 + len(stretch) // 2, 0) + body


def pict():
    """A version 2 PICT with an extended header: a painted rectangle, a
    line, bold text in a named font, a packed 8-bit map with two colours
    and a 32-bit map packed one plane a component."""
    def op(code, data=b""):
        return struct.pack(">H", code) + data + b"\0" * (len(data) & 1)

    def rect(t, l, b, r):
        return struct.pack(">4h", t, l, b, r)

    pixmap = struct.pack(">HHIIIHHHHIII", 0, 0, 0, 72 << 16, 72 << 16, 0,
                         8, 1, 8, 0, 0, 0)
    ctab = struct.pack(">IHH4H4H", 0, 0, 1, 0, 0, 0, 0xFFFF, 1, 0xFFFF,
                       0xFFFF, 0)
    packbits = (struct.pack(">H", 0x8008) + rect(0, 0, 2, 8) + pixmap +
                ctab + rect(0, 0, 2, 8) + rect(70, 100, 90, 180) +
                b"\0\0" + bytes([2, 0xF9, 1, 9, 7, 0, 1, 0, 1, 0, 1, 0, 1]))
    direct = (struct.pack(">IH", 0xFF, 0x8020) + rect(0, 0, 1, 8) +
              struct.pack(">HHIIIHHHHIII", 0, 4, 0, 72 << 16, 72 << 16, 16,
                          32, 3, 8, 0, 0, 0) + rect(0, 0, 1, 8) +
              rect(0, 0, 10, 20) + b"\0\0" +
              bytes([6, 0xF9, 0xFF, 0xF9, 0, 0xF9, 0x80]))
    body = (op(0x0C00, struct.pack(">hHII", -2, 0, 72 << 16, 72 << 16) +
               rect(0, 0, 100, 200) + b"\0" * 4) +
            op(0x001A, struct.pack(">3H", 0xFFFF, 0, 0)) +
            op(0x0031, rect(10, 10, 50, 90)) +
            op(0x0020, struct.pack(">4h", 60, 10, 60, 190)) +
            op(0x002C, struct.pack(">HHB", 12, 21, 9) + b"Helvetica") +
            op(0x0003, struct.pack(">H", 21)) + op(0x0004, b"\1") +
            op(0x0028, struct.pack(">hhB", 80, 20, 5) + b"Hello") +
            op(0x002B, bytes([40, 0, 4]) + b"Caf\x8e") +
            op(0x0098, packbits) + op(0x009A, direct) + op(0x00FF))
    head = struct.pack(">H", 0) + rect(0, 0, 100, 200)
    return head + op(0x0011, b"\x02\xff") + body


def pptx_seeds():
    seeds = {"plain": g.pptx(g.deck()),
             "three-slides": g.pptx(g.deck(nslides=3)),
             "stored": g.pptx(g.deck(), store=True)}
    for name, tree in trees().items():
        seeds[name] = g.one_slide(tree, g.rel("rIdP", "image",
                                              "../media/a.png"),
                                  {"ppt/media/a.png": g.png(4, 4)})
    seeds["picture-wmf"] = g.one_slide(
        trees()["picture"], g.rel("rIdP", "image", "../media/a.wmf"),
        {"ppt/media/a.wmf": bare_wmf()})
    seeds["picture-pict"] = g.one_slide(
        trees()["picture"], g.rel("rIdP", "image", "../media/a.pict"),
        {"ppt/media/a.pict": pict()})
    return seeds


def ppt_seeds():
    seeds = {}
    for n in (1, 3):
        stream, edit, _ = g.ppt_stream(n, text=f"{n} slides")
        seeds[f"slides-{n}"] = (g.current_user(edit), stream)
    stream, edit, pd = g.ppt_stream(1)
    second = g.user_edit(edit, pd, 4)
    seeds["two-edits"] = (g.current_user(edit + len(second)),
                          stream + second)
    return seeds


def opc_seeds():
    seeds = dict(pptx_seeds())
    for part in ("ppt/presentation.xml", "ppt/slides/slide1.xml",
                 "[Content_Types].xml", "ppt/_rels/presentation.xml.rels"):
        name = "xml-" + part.replace("/", "_").strip("[]")
        seeds[name] = b"../media/a.png\n" + g.deck()[part]
    return seeds


def ink_seeds():
    """InkML parts as fuzz-ink reads them: explicit and difference-coded
    traces, two brushes, a dot, units other than Office's."""
    def ink(defs, traces):
        return ('<inkml:ink xmlns:inkml="http://www.w3.org/2003/InkML">'
                f"<inkml:definitions>{defs}</inkml:definitions>"
                f"<inkml:traceGroup>{traces}</inkml:traceGroup></inkml:ink>")
    fmt = ('<inkml:context xml:id="ctx0"><inkml:inkSource><inkml:traceFormat>'
           '<inkml:channel name="X"/><inkml:channel name="Y"/>'
           '<inkml:channel name="F"/></inkml:traceFormat>'
           '<inkml:channelProperties><inkml:channelProperty channel="X" '
           'name="resolution" value="{res}" units="{units}"/>'
           "</inkml:channelProperties></inkml:inkSource></inkml:context>")
    brush = ('<inkml:brush xml:id="{id}"><inkml:brushProperty name="width" '
             'value="{w}" units="cm"/><inkml:brushProperty name="color" '
             'value="{c}"/></inkml:brush>')
    two = (fmt.format(res=1000, units="1/cm")
           + brush.format(id="br0", w=0.1, c="#FF0000")
           + brush.format(id="br1", w=0.05, c="#00AA00"))
    return {
        "plain": ink(two, '<inkml:trace brushRef="#br0">100 200 7, '
                     "110 200 7, 125 210 7</inkml:trace>"),
        "differences": ink(two, '<inkml:trace brushRef="#br0">100 200 7,'
                           "'10'0'0,\"5\"0 9,\"-3\"2\"1,*'4 '-5 0"
                           '</inkml:trace><inkml:trace brushRef="#br1">'
                           "150 300 0</inkml:trace>"),
        "inches": ink(fmt.format(res=2540, units="1/in"),
                      "<inkml:trace>0 0, 2540 2540</inkml:trace>"),
    }


def sign_seeds():
    """SPEC section 2's three examples, as fuzz-sign reads them."""
    secret = "kKdBnfSJNnBjex9gczp6P9g2"
    return {
        "list": f"GET\n/jobs/list\nstatus=completed\n1489820220\n{secret}",
        "create": "POST\n/jobs\nfile_md5=be92023d515907f5faaac32c3605d7ec"
                  f"&_timestamp=1\n1490089532\n{secret}",
        "notify": "GET\n/notify\ntype=completed&token=8v9iSKnj&code=0&"
                  f"agent=06875f8b\n1490255398\n{secret}",
    }


def multipart_seeds():
    """Upload bodies as fuzz-multipart reads them (Content-Type line)."""
    def body(*fields):
        out = ""
        for name, value, filename in fields:
            disp = f'form-data; name="{name}"'
            if filename:
                disp += f'; filename="{filename}"'
            out += (f"--XyZ\r\nContent-Disposition: {disp}\r\n"
                    + ("Content-Type: application/octet-stream\r\n"
                       if filename else "") + f"\r\n{value}\r\n")
        return out + "--XyZ--\r\n"
    ct = "multipart/form-data; boundary=XyZ\n"
    md5 = "be92023d515907f5faaac32c3605d7ec"
    return {
        "upload": ct + body(("file_md5", md5, None),
                            ("file_source", "PK\x03\x04deck", "a.pptx")),
        "two-files": ct + body(("file_source", "a", "a.ppt"),
                               ("file_source", "b", "b.ppt")),
        "fields-only": ct + body(("file_md5", md5, None),
                                 ("_method", "POST", None)),
        "big": ct + body(("file_source", "x" * 5000, "big.pptx")),
        "urlencoded": "application/x-www-form-urlencoded\nfile_md5=" + md5,
    }


def corpus_seeds(top, cap=64 << 10):
    """Small real decks: yields (kind, name, bytes)."""
    for root, _, files in sorted(os.walk(top)):
        for f in sorted(files):
            kind = {".ppt": "ppt", ".pptx": "pptx"}.get(
                os.path.splitext(f)[1].lower())
            path = os.path.join(root, f)
            if kind and os.path.getsize(path) <= cap:
                with open(path, "rb") as fh:
                    name = os.path.relpath(path, top).replace("/", "_")
                    yield kind, "corpus-" + name, fh.read()


def write(folder, name, data):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir")
    ap.add_argument("--mkole")
    ap.add_argument("--mkdeck")
    ap.add_argument("--corpus")
    a = ap.parse_args()

    for name, data in pptx_seeds().items():
        write(os.path.join(a.outdir, "pptx"), name, data)
    for name, data in opc_seeds().items():
        write(os.path.join(a.outdir, "opc"), name, data)
    for name, text in ink_seeds().items():
        write(os.path.join(a.outdir, "ink"), name, text.encode())
    for name, text in sign_seeds().items():
        write(os.path.join(a.outdir, "sign"), name, text.encode())
    for name, text in multipart_seeds().items():
        write(os.path.join(a.outdir, "multipart"), name, text.encode())
    for name, (cu, doc) in ppt_seeds().items():
        write(os.path.join(a.outdir, "ppt"), name + ".split",
              struct.pack("<H", len(cu)) + cu + doc)
        if a.mkole:
            path = os.path.join(a.outdir, "ppt", name + ".ppt")
            g.ole2(a.mkole, path, {"Current User": cu,
                                   "PowerPoint Document": doc})
    if a.corpus and os.path.isdir(a.corpus):
        for kind, name, data in corpus_seeds(a.corpus):
            write(os.path.join(a.outdir, kind), name, data)
            if kind == "pptx":
                write(os.path.join(a.outdir, "opc"), name, data)
    if a.mkdeck:
        for n in (1, 4):
            path = os.path.join(a.outdir, "pptx", f"mkdeck-{n}")
            subprocess.run([a.mkdeck, path, "--slides", str(n)],
                           check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
