#!/usr/bin/python3
"""Builds the widget's two font subsets from Debian's fonts-mplus (M+ 1, OFL) at build time.

latin.ttf: Basic Latin + Latin-1 + Latin Extended-A/B and common punctuation, enough for
English, Finnish, German and Hungarian; always loaded. ja.ttf: the same plus kana,
CJK punctuation, full-width forms and the JIS X 0208 level-1 kanji; fetched only when
Japanese text must be shown. Usage: subset_fonts.py SOURCE.otf OUTDIR
"""
import os
import sys
from fontTools import subset

LATIN = [(0x20, 0x7E), (0xA0, 0x24F), (0x2010, 0x2027), (0x2030, 0x203A), (0x20AC, 0x20AC),
         (0x2190, 0x2193), (0x2212, 0x2212), (0x25B2, 0x25BC), (0x2713, 0x2713)]
JAPANESE = [(0x3000, 0x30FF), (0xFF01, 0xFF60), (0xFF61, 0xFF9F), (0x4E00, 0x4E00)]


def jis_level1_kanji():
    # JIS X 0208 rows 16..47 are the level-1 kanji; EUC-JP spells them 0xB0A1..0xCFD3.
    out = []
    for hi in range(0xB0, 0xD0):
        for lo in range(0xA1, 0xFF):
            try:
                out.append(ord(bytes([hi, lo]).decode("euc_jp")))
            except UnicodeDecodeError:
                pass
    return out


def codepoints(ranges):
    return [c for a, b in ranges for c in range(a, b + 1)]


def make(source, target, unicodes):
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.name_IDs = [0, 1, 2]
    options.notdef_outline = True
    font = subset.load_font(source, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    subset.save_font(font, target, options)


def main():
    source, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    latin = codepoints(LATIN)
    make(source, os.path.join(outdir, "latin.ttf"), latin)
    make(source, os.path.join(outdir, "ja.ttf"), latin + codepoints(JAPANESE) + jis_level1_kanji())


if __name__ == "__main__":
    main()
