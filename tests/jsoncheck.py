#!/usr/bin/env python3
"""jsoncheck.py - parse the JSON that nxmsg writes and check its fields
against the independent sources: lib/codes.def (value, hex digits, name,
domain, English) and the seed tests/data/seed-ja.md (Japanese).

  jsoncheck.py SRCDIR annotate FILE
      FILE holds "nxmsg annotate --mode json" output, one JSON object a
      line: line numbers ascending, each code's match at its offset in the
      line's text, its value, hex, name, domain and texts those of the code.
  jsoncheck.py SRCDIR rsyslog FILE
      FILE holds nxmsg-rsyslog answers, one a line: {} or {"msg": TEXT},
      every annotation in TEXT (OPEN "0xHEX NAME: text" CLOSE) that of the
      code: its hex digits, name and English or Japanese text.

Prints what is wrong and exits 1, else exits 0 silently.
"""
import json
import re
import sys

OPEN, CLOSE = "\u27e6", "\u27e7"


def load_codes(srcdir):
    """name -> (domain key, value, English) from lib/codes.def."""
    codes = {}
    pat = re.compile(r'^NXMSG_CODE\((\w+), (0x[0-9A-Fa-f]+), (\w+), "((?:[^"\\]|\\.)*)"\)$')
    with open(srcdir + "/lib/codes.def", encoding="utf-8") as f:
        for line in f:
            m = pat.match(line.rstrip("\n"))
            if m:
                en = re.sub(r'\\(.)', r'\1', m.group(4))
                codes[m.group(3)] = (m.group(1).lower(), int(m.group(2), 16), en)
    if len(codes) < 200:
        sys.exit("jsoncheck: only %d codes read from lib/codes.def" % len(codes))
    return codes


def load_seed(srcdir):
    """name -> Japanese from the seed's "| NAME | 0xVAL | text |" rows."""
    seed = {}
    with open(srcdir + "/tests/data/seed-ja.md", encoding="utf-8") as f:
        for line in f:
            if line.startswith("| NX_"):
                cells = [c.strip(" ") for c in line.split("|")[1:4]]
                seed[cells[0]] = cells[2]
    return seed


def hex_of(value):
    return "0x%02X" % value


class Checker:
    def __init__(self, srcdir):
        self.codes = load_codes(srcdir)
        self.seed = load_seed(srcdir)
        self.errors = []

    def bad(self, where, what):
        self.errors.append("%s: %s" % (where, what))

    def text_ok(self, name, lang, text):
        """Whether text is the code's text in lang (ja: the seed's, when the
        seed has the code; else any non-empty text)."""
        if lang == "en":
            return text == self.codes[name][2]
        if lang == "ja" and name in self.seed:
            return text == self.seed[name]
        return isinstance(text, str) and text != ""

    def code(self, where, c, line_bytes):
        name = c.get("name")
        if name not in self.codes:
            self.bad(where, "unknown name %r" % name)
            return
        domain, value, _ = self.codes[name]
        for key, want in (("value", value), ("hex", hex_of(value)), ("domain", domain)):
            if c.get(key) != want:
                self.bad(where, "%s %r, want %r (%s)" % (key, c.get(key), want, name))
        got = line_bytes[c["offset"]:c["offset"] + c["length"]].decode("utf-8", "surrogateescape")
        if got != c.get("match"):
            self.bad(where, "match %r is not the text at its offset (%r)" % (c.get("match"), got))
        langs = [k for k in c if k in ("en", "ja", "text")]
        if not langs:
            self.bad(where, "no text")
        for lang in langs:
            if not self.text_ok(name, lang, c[lang]):
                self.bad(where, "%s text %r of %s" % (lang, c[lang], name))

    def annotate(self, path):
        last = 0
        with open(path, encoding="utf-8") as f:
            for n, raw in enumerate(f, 1):
                where = "%s:%d" % (path, n)
                obj = json.loads(raw)
                if obj["line"] <= last:
                    self.bad(where, "line %d after %d" % (obj["line"], last))
                last = obj["line"]
                if not isinstance(obj["text"], str) or obj["eol"] not in ("", "\n", "\r\n"):
                    self.bad(where, "text or eol")
                # byte offsets, in the line's bytes (an invalid byte is
                # written as a lone surrogate U+DC80..U+DCFF: Python's
                # surrogateescape gives it back)
                line_bytes = obj["text"].encode("utf-8", "surrogateescape")
                for c in obj["codes"]:
                    self.code(where, c, line_bytes)

    def rsyslog(self, path):
        ann = re.compile(OPEN + "(0x[0-9A-F]+) ([A-Z0-9_]+): ([^" + CLOSE + "]*)" + CLOSE)
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            for n, raw in enumerate(f, 1):
                where = "%s:%d" % (path, n)
                obj = json.loads(raw)
                if obj == {}:
                    continue
                if list(obj) != ["msg"] or not isinstance(obj["msg"], str):
                    self.bad(where, "not {} or {\"msg\": TEXT}: %r" % obj)
                    continue
                found = ann.findall(obj["msg"])
                if not found:
                    self.bad(where, "no annotation in %r" % obj["msg"])
                for hexs, name, text in found:
                    if name not in self.codes or hexs != hex_of(self.codes[name][1]):
                        self.bad(where, "%s %s is not a code of lib/codes.def" % (hexs, name))
                    elif not (self.text_ok(name, "en", text) or self.text_ok(name, "ja", text)):
                        self.bad(where, "text %r of %s" % (text, name))


def main():
    if len(sys.argv) != 4 or sys.argv[2] not in ("annotate", "rsyslog"):
        sys.exit(__doc__)
    c = Checker(sys.argv[1])
    try:
        getattr(c, sys.argv[2])(sys.argv[3])
    except (ValueError, KeyError, TypeError) as e:
        c.bad(sys.argv[3], "not the expected JSON: %r" % e)
    for e in c.errors[:20]:
        print(e)
    sys.exit(1 if c.errors else 0)


main()
