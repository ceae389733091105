# po2c.awk - generate the lookup core's constant tables (lib/core/tables.c).
#
# Usage: LC_ALL=C awk -f po/po2c.awk lib/codes.def [lang=ja ja.po ...]
#
# Each .po file should first be normalized with
#     msgattrib --no-fuzzy --translated --no-obsolete --no-wrap
# (the Makefile does this), so that every message is one msgctxt, msgid and
# msgstr line.  Continuation lines are handled anyway.
#
# The output holds, with no pointer arrays (so no relocations) and nothing to
# compute at run time:
#  - the code table (value, domain, message index, name length per code);
#  - the names of all messages as one string blob with 16-bit offsets, and
#    the message indices sorted by name (byte order) for binary search;
#  - per domain, a dense map from value to entry (0x00, shared by the
#    success names, is kept apart: one entry per domain);
#  - the English texts (unless NXMSG_CORE_NAMES_ONLY) and the texts of each
#    language (unless NXMSG_CORE_ENGLISH_ONLY too) as one blob per language
#    with 16-bit offsets; NXMSG__FALLBACK marks a message that keeps English.
# The names and texts are left out of a NXMSG_CORE_PACKED build, which has
# them packed in packed-tables.c (lib/gen-packed reads them from this file).
# A message keeps its English text exactly when lib/l10n.c would keep it for
# the compiled .mo file: msgctxt unknown or msgid not the English of
# codes.def (stale), fuzzy or untranslated, plural, longer than 1024 bytes,
# not clean UTF-8 (invalid sequences, C0/C1 controls or DEL, escapes other
# than \" and \\), or, for the NXMSG_TEXT templates, anything but exactly
# one "%s".  Run with LC_ALL=C so that lengths and patterns work on bytes.

function fail(msg) {
    printf "po2c.awk: %s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"
    failed = 1
    exit 1
}

# The text between the first and the last double quote of a line.
function quoted(line,    a, b) {
    a = index(line, "\"")
    b = length(line)
    while (b > a && substr(line, b, 1) != "\"")
        b--
    if (a == 0 || b <= a)
        fail("malformed string line")
    return substr(line, a + 1, b - a - 1)
}

# Bytes of the C string literal body s once compiled.
function c_len(s,    t) {
    t = s
    gsub(/\\./, "x", t)
    return length(t)
}

# Whether an escaped PO/C string is clean UTF-8 text of at most 1024 bytes.
function clean(s,    t) {
    t = s
    gsub(/\\[\\"]/, "", t)
    if (t ~ /\\/)                     # \n, \t, \033 ...: control characters
        return 0
    if (t ~ /[\001-\037\177]/ || t ~ /\302[\200-\237]/)
        return 0
    gsub(/[\302-\337][\200-\277]|\340[\240-\277][\200-\277]|[\341-\354\356\357][\200-\277][\200-\277]|\355[\200-\237][\200-\277]|\360[\220-\277][\200-\277][\200-\277]|[\361-\363][\200-\277][\200-\277][\200-\277]|\364[\200-\217][\200-\277][\200-\277]/, "", t)
    if (t ~ /[\200-\377]/)
        return 0
    return c_len(s) <= 1024
}

# A template must contain exactly one conversion, and it must be %s.
function template_ok(s,    t, n) {
    t = s
    n = gsub(/%s/, "", t)
    return n == 1 && index(t, "%") == 0
}

# A C string literal without trigraphs.
function literal(s) {
    while (index(s, "??"))
        sub(/\?\?/, "?\\?", s)
    return "\"" s "\""
}

function hexval(s,    v, i, c) {
    v = 0
    s = toupper(substr(s, 3))
    for (i = 1; i <= length(s); i++) {
        c = index("0123456789ABCDEF", substr(s, i, 1))
        v = v * 16 + c - 1
    }
    return v
}

function flush() {
    if (have_ctxt && have_id && have_str && !plural && cur_lang != "" && (ctxt in english) &&
        english[ctxt] == id && str != "" && clean(str) &&
        (!(ctxt in is_template) || template_ok(str)))
        tr[cur_lang, ctxt] = str
    have_ctxt = have_id = have_str = plural = 0
    ctxt = id = str = ""
    field = ""
}

BEGIN {
    nmsg = 0; nlang = 0; ncode = 0; ndom = 0
}

# ---- lib/codes.def -----------------------------------------------------------

FILENAME ~ /codes\.def$/ {
    if ($0 ~ /^NXMSG_CODE\(/) {
        if (!match($0, /^NXMSG_CODE\([A-Z][A-Z0-9]*, 0x[0-9A-Fa-f]+, [A-Z][A-Z0-9_]*, "/))
            fail("malformed NXMSG_CODE line")
        split(substr($0, 12, RLENGTH - 14), f, /, /)
        name = f[3]
        dom = f[1]
        val = hexval(f[2])
        if (val > 4294967295)
            fail("value above 0xFFFFFFFF")
        if (val != 0 && (val in value_owner))
            fail("value " f[2] " given twice (only 0x00 may be shared)")
        if (!(dom in dom_seen)) {
            dom_seen[dom] = 1
            doms[ndom++] = dom
            dom_lo[dom] = -1
        }
        if (val == 0) {
            if (dom in dom_zero)
                fail("two 0x00 entries in domain " dom)
            dom_zero[dom] = nmsg
        } else {
            value_owner[val] = nmsg
            if (dom_lo[dom] < 0 || val < dom_lo[dom]) dom_lo[dom] = val
            if (val > dom_hi[dom]) dom_hi[dom] = val
        }
        code_dom[nmsg] = dom
        code_val[nmsg] = val
        ncode++
    } else if ($0 ~ /^NXMSG_TEXT\(/) {
        if (!match($0, /^NXMSG_TEXT\([A-Z][A-Z0-9_]*, "/))
            fail("malformed NXMSG_TEXT line")
        name = substr($0, 12, RLENGTH - 14)
        is_template[name] = 1
    } else {
        next
    }
    if ($0 ~ /^NXMSG_CODE/ && ncode != nmsg + 1)
        fail("codes must come before the other texts")
    text = substr($0, RLENGTH + 1)
    if (text !~ /"\)$/)
        fail("entry must end with \")")
    if (name in english)
        fail("duplicate name " name)
    english[name] = substr(text, 1, length(text) - 2)
    order[nmsg++] = name
    next
}

# ---- normalized .po files ------------------------------------------------------

FNR == 1 {
    flush()
    if (lang !~ /^[a-z][a-z][a-z]?(_[A-Z0-9][A-Z0-9][A-Z0-9]?)?$/)
        fail("language tag \"" lang "\" must look like ja or pt_BR (set lang=TAG before the file)")
    if (lang in seen_lang)
        fail("language " lang " given twice")
    seen_lang[lang] = 1
    langs[nlang++] = lang
    cur_lang = lang
}

/^[ \t]*$/ { flush(); next }
/^#/ { next }
/^msgctxt / {
    if (have_str) flush()
    ctxt = quoted($0); have_ctxt = 1; field = "ctxt"; next
}
/^msgid_plural / { plural = 1; field = ""; next }
/^msgid / {
    if (have_str) flush()
    id = quoted($0); have_id = 1; field = "id"; next
}
/^msgstr\[/ { plural = 1; field = ""; next }
/^msgstr / { str = quoted($0); have_str = 1; field = "str"; next }
/^[ \t]*"/ {
    if (field == "ctxt") ctxt = ctxt quoted($0)
    else if (field == "id") id = id quoted($0)
    else if (field == "str") str = str quoted($0)
    next
}
{ fail("unexpected line") }

# ---- output --------------------------------------------------------------------

function emit_code_table(    i, name) {
    print ""
    print "const struct nxmsg_entry nxmsg__entries[NXMSG_N_CODES] = {"
    for (i = 0; i < ncode; i++) {
        name = order[i]
        printf "    { 0x%Xu, NXMSG_IDX_%s, NXMSG_DOMAIN_%s, %d },\n", code_val[i], name, code_dom[i], length(name)
    }
    print "};"
}

function emit_names(    i, j, k, off, tmp) {
    print ""
    print "#ifndef NXMSG_CORE_PACKED /* packed-tables.c has them packed */"
    print "const char nxmsg__names[] ="
    off = 0
    for (i = 0; i < nmsg; i++) {
        printf "    \"%s\\0\"\n", order[i]
        name_off[i] = off
        off += length(order[i]) + 1
    }
    print "    ;"
    if (off > 65535)
        fail("names blob over 65535 bytes")
    print "const uint16_t nxmsg__name_off[NXMSG_N_MSGS] = {"
    for (i = 0; i < nmsg; i++)
        printf "    %d,\n", name_off[i]
    print "};"
    print "#endif"
    # insertion sort of the message indices by name (LC_ALL=C: byte order)
    for (i = 0; i < nmsg; i++) {
        k = i
        for (j = i - 1; j >= 0 && order[sorted[j]] > order[k]; j--)
            sorted[j + 1] = sorted[j]
        sorted[j + 1] = k
    }
    print "const uint16_t nxmsg__name_order[NXMSG_N_MSGS] = {"
    for (i = 0; i < nmsg; i++)
        printf "    NXMSG_IDX_%s,\n", order[sorted[i]]
    print "};"
}

function emit_value_maps(    d, dom, v, off, n) {
    print ""
    print "const uint16_t nxmsg__value_map[] = {"
    off = 0
    for (d = 0; d < ndom; d++) {
        dom = doms[d]
        map_off[dom] = off
        if (dom_lo[dom] < 0)
            continue
        n = dom_hi[dom] - dom_lo[dom] + 1
        if (n > 4096)
            fail("domain " dom " spans more than 4096 values: split it")
        printf "    /* %s 0x%X-0x%X */\n", dom, dom_lo[dom], dom_hi[dom]
        for (v = dom_lo[dom]; v <= dom_hi[dom]; v++)
            printf "    %s,\n", (v in value_owner) ? "NXMSG_IDX_" order[value_owner[v]] " + 1" : "0"
        off += n
    }
    if (off == 0)
        print "    0"
    print "};"
    print "const struct nxmsg__value_range nxmsg__values[] = {"
    for (d = 0; d < ndom; d++) {
        dom = doms[d]
        printf "    [NXMSG_DOMAIN_%s] = { 0x%Xu, 0x%Xu, %d, %s },\n", dom,
               dom_lo[dom] < 0 ? 1 : dom_lo[dom], dom_lo[dom] < 0 ? 0 : dom_hi[dom], map_off[dom],
               (dom in dom_zero) ? "NXMSG_IDX_" order[dom_zero[dom]] " + 1" : "0"
    }
    print "};"
    print "const size_t nxmsg__n_values = sizeof nxmsg__values / sizeof nxmsg__values[0];"
}

# One language's blob and offsets; lg "" is English.
function emit_texts(lg,    i, name, s, off, id, n) {
    id = lg == "" ? "en" : lg
    n = 0
    off = 0
    print ""
    if (lg != "") {
        for (i = 0; i < nmsg; i++)
            if ((lg, order[i]) in tr)
                n++
        printf "/* %s: %d of %d messages translated, the others English. */\n", lg, n, nmsg
    }
    printf "%sconst char nxmsg__blob_%s[] =\n", lg == "" ? "" : "static ", id
    for (i = 0; i < nmsg; i++) {
        name = order[i]
        if (lg == "")
            s = english[name]
        else if ((lg, name) in tr)
            s = tr[lg, name]
        else {
            text_off[i] = "NXMSG__FALLBACK"
            continue
        }
        printf "    /* %s */ %s \"\\0\"\n", name, literal(s)
        text_off[i] = off
        off += c_len(s) + 1
    }
    print "    ;"
    if (off > 65534)
        fail("texts of " id " over 65534 bytes: 16-bit offsets do not reach")
    printf "%sconst uint16_t nxmsg__off_%s[NXMSG_N_MSGS] = {\n", lg == "" ? "" : "static ", id
    for (i = 0; i < nmsg; i++)
        printf "    [NXMSG_IDX_%s] = %s,\n", order[i], text_off[i]
    print "};"
}

END {
    if (failed)
        exit 1
    flush()
    if (ncode == 0)
        fail("no codes in codes.def")
    print "/* tables.c - the lookup core's constant tables, generated by po/po2c.awk"
    print " * from lib/codes.def and the .po files of po/LINGUAS.  Do not edit. */"
    print "#include \"core.h\""
    print ""
    printf "_Static_assert(NXMSG_N_MSGS == %d && NXMSG_N_CODES == %d, \"codes.def changed: regenerate\");\n", nmsg, ncode
    emit_code_table()
    emit_names()
    emit_value_maps()
    print ""
    print "#if !defined(NXMSG_CORE_NAMES_ONLY) && !defined(NXMSG_CORE_PACKED)"
    emit_texts("")
    print ""
    print "#ifndef NXMSG_CORE_ENGLISH_ONLY"
    for (l = 0; l < nlang; l++)
        emit_texts(langs[l])
    print "#endif"
    print ""
    print "const struct nxmsg__text_table nxmsg__text_tables[] = {"
    print "    { \"en\", nxmsg__blob_en, nxmsg__off_en },"
    print "#ifndef NXMSG_CORE_ENGLISH_ONLY"
    for (l = 0; l < nlang; l++)
        printf "    { \"%s\", nxmsg__blob_%s, nxmsg__off_%s },\n", langs[l], langs[l], langs[l]
    print "#endif"
    print "};"
    print "const size_t nxmsg__n_text_tables = sizeof nxmsg__text_tables / sizeof nxmsg__text_tables[0];"
    print "#endif"
}
