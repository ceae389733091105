# codes2pot.awk - write the gettext template (po/nxmsg.pot) from lib/codes.def.
#
# Usage: awk -v version=X.Y.Z -v bugs=URL -v date="YYYY-MM-DD HH:MM+0000" \
#            -f po/codes2pot.awk lib/codes.def
#
# Every NXMSG_CODE line becomes one message: msgctxt = symbolic name,
# msgid = English text, with extracted comments (#.) that give translators the
# value, the domain and the display-width budget ("max-width: N" terminal
# columns, checked by "make check-po").  NXMSG_TEXT lines become c-format
# messages whose msgctxt is the given id.  The output is piped through msgcat
# by the Makefile so that line wrapping matches what msgmerge writes.  The
# header has the usual template placeholders, which msginit fills in; the
# Makefile ignores the POT-Creation-Date line when it compares templates.

function fail(msg) {
    printf "%s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"
    failed = 1
    exit 1
}

BEGIN {
    label["CORE"] = "NetX TCP/IP"; label["TLS"] = "TLS"
    label["X509"] = "X.509"; label["CRYPTO"] = "NetX Crypto"
    code_budget = 200
    text_budget = 160
    print "# Message catalog template for nxmsg, the NetX Duo status code messages."
    print "# Generated from lib/codes.def by po/codes2pot.awk: edit codes.def, then run"
    print "# \"make update-po\"."
    print "#"
    print "#, fuzzy"
    print "msgid \"\""
    print "msgstr \"\""
    printf "\"Project-Id-Version: nxmsg %s\\n\"\n", version
    if (date == "") date = "YEAR-MO-DA HO:MI+ZONE"
    printf "\"Report-Msgid-Bugs-To: %s\\n\"\n", bugs
    printf "\"POT-Creation-Date: %s\\n\"\n", date
    print "\"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n\""
    print "\"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n\""
    print "\"Language-Team: LANGUAGE <LL@li.org>\\n\""
    print "\"Language: \\n\""
    print "\"MIME-Version: 1.0\\n\""
    print "\"Content-Type: text/plain; charset=UTF-8\\n\""
    print "\"Content-Transfer-Encoding: 8bit\\n\""
}

/^NXMSG_CODE\(/ {
    line = $0
    if (!match(line, /^NXMSG_CODE\((CORE|TLS|X509|CRYPTO), 0x[0-9A-F]+, [A-Z][A-Z0-9_]*, "/))
        fail("malformed NXMSG_CODE line")
    head = substr(line, 12, RLENGTH - 14)   # TLS, 0x10C, NAME
    split(head, f, /, /)
    domain = f[1]; value = f[2]; name = f[3]
    text = substr(line, RLENGTH + 1)
    if (text !~ /"\)$/) fail("NXMSG_CODE line must end with \")")
    text = substr(text, 1, length(text) - 2)
    if (text == "") fail("empty English text")
    if (name in seen) fail("duplicate name " name)
    seen[name] = 1
    dec = 0
    hex = toupper(substr(value, 3))
    for (i = 1; i <= length(hex); i++)
        dec = dec * 16 + index("0123456789ABCDEF", substr(hex, i, 1)) - 1
    print ""
    printf "#. %s (%d), %s\n", value, dec, label[domain]
    printf "#. max-width: %d\n", code_budget
    printf "#: lib/codes.def:%d\n", FNR
    printf "msgctxt \"%s\"\n", name
    printf "msgid \"%s\"\n", text
    print "msgstr \"\""
    next
}

/^NXMSG_TEXT\(/ {
    line = $0
    if (!match(line, /^NXMSG_TEXT\([A-Z][A-Z0-9_]*, "/))
        fail("malformed NXMSG_TEXT line")
    id = substr(line, 12, RLENGTH - 14)
    text = substr(line, RLENGTH + 1)
    if (text !~ /"\)$/) fail("NXMSG_TEXT line must end with \")")
    text = substr(text, 1, length(text) - 2)
    print ""
    print "#. %s is replaced by a hexadecimal value such as 0x1FF."
    printf "#. max-width: %d\n", text_budget
    printf "#: lib/codes.def:%d\n", FNR
    print "#, c-format"
    printf "msgctxt \"%s\"\n", id
    printf "msgid \"%s\"\n", text
    print "msgstr \"\""
    next
}

/^NXMSG_/ { fail("unknown entry kind") }
