"""Draws bench/results/chart.svg by hand (no plotting library): small multiples, one cell per input, horizontal
bars per subject on a log axis, reqprobe in warm colours and the baselines in cool ones.

Top: valid bodies, throughput in GB/s (longer is better), with the issue's target (half of simdjson) dashed.
Bottom: the tiny, invalid and hostile bodies, time per request in microseconds (shorter is better): throughput
means little when a validator stops at the first error.
"""
import math
from xml.sax.saxutils import escape

# (subject, label, colour), in bar order.
SERIES = [
    ("ReqprobeBodyFast", "reqprobe fail-fast", "#c0392b"),
    ("ReqprobeBodyExhaustive", "reqprobe exhaustive", "#e67e22"),
    ("SimdjsonDom", "B4 simdjson parse", "#1f2d3d"),
    ("RapidjsonReader", "B1 RapidJSON parse", "#95a5a6"),
    ("Ajv", "ajv (node)", "#27ae60"),
    ("RapidjsonSchema", "B2 RapidJSON schema", "#2980b9"),
    ("Valijson", "B3 valijson", "#8e44ad"),
]
THROUGHPUT_INPUTS = ["Typical", "Large", "Maximal"]
TIME_INPUTS = ["Minimal", "InvalidFirst", "InvalidLast", "HostileDepth", "HostileString", "HostileKeys",
               "HostileNumber"]

NOTES = [
    "Reading the bottom panel:",
    "- B4 simdjson and B1 RapidJSON only parse: they accept",
    "  every well-formed body, so they never reject by schema.",
    "- Validators that stop at the first error reject some",
    "  hostile bodies almost at once (B2 on HostileDepth:",
    "  the root must be an object, the first byte is '[').",
    "- reqprobe exhaustive goes on after an error, so it",
    "  reads the whole hostile body; fail-fast stops.",
    "- On HostileNumber, RapidJSON (B1, B2, B3) gives up",
    "  after ~310 digits; reqprobe reads all 10,000.",
]

WIDTH = 960
COLUMNS = 2
CELL_W = WIDTH // COLUMNS
LABEL_W = 150  # subject labels left of the bars
VALUE_W = 70  # value text right of the bars
BAR_H = 15
BAR_GAP = 4
CELL_HEAD = 26
CELL_FOOT = 26  # decade labels


def _fmt(value):
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    if value >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


class _Svg:
    def __init__(self):
        self.parts = []

    def add(self, text):
        self.parts.append(text)

    def text(self, x, y, content, size=12, anchor="start", weight="normal", fill="#222"):
        self.add(f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" font-weight="{weight}" '
                 f'fill="{fill}">{escape(content)}</text>')

    def rect(self, x, y, w, h, fill):
        self.add(f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0.5):.1f}" height="{h:.1f}" fill="{fill}"/>')

    def line(self, x1, y1, x2, y2, stroke="#ccc", dash=None, width=1):
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        self.add(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{stroke}" '
                 f'stroke-width="{width}"{extra}/>')


def _decades(values):
    low = math.floor(math.log10(min(values)))
    high = math.ceil(math.log10(max(values)))
    return low, max(high, low + 1)


def _cell(svg, x0, y0, title, bars, low, high, unit, target=None):
    """One input: bars is [(label, colour, value or None)]; the axis spans 10**low .. 10**high."""
    plot_x = x0 + LABEL_W
    plot_w = CELL_W - LABEL_W - VALUE_W - 10
    svg.text(x0 + 8, y0 + 17, title, size=13, weight="bold")
    top = y0 + CELL_HEAD
    height = len(bars) * (BAR_H + BAR_GAP)

    def to_x(value):
        return plot_x + plot_w * (math.log10(value) - low) / (high - low)

    for decade in range(low, high + 1):
        x = to_x(10.0 ** decade)
        svg.line(x, top - 2, x, top + height, stroke="#ddd")
        svg.text(x, top + height + 13, _fmt(10.0 ** decade), size=10, anchor="middle", fill="#666")
    svg.text(plot_x + plot_w, top + height + 24, unit, size=10, anchor="end", fill="#666")
    if target is not None:  # drawn first, so the bars and their values stay on top
        x = to_x(target)
        svg.line(x, top - 4, x, top + height, stroke="#c0392b", dash="4,3", width=1.5)
    for i, (label, colour, value) in enumerate(bars):
        y = top + i * (BAR_H + BAR_GAP)
        svg.text(plot_x - 6, y + BAR_H - 3, label, size=11, anchor="end")
        if value is None:
            svg.text(plot_x + 4, y + BAR_H - 3, "not run", size=10, fill="#999")
            continue
        clamped = min(max(value, 10.0 ** low), 10.0 ** high)
        svg.rect(plot_x, y, to_x(clamped) - plot_x, BAR_H, colour)
        svg.text(to_x(clamped) + 4, y + BAR_H - 3, _fmt(value), size=10, fill="#333")
    return CELL_HEAD + height + CELL_FOOT


def write_chart(path, medians, machine, subtitle):
    """medians: {(subject, input): {"ns": float, "gbps": float}}. Subjects or inputs without data are skipped."""
    series = [s for s in SERIES if any((s[0], i) in medians for i in THROUGHPUT_INPUTS + TIME_INPUTS)]
    cells_a = [i for i in THROUGHPUT_INPUTS if any((s[0], i) in medians for s in series)]
    cells_b = [i for i in TIME_INPUTS if any((s[0], i) in medians for s in series)]
    gbps = [medians[(s[0], i)]["gbps"] for s in series for i in cells_a if (s[0], i) in medians]
    micros = [medians[(s[0], i)]["ns"] / 1000 for s in series for i in cells_b if (s[0], i) in medians]
    cell_h = CELL_HEAD + len(series) * (BAR_H + BAR_GAP) + CELL_FOOT + 8
    rows_a = math.ceil(len(cells_a) / COLUMNS)
    rows_b = math.ceil(len(cells_b) / COLUMNS)
    header = 92
    section = 30
    height = header + section + rows_a * cell_h + section + rows_b * cell_h + 30

    svg = _Svg()
    svg.add(f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
            f'viewBox="0 0 {WIDTH} {height}" font-family="Helvetica, Arial, sans-serif">')
    svg.rect(0, 0, WIDTH, height, "#ffffff")
    svg.text(12, 26, "reqprobe vs. parsers and JSON Schema validators, on the same inputs", size=17,
             weight="bold")
    svg.text(12, 45, subtitle, size=11, fill="#555")
    svg.text(12, 61, machine, size=11, fill="#555")
    x = 12
    for _, label, colour in series:
        svg.rect(x, 72, 12, 12, colour)
        svg.text(x + 16, 82, label, size=11)
        x += 26 + 6.5 * len(label)

    y = header
    svg.text(12, y + 18, "Valid bodies: throughput, GB/s (log scale; longer is better; dashed: half of simdjson)",
             size=14, weight="bold")
    y += section
    if gbps:
        low, high = _decades(gbps)
        for k, name in enumerate(cells_a):
            bars = [(label, colour, medians[(s, name)]["gbps"] if (s, name) in medians else None)
                    for s, label, colour in series]
            b4 = medians.get(("SimdjsonDom", name))
            _cell(svg, (k % COLUMNS) * CELL_W, y + (k // COLUMNS) * cell_h, name, bars, low, high, "GB/s",
                  target=b4["gbps"] / 2 if b4 else None)
    y += rows_a * cell_h
    svg.text(12, y + 18, "Tiny, invalid and hostile bodies: time per request, µs (log scale; shorter is better)",
             size=14, weight="bold")
    y += section
    if micros:
        low, high = _decades(micros)
        for k, name in enumerate(cells_b):
            bars = [(label, colour, medians[(s, name)]["ns"] / 1000 if (s, name) in medians else None)
                    for s, label, colour in series]
            _cell(svg, (k % COLUMNS) * CELL_W, y + (k // COLUMNS) * cell_h, name, bars, low, high, "µs")
        if len(cells_b) % COLUMNS:  # the empty last cell explains the bottom panel
            x0, y0 = (len(cells_b) % COLUMNS) * CELL_W + 20, y + (len(cells_b) // COLUMNS) * cell_h + 24
            for i, note in enumerate(NOTES):
                svg.text(x0, y0 + i * 16, note, size=11, fill="#444")
    svg.add("</svg>")
    with open(path, "w", encoding="utf-8") as out:
        out.write("\n".join(svg.parts) + "\n")
