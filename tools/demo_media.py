#!/usr/bin/env python3
"""Builds and checks the media files of Aula's bundled demo library.

Everything is original, synthetic material ("Oficios del Cielo": growing and weaving clouds).
Videos come from FFmpeg lavfi sources (gradients + drawtext + aevalsrc); the PNG is drawn by
FFmpeg; the PDFs, ZIP, CSV, WebVTT, text and HTML files are written by this script with the
standard library only. The output is byte-for-byte reproducible with the same FFmpeg/x264 build.

Usage (normally through tools/make-demo-media.sh):
    python3 tools/demo_media.py build  [--out DIR]   # (re)write every media file
    python3 tools/demo_media.py verify [--out DIR]   # check refs, codecs, layout, sizes
    python3 tools/demo_media.py list   [--out DIR]   # print the owned paths
"""

import argparse
import csv
import io
import json
import os
import re
import shlex
import shutil
import struct
import subprocess
import sys
import tempfile
import textwrap
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "src", "main", "webapp", "WEB-INF", "aula-demo"))
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
MAX_TOTAL_BYTES = 5_000_000          # the spec's 5 MB budget, counted in decimal megabytes
WIDTH, HEIGHT, FPS = 426, 240, 15
GOP_SECONDS = 2

# --------------------------------------------------------------------------------------------
# Videos
# --------------------------------------------------------------------------------------------

THEMES = {
    # gradient top, gradient bottom, title-card colour, heading text colour
    "dia":    dict(top="0x2f6fb5", bottom="0xbfe2ff", card="0x1d3557", ink="0x12304f"),
    "alba":   dict(top="0x3b3b98", bottom="0xf6b38e", card="0x2b2452", ink="0x2b2452"),
    "niebla": dict(top="0x5f6f80", bottom="0xdfe6ed", card="0x39424e", ink="0x2a323c"),
}

# Each video: title card from 0 to the first section start, then sections [start, next start).
# `cues` feed the .vtt file (when `vtt` is set); they stay inside the video's duration.
VIDEOS = [
    dict(
        path="fundamentos/01-bienvenida.mp4",
        vtt="fundamentos/01-bienvenida.vtt",
        duration=20, theme="dia", profile="main", sample_rate=48000,
        kicker="Fundamentos de Nubicultura · Clase 1",
        title="Bienvenida al vivero de nubes",
        chord=(261.63, 329.63, 392.00), chime=1046.50,
        sections=[(4, "Qué es la nubicultura"), (10, "Tu equipo básico"), (16, "¡Empecemos!")],
        scene="cielo",
        cues=[
            (0.5, 4.0, "¡Hola! Te damos la bienvenida al vivero de nubes."),
            (4.0, 7.0, "La nubicultura es el oficio de criar nubes pequeñas en casa."),
            (7.0, 10.0, "Solo necesitas paciencia, una ventana al norte y algo de rocío."),
            (10.0, 13.0, "Tu equipo básico: un higrómetro, una regadera fina\ny un frasco de vidrio."),
            (13.0, 16.0, "Guarda la guía de especies: la usaremos en cada lección."),
            (16.0, 19.5, "¿Lista la ventana? ¡Empecemos a sembrar el cielo!"),
        ],
    ),
    dict(
        path="fundamentos/02-anatomia-de-un-cumulo.mp4",
        vtt="fundamentos/02-anatomia-de-un-cumulo.vtt",
        duration=100, theme="dia", profile="main", sample_rate=48000,
        kicker="Fundamentos de Nubicultura · Clase 2",
        title="Anatomía de un cúmulo doméstico",
        chord=(174.61, 220.00, 261.63), chime=880.00,
        sections=[(4, "1. La base plana"), (16, "2. El cuerpo de algodón"),
                  (28, "3. Las torres de convección"), (40, "4. El borde deshilachado"),
                  (52, "5. Temperatura y rocío"), (64, "6. Cómo medir la humedad"),
                  (76, "7. Errores frecuentes"), (88, "8. Resumen y despedida")],
        scene="cumulo",
        cues=[
            (0.5, 4.0, "Hoy abrimos un cúmulo doméstico para ver cómo está hecho."),
            (4.0, 10.0, "Todo cúmulo empieza por abajo: una base plana,\ncasi como una bandeja."),
            (10.0, 16.0, "La base marca la altura a la que el vapor se vuelve gotita."),
            (16.0, 22.0, "Encima crece el cuerpo: algodón blanco, esponjoso y tibio."),
            (22.0, 28.0, "Si lo tocas con cuidado, notarás que está más frío por dentro."),
            (28.0, 34.0, "Las torres suben cuando el aire caliente empuja desde la maceta."),
            (34.0, 40.0, "Una torre demasiado alta avisa de tormenta: ¡poda a tiempo!"),
            (40.0, 46.0, "El borde deshilachado indica que la nube está respirando."),
            (46.0, 52.0, "Un borde liso y duro, en cambio, suele ser señal de sed."),
            (52.0, 58.0, "La temperatura ideal está entre doce y dieciséis grados."),
            (58.0, 64.0, "Con rocío de madrugada, el cúmulo se mantiene compacto."),
            (64.0, 70.0, "Mide la humedad tres veces al día con el higrómetro."),
            (70.0, 76.0, "Anota cada lectura en el registro: así verás la tendencia."),
            (76.0, 82.0, "Error frecuente: abrir la ventana del sur a mediodía."),
            (82.0, 88.0, "Otro error: regar con agua del grifo. Usa siempre rocío."),
            (88.0, 94.0, "Resumen: base plana, cuerpo de algodón, torres y borde vivo."),
            (94.0, 99.5, "En la próxima clase mediremos la densidad. ¡Hasta pronto!"),
        ],
    ),
    dict(
        path="fundamentos/04-riego-con-rocio.mp4",
        vtt=None,
        # The catalogue marks this class videoPlayback:"compat". The file itself stays a plain,
        # browser-friendly MP4 (baseline profile, 44.1 kHz audio) so raw fallback always works.
        duration=16, theme="alba", profile="baseline", sample_rate=44100,
        kicker="Fundamentos de Nubicultura · Clase 4",
        title="Riego con rocío de madrugada",
        chord=(146.83, 220.00, 293.66), chime=1174.66,
        sections=[(4, "Recoge el rocío antes del alba"), (10, "Riega en espiral, de fuera adentro")],
        scene="rocio",
        cues=[],
    ),
    dict(
        path="niebla/01-preparar-el-telar.mp4",
        vtt=None,
        duration=14, theme="niebla", profile="main", sample_rate=48000,
        kicker="Taller de Tejido de Niebla · Clase 1",
        title="Preparar el telar y la lanzadera",
        chord=(220.00, 261.63, 329.63), chime=659.25,
        sections=[(4, "Tensa la urdimbre de bruma"), (9, "Carga la lanzadera")],
        scene="telar",
        cues=[],
    ),
    dict(
        path="niebla/02-primer-panuelo.mp4",
        vtt="niebla/02-primer-panuelo.vtt",
        duration=18, theme="niebla", profile="main", sample_rate=48000,
        kicker="Taller de Tejido de Niebla · Clase 2",
        title="Tu primer pañuelo de bruma",
        chord=(196.00, 246.94, 293.66), chime=783.99,
        sections=[(4, "Primeras pasadas"), (11, "Rematar y doblar")],
        scene="telar",
        cues=[
            (0.5, 4.0, "Vamos a tejer tu primer pañuelo de bruma."),
            (4.0, 7.5, "Pasa la lanzadera despacio: la niebla se rompe si tiras fuerte."),
            (7.5, 11.0, "Después de cada pasada, aprieta la trama con el peine."),
            (11.0, 14.5, "Para rematar, anuda los hilos de dos en dos."),
            (14.5, 17.5, "Dobla el pañuelo en cuatro y guárdalo en un frasco cerrado."),
        ],
    ),
]


def esc_value(value):
    """Escapes an option value for a filtergraph (option level, then graph level)."""
    value = re.sub(r"([\\':])", r"\\\1", str(value))
    return re.sub(r"([\\'\[\],;])", r"\\\1", value)


def filt(name, **opts):
    if not opts:
        return name
    return name + "=" + ":".join(f"{k}={esc_value(v)}" for k, v in opts.items())


class TextFiles:
    """drawtext reads every text from a UTF-8 file, which sidesteps filtergraph escaping."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.n = 0

    def __call__(self, text):
        self.n += 1
        path = os.path.join(self.tmp, f"t{self.n:03d}.txt")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        return path


def mmss(seconds):
    seconds = int(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"


def video_graph(v, texts):
    th = THEMES[v["theme"]]
    d = v["duration"]
    card_end = v["sections"][0][0]
    chain = [filt("gradients", s=f"{WIDTH}x{HEIGHT}", r=FPS, d=d, c0=th["top"], c1=th["bottom"],
                  x0=0, y0=0, x1=0, y1=HEIGHT, speed=0.00001, seed=7),
             filt("format", pix_fmts="yuv420p")]

    def text(txt, font=FONT, expansion="none", **opts):
        chain.append(filt("drawtext", fontfile=font, textfile=texts(txt), expansion=expansion, **opts))

    def box(x, y, w, h, color, enable=None):
        o = dict(x=x, y=y, w=w, h=h, color=color, t="fill")
        if enable:
            o["enable"] = enable
        chain.append(filt("drawbox", **o))

    # Scene: drifting clouds and a few scene-specific props.
    scene = v["scene"]
    text("☁", fontsize=84, fontcolor="white@0.92", x="mod(30+t*11,560)-120", y=38)
    text("☁", fontsize=56, fontcolor="white@0.80", x="mod(300+t*7,560)-120", y=118)
    if scene == "cumulo":
        text("☁", fontsize=170, fontcolor="white", x="(w-text_w)/2", y=80)   # glyph: y 81-141
        box(118, 142, 190, 2, "0x1d3557@0.8")       # the flat base sits on the condensation level
        text("nivel de condensación", fontsize=10, fontcolor="0x1d3557", x="(w-text_w)/2", y=148)
    elif scene == "rocio":
        for i, x in enumerate((70, 140, 215, 290, 360)):
            text("•", fontsize=18, fontcolor="0xd8f3ff@0.95", x=x, y=f"70+mod(t*45+{i * 37},130)")
    elif scene == "telar":
        for i in range(13):
            box(118 + i * 15, 70, 2, 130, "white@0.55")  # warp threads
        box(110, 66, 206, 4, "0x8a6f4d")               # loom beam
        box(110, 200, 206, 4, "0x8a6f4d")
        box(110, 128, 206, 2, "white@0.35")            # the weft line the shuttle follows
        text("◆", fontsize=24, fontcolor="0x8a6f4d", x="112+184*abs(mod(t/3,2)-1)", y=117)
    else:
        text("☁", fontsize=40, fontcolor="white@0.75", x="mod(150+t*15,560)-120", y=160)

    # Section headings (content phase).
    starts = [s for s, _ in v["sections"]] + [d]
    for i, (s, heading) in enumerate(v["sections"]):
        e = starts[i + 1]
        en = f"between(t,{s},{e - 0.001})"
        text(heading, font=FONT_BOLD, fontsize=17, fontcolor=th["ink"], box=1,
             boxcolor="white@0.78", boxborderw=6, x=12, y=12, enable=en)
        text(f"Sección {i + 1} de {len(v['sections'])}", fontsize=11, fontcolor="white",
             box=1, boxcolor="black@0.35", boxborderw=3, x=12, y=44, enable=en)

    # Title card.
    en = f"lt(t,{card_end})"
    box(0, 0, WIDTH, HEIGHT, th["card"] + "@0.88", enable=en)
    text("☁", fontsize=64, fontcolor="white@0.95", x="(w-text_w)/2", y=34, enable=en)
    text(v["kicker"], fontsize=13, fontcolor="0xcfe3ff", x="(w-text_w)/2", y=116, enable=en)
    text(v["title"], font=FONT_BOLD, fontsize=21, fontcolor="white", x="(w-text_w)/2", y=140, enable=en)
    text("Oficios del Cielo", fontsize=11, fontcolor="white@0.75", x="(w-text_w)/2", y=186, enable=en)

    # Always visible: footer, clock ("m:ss / m:ss", like the viewer) and a progress bar.
    text("Aula · biblioteca de demostración", fontsize=10, fontcolor="white", box=1,
         boxcolor="black@0.35", boxborderw=3, x=8, y=HEIGHT - 24)
    text("%{eif:t/60:d}:%{eif:mod(t,60):d:2} / " + mmss(d), expansion="normal", fontsize=13,
         fontcolor="white", box=1, boxcolor="black@0.45", boxborderw=4, x="w-text_w-10", y=HEIGHT - 26)
    graph = ",".join(chain) + " [bg]; "
    graph += filt("color", c="0xffd166", s=f"{WIDTH}x4", r=FPS) + " [bar]; "
    graph += "[bg][bar] " + filt("overlay", x=f"-w+w*t/{d}", y=f"H-4", eval="frame", shortest=1) + " [v]; "

    # Audio: a soft three-note pad with a slow swell and a chime at every section start.
    f1, f2, f3 = v["chord"]
    pad = (f"(0.045*sin(2*PI*{f1}*t)+0.030*sin(2*PI*{f2}*t)+0.022*sin(2*PI*{f3}*t))"
           f"*(0.75+0.25*sin(2*PI*0.2*t))")
    chimes = "+".join(f"gte(t,{s})*0.07*exp(-4*(t-{s}))*sin(2*PI*{v['chime']}*t)"
                      for s in [0.2] + [s for s, _ in v["sections"]])
    expr = pad + "+" + chimes
    if scene == "rocio":   # dew drops: a tiny plink every 1.5 s
        expr += "+0.03*exp(-14*mod(t,1.5))*sin(2*PI*1567.98*t)"
    graph += ",".join([
        filt("aevalsrc", exprs=expr, s=v["sample_rate"], d=d, c="mono"),
        filt("afade", t="in", st=0, d=1),
        filt("afade", t="out", st=d - 1.5, d=1.5),
    ]) + " [a]"
    return graph


def ffmpeg_video_cmd(v, graph_file, out_file):
    d = v["duration"]
    return [
        "ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
        "-filter_complex_script", graph_file,
        "-map", "[v]", "-map", "[a]", "-t", str(d),
        "-c:v", "libx264", "-profile:v", v["profile"], "-level:v", "3.0", "-preset", "slow",
        "-crf", "30", "-maxrate", "160k", "-bufsize", "320k", "-pix_fmt", "yuv420p",
        "-g", str(FPS * GOP_SECONDS), "-keyint_min", str(FPS * GOP_SECONDS), "-sc_threshold", "0",
        # No B-frames: pts == dts, so FFmpeg's copy-mode compat stream (media.md §6.5) starts
        # its video at exactly 0 instead of two frames late.
        "-bf", "0", "-threads", "1",
        "-c:a", "aac", "-b:a", "32k", "-ac", "1", "-ar", str(v["sample_rate"]),
        "-map_metadata", "-1", "-metadata", f"title={v['title']}",
        "-metadata:s:a:0", "language=spa",
        "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
        "-movflags", "+faststart", out_file,
    ]


def vtt_time(t):
    ms = int(round(t * 1000))
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def vtt_text(v):
    out = ["WEBVTT", "",
           f"NOTE {v['title']} — subtítulos en español (contenido sintético de la demo de Aula).", ""]
    for i, (s, e, txt) in enumerate(v["cues"], 1):
        txt = txt.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        out += [f"{i}", f"{vtt_time(s)} --> {vtt_time(e)}", txt, ""]
    return "\n".join(out)


# --------------------------------------------------------------------------------------------
# PNG: the nursery plan, drawn by FFmpeg
# --------------------------------------------------------------------------------------------

def png_graph(texts):
    w, h = 640, 400
    chain = [filt("color", c="0xf4efe1", s=f"{w}x{h}", r=1, d=1),
             filt("drawgrid", w=20, h=20, t=1, c="0xd9cfb4"),
             filt("format", pix_fmts="rgb24")]

    def box(x, y, bw, bh, color, t="fill"):
        chain.append(filt("drawbox", x=x, y=y, w=bw, h=bh, color=color, t=t))

    def text(txt, x, y, size=14, font=FONT, color="0x3b3325"):
        chain.append(filt("drawtext", fontfile=font, textfile=texts(txt), expansion="none",
                          fontsize=size, fontcolor=color, x=x, y=y))

    box(20, 60, 600, 320, "0x6b5b3e", t=4)                 # outer wall
    box(280, 372, 80, 8, "0xf4efe1")                        # door gap
    text("Plano del vivero de nubes", 20, 16, 22, FONT_BOLD)
    text("Escala: 1 cuadro = 50 cm · ventana al norte", 372, 26, 11)
    box(60, 56, 200, 8, "0x7fb3e6")                         # north window
    text("Ventana norte", 120, 40, 12)
    beds = [
        (50, 90, 170, 110, "0xdcecfb", "Cúmulos", "de alféizar"),
        (240, 90, 160, 110, "0xe8eef5", "Estratos", "de pasillo"),
        (420, 90, 170, 110, "0xf3f0ff", "Cirros jóvenes", "(semillero)"),
        (50, 230, 170, 110, "0xe5e5e5", "Niebla", "de bañera"),
        (420, 230, 170, 110, "0xe0e6f0", "Nimbos", "¡con tapa!"),
    ]
    for x, y, bw, bh, color, name, sub in beds:
        box(x, y, bw, bh, color)
        box(x, y, bw, bh, "0x8c7b5a", t=2)
        text("☁", x + 10, y + 10, 30, FONT, "0x9fb8d0")
        text(name, x + 12, y + bh - 44, 15, FONT_BOLD)
        text(sub, x + 12, y + bh - 24, 12)
    box(250, 240, 140, 90, "0xcfe8d8")                      # dew basin
    box(250, 240, 140, 90, "0x4f7d63", t=2)
    text("Pila de rocío", 268, 270, 14, FONT_BOLD)
    text("higrómetro ◆", 268, 292, 12)
    text("N ↑", 590, 70, 14, FONT_BOLD)
    text("Entrada", 292, 352, 11)
    return ",".join(chain) + " [v]"


# --------------------------------------------------------------------------------------------
# Minimal PDF writer (Helvetica, WinAnsiEncoding, exact xref offsets)
# --------------------------------------------------------------------------------------------

def pdf_str(s):
    b = s.encode("cp1252")
    return b"(" + b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


class Page:
    def __init__(self):
        self.ops = []

    def text(self, x, y, s, size=11, bold=False, rgb=(0.1, 0.15, 0.25)):
        font = "/F2" if bold else "/F1"
        self.ops.append(b"%.3f %.3f %.3f rg BT %s %d Tf %.1f %.1f Td %s Tj ET"
                        % (*rgb, font.encode(), size, x, y, pdf_str(s)))

    def paragraph(self, x, y, s, size=11, width_chars=88, leading=None):
        leading = leading or size * 1.35
        for line in textwrap.wrap(s, width_chars):
            self.text(x, y, line, size)
            y -= leading
        return y

    def rect(self, x, y, w, h, fill=None, stroke=None, lw=1):
        ops = []
        if fill:
            ops.append(b"%.3f %.3f %.3f rg" % fill)
        if stroke:
            ops.append(b"%.3f %.3f %.3f RG %.2f w" % (*stroke, lw))
        op = b"B" if fill and stroke else (b"f" if fill else b"S")
        ops.append(b"%.1f %.1f %.1f %.1f re %s" % (x, y, w, h, op))
        self.ops.append(b" ".join(ops))

    def circle(self, cx, cy, r, fill):
        k = 0.5523 * r
        self.ops.append(
            b"%.3f %.3f %.3f rg %.1f %.1f m " % (*fill, cx + r, cy)
            + b"%.1f %.1f %.1f %.1f %.1f %.1f c " % (cx + r, cy + k, cx + k, cy + r, cx, cy + r)
            + b"%.1f %.1f %.1f %.1f %.1f %.1f c " % (cx - k, cy + r, cx - r, cy + k, cx - r, cy)
            + b"%.1f %.1f %.1f %.1f %.1f %.1f c " % (cx - r, cy - k, cx - k, cy - r, cx, cy - r)
            + b"%.1f %.1f %.1f %.1f %.1f %.1f c f" % (cx + k, cy - r, cx + r, cy - k, cx + r, cy))

    def cloud(self, x, y, s, fill=(0.86, 0.92, 0.98)):
        for dx, dy, r in ((0, 0, 1.0), (1.1, 0.35, 1.25), (2.3, 0.1, 0.95), (1.2, -0.35, 0.9)):
            self.circle(x + dx * s, y + dy * s, r * s, fill)

    def content(self):
        return b"\n".join(self.ops) + b"\n"


def pdf_document(pages, title):
    """Returns PDF bytes. Objects: 1 catalog, 2 pages, 3 info, 4-5 fonts, then page/content pairs."""
    n = len(pages)
    page_ids = [6 + 2 * i for i in range(n)]
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R /Lang (es-ES) >>",
        2: b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % p for p in page_ids), n),
        3: b"<< /Title <FEFF%s> /Producer (Aula tools/demo_media.py) >>"
           % title.encode("utf-16-be").hex().upper().encode(),
        4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    }
    for pid, page in zip(page_ids, pages):
        data = zlib.compress(page.content(), 9)
        objs[pid] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                     b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents %d 0 R >>" % (pid + 1))
        objs[pid + 1] = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(data), data)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objs):
        offsets[num] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (num, objs[num])
    xref = len(out)
    size = max(objs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        out += b"%010d 00000 n \n" % offsets[num]
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 3 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def guia_de_especies_pdf():
    p1 = Page()
    p1.rect(0, 772, 595, 70, fill=(0.114, 0.208, 0.341))
    p1.cloud(500, 802, 13, fill=(0.95, 0.97, 1.0))
    p1.text(50, 805, "Guía de especies de nubes domésticas", 22, bold=True, rgb=(1, 1, 1))
    p1.text(50, 785, "Oficios del Cielo · Curso de Fundamentos de Nubicultura", 11, rgb=(0.8, 0.89, 1))
    y = p1.paragraph(50, 740, "Esta guía resume las cinco especies que se crían con más facilidad en "
                     "un piso corriente. Todas son ficticias y amables: ninguna moja la alfombra si "
                     "se respeta su humedad. Consulta la tabla antes de elegir la maceta.")
    y -= 14
    cols = [(50, "Especie"), (190, "Humedad"), (265, "Luz"), (345, "Carácter")]
    p1.rect(45, y - 6, 505, 22, fill=(0.86, 0.92, 0.98))
    for x, h in cols:
        p1.text(x, y, h, 11, bold=True)
    rows = [
        ("Cúmulo de alféizar", "70–80 %", "norte", "alegre, crece rápido"),
        ("Estrato de pasillo", "85–90 %", "penumbra", "tranquilo, algo perezoso"),
        ("Cirro de estantería", "40–55 %", "indirecta", "delicado, se deshilacha"),
        ("Nimbo de maceta", "95 %", "poca", "¡gruñón! siempre con tapa"),
        ("Niebla de bañera", "100 %", "ninguna", "tímida, ideal para tejer"),
    ]
    for name, hum, luz, car in rows:
        y -= 24
        p1.rect(45, y - 7, 505, 0.6, fill=(0.7, 0.75, 0.82))
        for (x, _), val in zip(cols, (name, hum, luz, car)):
            p1.text(x, y, val, 10.5)
    y -= 40
    p1.text(50, y, "Señales de alarma", 14, bold=True)
    for item in ("• Borde liso y duro: la nube tiene sed; riega con rocío al amanecer.",
                 "• Torres de más de un palmo: poda suave con la regadera fina.",
                 "• Gotitas en el cristal: exceso de humedad; abre la ventana norte diez minutos.",
                 "• Color gris plomo en un cúmulo: sepáralo de los nimbos cuanto antes."):
        y -= 18
        p1.text(58, y, item, 10.5)
    p1.text(50, 40, "Página 1 de 2 · Material sintético de la demo de Aula", 9, rgb=(0.45, 0.5, 0.58))

    p2 = Page()
    p2.text(50, 790, "Siluetas de referencia", 18, bold=True)
    for i, (name, s) in enumerate((("Cúmulo", 22), ("Estrato", 14), ("Cirro", 9), ("Nimbo", 20))):
        x = 70 + i * 128
        p2.cloud(x, 700, s, fill=(0.55 + 0.1 * i, 0.68 + 0.06 * i, 0.85))
        p2.text(x - 8, 650, name, 11, bold=True)
    p2.text(50, 600, "Calendario de cuidados", 14, bold=True)
    y = 580
    for day, task in (("Lunes", "Medir humedad mañana, tarde y noche."),
                      ("Miércoles", "Riego con rocío de madrugada (ver clase 4)."),
                      ("Viernes", "Poda de torres y revisión del borde."),
                      ("Domingo", "Descanso: cortina entornada y música suave.")):
        p2.text(58, y, day, 10.5, bold=True)
        p2.text(150, y, task, 10.5)
        y -= 18
    p2.paragraph(50, y - 20, "Consejo: una nube bien cuidada pesa menos que un suspiro, pero un "
                 "cúmulo adulto puede ocupar una habitación entera. Empieza con un ejemplar pequeño "
                 "y apunta cada cambio en el registro de humedad.", 10.5)
    p2.text(50, 40, "Página 2 de 2 · Material sintético de la demo de Aula", 9, rgb=(0.45, 0.5, 0.58))
    return pdf_document([p1, p2], "Guía de especies de nubes")


def patron_trama_pdf():
    p = Page()
    p.text(50, 790, "Patrón de trama básica", 22, bold=True)
    p.text(50, 768, "Taller de Tejido de Niebla · tafetán de bruma, 12 × 12 pasadas", 11,
           rgb=(0.35, 0.42, 0.5))
    cell, x0, y0 = 24, 155, 420
    for r in range(12):
        for c in range(12):
            up = (r + c) % 2 == 0
            fill = (0.36, 0.44, 0.55) if up else (0.88, 0.91, 0.94)
            p.rect(x0 + c * cell, y0 + r * cell, cell - 2, cell - 2, fill=fill)
    p.rect(x0 - 4, y0 - 4, 12 * cell + 6, 12 * cell + 6, stroke=(0.2, 0.25, 0.3), lw=1.2)
    p.rect(50, 380, 14, 14, fill=(0.36, 0.44, 0.55))
    p.text(70, 383, "urdimbre por encima (hilo de bruma tensado)", 10.5)
    p.rect(50, 360, 14, 14, fill=(0.88, 0.91, 0.94))
    p.text(70, 363, "trama por encima (pasada de niebla fresca)", 10.5)
    y = 325
    p.text(50, y, "Pasos", 14, bold=True)
    for step in ("1. Tensa doce hilos de urdimbre; deben vibrar como una cuerda de guitarra.",
                 "2. Carga la lanzadera con niebla recogida esa misma mañana.",
                 "3. Pasa la lanzadera por encima de un hilo y por debajo del siguiente.",
                 "4. En la pasada de vuelta, invierte el orden: así se forma el damero.",
                 "5. Aprieta con el peine cada dos pasadas, sin aplastar la bruma.",
                 "6. Remata anudando los hilos de dos en dos y dobla el pañuelo en cuatro."):
        y -= 19
        p.text(58, y, step, 10.5)
    p.text(50, 40, "Material sintético de la demo de Aula · Oficios del Cielo", 9, rgb=(0.45, 0.5, 0.58))
    return pdf_document([p], "Patrón de trama básica")


# --------------------------------------------------------------------------------------------
# Text documents
# --------------------------------------------------------------------------------------------

HTML_STYLE = """  <style>
    :root { color-scheme: light; }
    body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0;
           padding: 1.25rem; color: #1b2a3a; background: #fbfdff; }
    main { max-width: 46rem; margin: 0 auto; }
    h1 { font-size: 1.45rem; margin: 0 0 .25rem; color: #1d3557; }
    h2 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; color: #1d3557; }
    .kicker { margin: 0 0 1rem; color: #52657a; font-size: .9rem; }
    .tip { border-left: 4px solid #7fb3e6; background: #eef6fe; padding: .6rem .9rem; border-radius: 4px; }
    table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
    th, td { border-bottom: 1px solid #d5dfea; padding: .35rem .5rem; text-align: left; }
    th { background: #eef3f8; }
    svg { float: right; margin: 0 0 .5rem 1rem; }
  </style>"""

CLOUD_SVG = ('<svg width="96" height="60" viewBox="0 0 96 60" role="img" aria-label="Nube">'
             '<g fill="#cfe3f7"><circle cx="28" cy="36" r="18"/><circle cx="50" cy="26" r="22"/>'
             '<circle cx="72" cy="38" r="16"/><rect x="20" y="38" width="62" height="16" rx="8"/></g></svg>')


def html_page(title, kicker, body):
    return f"""<!DOCTYPE html>
<html lang="es">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title}</title>
{HTML_STYLE}
</head>
<body>
<main>
  {CLOUD_SVG}
  <h1>{title}</h1>
  <p class="kicker">{kicker}</p>
{body}
</main>
</body>
</html>
"""


RESUMEN_BIENVENIDA = html_page(
    "Resumen: Bienvenida al vivero de nubes",
    "Curso de Fundamentos de Nubicultura · Módulo 1 · Clase 1",
    """  <p>La <strong>nubicultura</strong> es el oficio de criar nubes pequeñas en casa. En esta clase
  conociste el vivero, las normas básicas y el equipo con el que trabajarás durante el curso.</p>
  <h2>Ideas clave</h2>
  <ul>
    <li>Una nube doméstica necesita <strong>paciencia, luz norte y rocío</strong>, no agua del grifo.</li>
    <li>Cada especie tiene su humedad ideal: consúltala en la <em>Guía de especies</em>.</li>
    <li>El vivero se organiza por bancales; mira el <em>Plano del vivero</em> antes de sembrar.</li>
  </ul>
  <h2>Equipo básico</h2>
  <table>
    <thead><tr><th>Herramienta</th><th>Para qué sirve</th></tr></thead>
    <tbody>
      <tr><td>Higrómetro</td><td>Medir la humedad relativa tres veces al día.</td></tr>
      <tr><td>Regadera fina</td><td>Repartir el rocío en espiral, sin aplastar el cuerpo.</td></tr>
      <tr><td>Frasco de vidrio</td><td>Guardar semillas de niebla y pañuelos terminados.</td></tr>
    </tbody>
  </table>
  <p class="tip">Consejo: abre la ventana norte diez minutos cada mañana. ¡Tu primera nube lo agradecerá!</p>""")

RESUMEN_RIEGO = html_page(
    "Resumen: Riego con rocío de madrugada",
    "Curso de Fundamentos de Nubicultura · Módulo 2 · Clase 4",
    """  <p>El rocío es el único riego que una nube doméstica tolera sin encogerse. Se recoge antes del
  alba, cuando el aire está quieto y la hierba del balcón todavía brilla.</p>
  <h2>Paso a paso</h2>
  <ol>
    <li>Coloca un paño de lino sobre la hierba a las cinco y media.</li>
    <li>Escúrrelo en la regadera fina antes de que salga el sol.</li>
    <li>Riega <strong>en espiral, de fuera adentro</strong>, a un palmo de la nube.</li>
    <li>Anota la humedad en el registro diez minutos después.</li>
  </ol>
  <h2>Dosis orientativas</h2>
  <table>
    <thead><tr><th>Especie</th><th>Rocío por riego</th></tr></thead>
    <tbody>
      <tr><td>Cúmulo de alféizar</td><td>40–60 ml</td></tr>
      <tr><td>Estrato de pasillo</td><td>25 ml</td></tr>
      <tr><td>Cirro de estantería</td><td>una cucharadita (5 ml)</td></tr>
    </tbody>
  </table>
  <p class="tip">Si tu reproductor no puede mostrar este vídeo, Aula lo sirve en <em>modo compatible</em>
  a través de FFmpeg: la clase está marcada así a propósito en la demo.</p>""")

RESUMEN_TELAR = html_page(
    "Resumen: Preparar el telar y la lanzadera",
    "Taller de Tejido de Niebla · Módulo 1 · Clase 1",
    """  <p>Tejer niebla es como tejer lana, pero con hilos que pesan menos que el aire. Un buen telar
  mantiene la bruma tensa sin romperla.</p>
  <h2>Montaje del telar</h2>
  <ul>
    <li>Doce hilos de urdimbre bastan para un pañuelo; sepáralos un dedo entre sí.</li>
    <li>La tensión correcta hace que el hilo <em>zumbe</em> suavemente al rozarlo.</li>
    <li>Trabaja en una habitación sin corrientes y con la humedad por encima del 90 %.</li>
  </ul>
  <h2>La lanzadera</h2>
  <p>Cárgala con niebla fresca, recogida esa misma mañana en el frasco de vidrio. La niebla de
  ayer se apelmaza y deja nudos grises en la trama.</p>
  <p class="tip">Descarga el <em>Patrón de trama básica</em> (PDF): lo seguiremos en la próxima clase.</p>""")

LECTURA_CUMULO = """Lectura complementaria · Anatomía de un cúmulo doméstico
=========================================================

Curso de Fundamentos de Nubicultura — Módulo 1, clase 2.
(Texto original y ficticio de la biblioteca de demostración de Aula.)

¿Por qué los cúmulos son la especie favorita de quienes empiezan? Porque perdonan casi todo:
un riego tardío, una mañana nublada, incluso una mudanza. Aun así, conviene conocer su anatomía
antes de adoptar el primero.

1. La base plana
----------------
La base marca la altura exacta a la que el vapor se condensa en gotitas. En un salón corriente
suele quedar a la altura del alféizar. Si la base baja hasta el suelo, la nube tiene frío: acércala
a la luz y retira el ventilador.

2. El cuerpo de algodón
-----------------------
Es la parte más visible y la más delicada. Está formado por millones de gotitas diminutas que
giran despacio. Al tacto parece tibio por fuera y fresco por dentro; no lo aprietes nunca, porque
se deshace en llovizna y tarda días en recuperarse.

3. Las torres de convección
---------------------------
Cuando el aire caliente sube desde la maceta, el cuerpo crece en forma de torres. Una o dos torres
son señal de salud. Más de tres, o una torre de más de un palmo, anuncian una pequeña tormenta:
pódala con la regadera fina, siempre de arriba abajo.

4. El borde deshilachado
------------------------
Un borde vivo, con flecos, demuestra que la nube respira e intercambia humedad con la habitación.
Un borde liso y duro es el primer síntoma de sed.

Tabla rápida
------------
  Síntoma                     Causa probable            Qué hacer
  Base en el suelo            frío                      más luz, menos corriente
  Torres altísimas            exceso de calor           poda suave al amanecer
  Borde liso                  sed                       riego con rocío
  Color gris plomo            vecindad de un nimbo      separar macetas

Vocabulario
-----------
  condensación: paso del vapor a gotita líquida.
  higrómetro: instrumento que mide la humedad relativa (en %).
  pañuelo de bruma: tejido hecho con niebla; se estudia en el Taller de Tejido de Niebla.

Pregunta para pensar: ¿qué le ocurriría a tu cúmulo si lo regaras con agua del grifo? Apunta tu
respuesta y compárala con la clase 4, «Riego con rocío de madrugada».

Caracteres de prueba: á é í ó ú ü ñ Á É Í Ó Ú Ü Ñ ¿ ¡ « » — · € º ª
"""

LAB_HTML = """<!DOCTYPE html>
<html lang="es">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Laboratorio: mide la densidad de tu nube</title>
""" + HTML_STYLE + """
  <style>
    form { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: .8rem;
           background: #eef3f8; padding: 1rem; border-radius: 8px; }
    label { display: flex; flex-direction: column; font-weight: 600; gap: .3rem; }
    input, select, button { font: inherit; padding: .4rem .5rem; border: 1px solid #9fb3c8; border-radius: 6px; }
    button { background: #1d3557; color: #fff; border: 0; cursor: pointer; align-self: end; }
    #resultado { display: block; margin-top: 1rem; padding: .8rem 1rem; border-radius: 8px;
                 background: #fff; border: 2px solid #7fb3e6; font-size: 1.05rem; }
    #aislamiento { font-size: .9rem; color: #52657a; }
  </style>
</head>
<body>
<main>
  <h1>Laboratorio: mide la densidad de tu nube</h1>
  <p class="kicker">Curso de Fundamentos de Nubicultura · Módulo 2 · Clase 3 (lección interactiva)</p>
  <p>La densidad de una nube doméstica es el agua condensada que contiene por cada litro de volumen.
  Se expresa en <strong>mg/L</strong>, que equivale a g/m³. Introduce tus mediciones y pulsa
  <em>Calcular</em>.</p>
  <form id="calculadora" novalidate>
    <label>Volumen de la nube (L)
      <input id="volumen" name="volumen" type="number" min="0.1" step="0.1" value="120" required>
    </label>
    <label>Agua condensada (mg)
      <input id="agua" name="agua" type="number" min="0" step="1" value="84" required>
    </label>
    <label>Especie
      <select id="especie" name="especie">
        <option value="cumulo">Cúmulo de alféizar</option>
        <option value="estrato">Estrato de pasillo</option>
        <option value="cirro">Cirro de estantería</option>
        <option value="nimbo">Nimbo de maceta</option>
      </select>
    </label>
    <button type="submit" id="calcular">Calcular</button>
  </form>
  <output id="resultado" for="volumen agua especie" aria-live="polite">Calculando…</output>
  <h2>Valores de referencia</h2>
  <table>
    <thead><tr><th>Especie</th><th>Densidad sana (mg/L)</th></tr></thead>
    <tbody>
      <tr><td>Cúmulo de alféizar</td><td>0,5 – 1,0</td></tr>
      <tr><td>Estrato de pasillo</td><td>0,2 – 0,5</td></tr>
      <tr><td>Cirro de estantería</td><td>0,02 – 0,1</td></tr>
      <tr><td>Nimbo de maceta</td><td>1,0 – 3,0</td></tr>
    </tbody>
  </table>
  <p id="aislamiento" class="tip">Comprobando el aislamiento de esta lección…</p>
</main>
<script>
  (function () {
    "use strict";
    var RANGOS = {
      cumulo:  { nombre: "cúmulo de alféizar", min: 0.5,  max: 1.0 },
      estrato: { nombre: "estrato de pasillo", min: 0.2,  max: 0.5 },
      cirro:   { nombre: "cirro de estantería", min: 0.02, max: 0.1 },
      nimbo:   { nombre: "nimbo de maceta",    min: 1.0,  max: 3.0 }
    };
    var form = document.getElementById("calculadora");
    var out = document.getElementById("resultado");
    var fmt = new Intl.NumberFormat("es-ES", { maximumFractionDigits: 3 });

    function calcular() {
      var volumen = parseFloat(document.getElementById("volumen").value);
      var agua = parseFloat(document.getElementById("agua").value);
      var r = RANGOS[document.getElementById("especie").value];
      if (!(volumen > 0) || !(agua >= 0)) {
        out.textContent = "Introduce un volumen mayor que cero y una cantidad de agua válida.";
        out.dataset.estado = "error";
        return;
      }
      var densidad = agua / volumen;
      var estado, consejo;
      if (densidad < r.min) {
        estado = "baja"; consejo = "Tu " + r.nombre + " está sediento: riega con rocío al amanecer.";
      } else if (densidad > r.max) {
        estado = "alta"; consejo = "Demasiado denso: abre la ventana norte diez minutos y poda las torres.";
      } else {
        estado = "sana"; consejo = "¡Perfecto! Tu " + r.nombre + " está en su punto.";
      }
      out.textContent = "Densidad: " + fmt.format(densidad) + " mg/L. " + consejo;
      out.dataset.estado = estado;
      out.dataset.densidad = String(Math.round(densidad * 1000) / 1000);
    }

    form.addEventListener("submit", function (ev) { ev.preventDefault(); calcular(); });
    form.addEventListener("input", calcular);

    // Sandbox check: the viewer loads this lesson in an opaque origin (no allow-same-origin),
    // so the browser must refuse access to storage. Reported, never relied upon.
    var aislada;
    try {
      aislada = !window.localStorage;
      if (!aislada) { window.localStorage.getItem("aula_progress"); }
    } catch (e) {
      aislada = true;
    }
    var nota = document.getElementById("aislamiento");
    nota.textContent = aislada
      ? "Esta lección se ejecuta aislada: no puede leer el almacenamiento del visor (origen: " + String(window.origin) + ")."
      : "Aviso: esta lección puede leer el almacenamiento del navegador (no está aislada).";
    document.documentElement.dataset.storage = aislada ? "blocked" : "available";

    calcular();
    document.documentElement.dataset.labReady = "1";
  })();
</script>
</body>
</html>
"""


def humedad_csv():
    rows = [["fecha", "hora", "nube", "especie", "humedad_relativa_%", "temperatura_°C",
             "rocío_ml", "observaciones"]]
    data = [
        ("2025-03-03", "07:00", "Algodón", "Cúmulo de alféizar", 74, 13.5, 45, "Base a la altura del alféizar"),
        ("2025-03-03", "14:00", "Algodón", "Cúmulo de alféizar", 71, 15.0, 0, "Dos torres pequeñas"),
        ("2025-03-03", "21:00", "Algodón", "Cúmulo de alféizar", 76, 12.8, 0, "Borde deshilachado, sano"),
        ("2025-03-04", "07:00", "Algodón", "Cúmulo de alféizar", 69, 12.1, 50, "Algo de sed; riego en espiral"),
        ("2025-03-04", "14:00", "Algodón", "Cúmulo de alféizar", 72, 14.6, 0, ""),
        ("2025-03-04", "21:00", "Algodón", "Cúmulo de alféizar", 78, 13.0, 0, "Gotitas en el cristal"),
        ("2025-03-03", "07:05", "Pelusa", "Cirro de estantería", 48, 16.0, 5, "Muy fino, casi transparente"),
        ("2025-03-03", "21:05", "Pelusa", "Cirro de estantería", 51, 15.2, 0, "Se deshilacha con la calefacción"),
        ("2025-03-04", "07:05", "Pelusa", "Cirro de estantería", 46, 15.8, 5, ""),
        ("2025-03-03", "07:10", "Sábana", "Estrato de pasillo", 88, 14.0, 25, "Perezoso, no se mueve"),
        ("2025-03-04", "07:10", "Sábana", "Estrato de pasillo", 90, 13.7, 25, "Cubre medio pasillo"),
        ("2025-03-04", "14:10", "Gruñón", "Nimbo de maceta", 95, 11.9, 0, "¡Tapa puesta! Truenos muy suaves"),
        ("2025-03-05", "07:00", "Algodón", "Cúmulo de alféizar", 75, 13.2, 40, "Torre de un palmo: poda"),
        ("2025-03-05", "07:05", "Pelusa", "Cirro de estantería", 53, 15.5, 5, "Recuperado"),
        ("2025-03-05", "07:10", "Sábana", "Estrato de pasillo", 87, 13.9, 25, "Listo para tejer, según el taller"),
    ]
    rows += [[f, h, n, e, str(hr), f"{t:.1f}", str(ml), o] for f, h, n, e, hr, t, ml, o in data]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


ZIP_FILES = [
    ("LEEME.txt", """Plantillas de medición · Oficios del Cielo
===========================================

Contenido:
  plantillas/hoja-de-densidad.txt   — hoja para el laboratorio de densidad (clase 3).
  plantillas/registro-semanal.csv   — registro de humedad de una semana, en blanco.
  plantillas/etiqueta-de-maceta.txt — etiqueta para identificar cada nube.

Imprime las hojas o cópialas en tu cuaderno. Material sintético de la demo de Aula.
"""),
    ("plantillas/hoja-de-densidad.txt", """HOJA DE DENSIDAD
================

Nube: ____________________   Especie: ____________________   Fecha: ___/___/______

Volumen estimado (L):        __________
Agua condensada (mg):        __________
Densidad = agua ÷ volumen:   __________ mg/L

¿Está en el rango sano de su especie?   [ ] sí   [ ] baja (sed)   [ ] alta (poda)

Observaciones (borde, torres, color):
______________________________________________________________________
______________________________________________________________________
"""),
    ("plantillas/registro-semanal.csv",
     "día,hora,nube,humedad_relativa_%,temperatura_°C,rocío_ml,observaciones\r\n"
     + "".join(f"{d},07:00,,,,,\r\n{d},14:00,,,,,\r\n{d},21:00,,,,,\r\n"
               for d in ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"))),
    ("plantillas/etiqueta-de-maceta.txt", """+--------------------------------------+
|  Nombre: __________________________  |
|  Especie: _________________________  |
|  Adoptada el: ___/___/______         |
|  Humedad ideal: ______ %             |
|  Rocío por riego: ______ ml          |
|  ¿Muerde? [ ] no  [ ] solo si truena |
+--------------------------------------+
"""),
]


def plantillas_zip():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in ZIP_FILES:
            info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 12, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            z.writestr(info, text.encode("utf-8"), compresslevel=9)
    return buf.getvalue()


# --------------------------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------------------------

def text_files():
    """(relative path, bytes) for everything this script writes itself."""
    out = []
    for v in VIDEOS:
        if v["vtt"]:
            out.append((v["vtt"], vtt_text(v).encode("utf-8")))
    out += [
        ("fundamentos/01-bienvenida_resumen.html", RESUMEN_BIENVENIDA.encode("utf-8")),
        ("fundamentos/02-anatomia-de-un-cumulo_lectura.txt", LECTURA_CUMULO.encode("utf-8")),
        ("fundamentos/03-laboratorio-densidad.html", LAB_HTML.encode("utf-8")),
        ("fundamentos/04-riego-con-rocio_resumen.html", RESUMEN_RIEGO.encode("utf-8")),
        ("fundamentos/recursos/guia-de-especies.pdf", guia_de_especies_pdf()),
        ("fundamentos/recursos/registro-de-humedad.csv", humedad_csv().encode("utf-8")),
        ("fundamentos/recursos/plantillas-de-medicion.zip", plantillas_zip()),
        ("niebla/01-preparar-el-telar_resumen.html", RESUMEN_TELAR.encode("utf-8")),
        ("niebla/recursos/patron-trama-basica.pdf", patron_trama_pdf()),
    ]
    return out


PNG_PATH = "fundamentos/recursos/plano-del-vivero.png"


def owned_paths():
    paths = [v["path"] for v in VIDEOS] + [p for p, _ in text_files()] + [PNG_PATH]
    return sorted(paths)


def run(cmd):
    print("+ " + " ".join(shlex.quote(c) for c in cmd), flush=True)
    subprocess.run(cmd, check=True)


def build(out_dir):
    for rel in owned_paths():
        path = os.path.join(out_dir, rel)
        if os.path.exists(path):
            os.remove(path)
    for rel, data in text_files():
        path = os.path.join(out_dir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        print(f"wrote {rel} ({len(data)} bytes)")
    tmp = tempfile.mkdtemp(prefix="aula-demo-media-")
    try:
        texts = TextFiles(tmp)
        graph_file = os.path.join(tmp, "plano.graph")
        with open(graph_file, "w", encoding="utf-8") as f:
            f.write(png_graph(texts))
        run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
             "-filter_complex_script", graph_file, "-map", "[v]", "-frames:v", "1",
             "-c:v", "png", "-pred", "mixed", "-fflags", "+bitexact", "-flags", "+bitexact",
             os.path.join(out_dir, PNG_PATH)])
        for v in VIDEOS:
            graph_file = os.path.join(tmp, os.path.basename(v["path"]) + ".graph")
            with open(graph_file, "w", encoding="utf-8") as f:
                f.write(video_graph(v, texts))
            dest = os.path.join(out_dir, v["path"])
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            run(ffmpeg_video_cmd(v, graph_file, dest))
    finally:
        shutil.rmtree(tmp)


# --------------------------------------------------------------------------------------------
# Verify
# --------------------------------------------------------------------------------------------

def catalogue_refs(out_dir):
    with open(os.path.join(out_dir, "courses_cache.json"), encoding="utf-8") as f:
        cat = json.load(f)
    refs = set()

    def walk(node):
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str) and node.startswith("local:"):
            refs.add(node[len("local:"):])
    walk(cat)
    return refs


def top_level_boxes(path):
    boxes = []
    with open(path, "rb") as f:
        size_total = os.fstat(f.fileno()).st_size
        pos = 0
        while pos < size_total:
            f.seek(pos)
            size, kind = struct.unpack(">I4s", f.read(8))
            if size == 1:
                size = struct.unpack(">Q", f.read(8))[0]
            elif size == 0:
                size = size_total - pos
            boxes.append(kind.decode("latin-1"))
            pos += size
    return boxes


def ffprobe_json(args):
    res = subprocess.run(["ffprobe", "-v", "error", "-of", "json"] + args,
                         check=True, capture_output=True, text=True)
    return json.loads(res.stdout)


def compat_copy_check(rel, path, source_duration, start):
    """Runs the copy-mode compat arguments of media.md §6.5 with `start` and checks that the
    output timeline starts at 0 and at the keyframe at or before `start`."""
    tmp = tempfile.mkdtemp(prefix="aula-demo-compat-")
    try:
        out = os.path.join(tmp, "compat.mp4")
        cmd = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin",
               "-fflags", "+genpts+igndts+discardcorrupt", "-ss", f"{start:g}", "-i", "file:" + path,
               "-map", "0:v:0", "-map", "0:a?", "-c:v", "copy",
               "-c:a", "aac", "-ar", "48000", "-af", "aresample=async=1:min_hard_comp=0.100:first_pts=0",
               "-avoid_negative_ts", "make_zero",
               "-movflags", "+frag_keyframe+empty_moov+default_base_moof", "-f", "mp4", "-y", out]
        subprocess.run(cmd, check=True)
        info = ffprobe_json(["-show_format", "-show_streams", out])
        starts = [float(st.get("start_time", 0)) for st in info["streams"]]
        dur = float(info["format"]["duration"])
    finally:
        shutil.rmtree(tmp)
    print(f"  compat copy from start={start:g}: stream starts {starts}, duration {dur:.2f} s")
    problems = []
    if any(abs(x) > 1.0 / FPS + 1e-6 for x in starts):
        problems.append(f"{rel}: compat copy output does not start at 0: {starts}")
    keyframe = start - (start % GOP_SECONDS)       # the keyframe at or before `start`
    if not 0 <= dur - (source_duration - keyframe) < 0.3:
        problems.append(f"{rel}: compat copy from {start:g} did not begin at the previous keyframe")
    return problems


def verify(out_dir):
    problems = []
    refs = catalogue_refs(out_dir)
    owned = set(owned_paths())
    if refs != owned:
        problems.append(f"catalogue refs != generated files: missing={sorted(refs - owned)} "
                        f"extra={sorted(owned - refs)}")
    print(f"catalogue refs: {len(refs)}, generated files: {len(owned)}, identical: {refs == owned}")
    for rel in sorted(refs):
        if not os.path.isfile(os.path.join(out_dir, rel)):
            problems.append(f"missing file {rel}")

    durations = {}
    for v in VIDEOS:
        path = os.path.join(out_dir, v["path"])
        info = ffprobe_json(["-show_format", "-show_streams", path])
        vs = [s for s in info["streams"] if s["codec_type"] == "video"][0]
        au = [s for s in info["streams"] if s["codec_type"] == "audio"][0]
        dur = float(info["format"]["duration"])
        durations[v["path"]] = dur
        boxes = top_level_boxes(path)
        moov_first = "moov" in boxes and "mdat" in boxes and boxes.index("moov") < boxes.index("mdat")
        keys = ffprobe_json(["-select_streams", "v:0", "-skip_frame", "nokey",
                             "-show_entries", "frame=pts_time", path])["frames"]
        kt = [float(k["pts_time"]) for k in keys]
        gaps = [b - a for a, b in zip(kt, kt[1:])] + [dur - kt[-1]]
        print(f"{v['path']}: {vs['codec_name']} {vs['profile']} {vs['width']}x{vs['height']} "
              f"{vs['pix_fmt']} {vs['r_frame_rate']} fps, {au['codec_name']} {au['profile']} "
              f"{au['sample_rate']} Hz {au['channels']} ch, duration {dur:.3f} s, "
              f"start {float(vs.get('start_time', 0)):.3f}/{float(au.get('start_time', 0)):.3f}, "
              f"keyframes {len(kt)} (max gap {max(gaps):.2f} s), boxes {' '.join(boxes)}, "
              f"{int(info['format']['size'])} bytes, {int(info['format']['bit_rate']) // 1000} kb/s")
        if vs["codec_name"] != "h264" or vs["profile"] not in ("Main", "Constrained Baseline", "Baseline"):
            problems.append(f"{v['path']}: video is {vs['codec_name']} {vs['profile']}")
        if vs["pix_fmt"] != "yuv420p":
            problems.append(f"{v['path']}: pix_fmt {vs['pix_fmt']}")
        if au["codec_name"] != "aac" or au["profile"] != "LC":
            problems.append(f"{v['path']}: audio is {au['codec_name']} {au['profile']}")
        if not moov_first:
            problems.append(f"{v['path']}: moov is not before mdat ({boxes})")
        if abs(dur - v["duration"]) > 0.2:
            problems.append(f"{v['path']}: duration {dur} != {v['duration']}")
        if max(gaps) > GOP_SECONDS + 0.01:
            problems.append(f"{v['path']}: keyframe gap {max(gaps):.2f} s")
        if int(vs.get("has_b_frames", 0)) != 0:
            problems.append(f"{v['path']}: has B-frames")
        problems += compat_copy_check(v["path"], path, dur, v["duration"] / 2 + 1)
    if durations["fundamentos/02-anatomia-de-un-cumulo.mp4"] < 90:
        problems.append("the long video is shorter than 90 s")

    for v in VIDEOS:
        if not v["vtt"]:
            continue
        with open(os.path.join(out_dir, v["vtt"]), encoding="utf-8") as f:
            vtt = f.read()
        if not vtt.startswith("WEBVTT"):
            problems.append(f"{v['vtt']}: no WEBVTT header")
        ends = [int(h) * 3600 + int(m) * 60 + float(s)
                for h, m, s in re.findall(r"--> (\d\d):(\d\d):(\d\d\.\d\d\d)", vtt)]
        if not ends or max(ends) > durations[v["path"]]:
            problems.append(f"{v['vtt']}: cues run past the video")
        print(f"{v['vtt']}: {len(ends)} cues, last ends at {max(ends):.1f} s "
              f"of {durations[v['path']]:.1f} s")

    for rel in sorted(refs):
        path = os.path.join(out_dir, rel)
        if not os.path.isfile(path):
            continue
        with open(path, "rb") as f:
            data = f.read()
        if rel.endswith(".pdf"):
            m = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data)
            ok = data.startswith(b"%PDF-") and m and data[int(m.group(1)):].startswith(b"xref")
            if ok:
                for num, off in enumerate(re.findall(rb"(\d{10}) 00000 n ", data), 1):
                    ok = ok and data[int(off):].startswith(b"%d 0 obj" % num)
            if not ok:
                problems.append(f"{rel}: bad PDF structure")
        elif rel.endswith(".png"):
            if not data.startswith(b"\x89PNG\r\n\x1a\n"):
                problems.append(f"{rel}: not a PNG")
        elif rel.endswith(".zip"):
            with zipfile.ZipFile(path) as z:
                if z.testzip() is not None:
                    problems.append(f"{rel}: corrupt zip")
        elif rel.endswith((".html", ".txt", ".csv", ".vtt")):
            text = data.decode("utf-8")        # raises on invalid UTF-8
            if data.startswith(b"\xef\xbb\xbf"):
                problems.append(f"{rel}: has a BOM")
            if rel.endswith(".html"):
                if '<meta charset="utf-8">' not in text:
                    problems.append(f"{rel}: no meta charset")
                if re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text, re.I):
                    problems.append(f"{rel}: external resource")

    total = sum(os.path.getsize(os.path.join(out_dir, r)) for r in owned)
    print(f"total size of the {len(owned)} media files: {total} bytes (limit {MAX_TOTAL_BYTES})")
    if total > MAX_TOTAL_BYTES:
        problems.append(f"total size {total} > {MAX_TOTAL_BYTES}")
    for p in problems:
        print("PROBLEM: " + p, file=sys.stderr)
    return not problems


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["build", "verify", "list"])
    ap.add_argument("--out", default=DEFAULT_OUT, help="demo library folder (default: %(default)s)")
    args = ap.parse_args()
    if args.command == "list":
        print("\n".join(owned_paths()))
    elif args.command == "build":
        build(args.out)
    else:
        sys.exit(0 if verify(args.out) else 1)


if __name__ == "__main__":
    main()
