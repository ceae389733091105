#!/bin/sh
# embedded-arm.sh - the drop-in embedded/ on a real MCU toolchain and board
# model: every .c file of it cross-compiled for Cortex-M4 with the flags a
# firmware team uses, a demo firmware (tests/embedded_demo.c) linked with
# newlib-nano and --gc-sections and run on qemu-system-arm -M mps2-an386
# (Cortex-M4) with semihosting.  What it prints must equal, byte for byte,
# what the same demo prints on the host through the host library (ICU).
# It also prints the stack each call used (painted), and checks that a call
# to a host-only function does not compile against embedded/.
#
#   embedded-arm.sh              the check (make check-arm)
#   embedded-arm.sh --footprint  flash and RAM per configuration against the
#                                same firmware without nxmsg (make footprint-arm);
#                                a budget not met is reported, not an error
#
# Needs NXMSG_BUILDDIR with embedded/ assembled ("make embedded-dir") and
# tests/embedded_demo_host built.  Exit 77 without arm-none-eabi-gcc,
# newlib-nano or qemu-system-arm.
set -u
build="${NXMSG_BUILDDIR:-.}"
src="${NXMSG_SRCDIR:-.}"
drop="$build/embedded"
arm="$src/tests/embedded-arm"
CC_ARM="${CC_ARM:-arm-none-eabi-gcc}"
SIZE_ARM="${SIZE_ARM:-arm-none-eabi-size}"
NM_ARM="${NM_ARM:-arm-none-eabi-nm}"
QEMU="${QEMU:-qemu-system-arm}"
CFLAGS_ARM="-mcpu=cortex-m4 -mthumb -Os -ffunction-sections -fdata-sections -Wall -Wextra -Werror"
LDFLAGS_ARM="--specs=nano.specs -nostartfiles -T $arm/mps2-an386.ld -Wl,--gc-sections"

for tool in "$CC_ARM" "$SIZE_ARM" "$NM_ARM" "$QEMU"; do
    command -v "$tool" >/dev/null 2>&1 || { echo "embedded-arm: $tool not found (SKIP)"; exit 77; }
done
nano=$("$CC_ARM" -mcpu=cortex-m4 -mthumb -print-file-name=libc_nano.a)
[ -f "$nano" ] || { echo "embedded-arm: no newlib-nano (SKIP)"; exit 77; }
[ -f "$drop/nxmsg_core.h" ] || { echo "embedded-arm: $drop is not assembled (make embedded-dir)"; exit 99; }

. "$src/tests/testlib.sh"

# build NAME DEFINES...: every .c of embedded/ plus the demo and startup, in
# the configuration the defines select, into $tmp/NAME.elf ("-" as the only
# define: no nxmsg at all)
build() {
    name=$1; shift
    objs=
    mkdir -p "$tmp/$name"
    if [ "${1:-}" != - ]; then
        for c in "$drop"/*.c; do
            o="$tmp/$name/$(basename "$c" .c).o"
            $CC_ARM $CFLAGS_ARM "$@" -I "$drop" -c "$c" -o "$o" 2>"$tmp/$name.err" ||
                { bad "$name: $(basename "$c") does not compile:"; cat "$tmp/$name.err"; return 1; }
            objs="$objs $o"
        done
    else
        shift
        set -- -DDEMO_BASELINE "$@"
    fi
    $CC_ARM $CFLAGS_ARM "$@" -I "$drop" -I "$arm" -o "$tmp/$name.elf" "$arm/startup.c" \
        "$src/tests/embedded_demo.c" $objs $LDFLAGS_ARM 2>"$tmp/$name.err" ||
        { bad "$name: the firmware does not link:"; cat "$tmp/$name.err"; return 1; }
}

run() {
    rm -f "$tmp/$1.out"
    timeout 60 "$QEMU" -M mps2-an386 -nographic -monitor none -serial none \
        -chardev file,id=semi,path="$tmp/$1.out" \
        -semihosting-config enable=on,target=native,chardev=semi -kernel "$tmp/$1.elf"
}

# flash (text + data) and RAM (data + bss) of an ELF
sizes() { $SIZE_ARM "$1" | awk 'NR == 2 { print $1 + $2, $2 + $3 }'; }

# one footprint row: NAME BUDGET WHAT (budget "-": none)
footprint_row() {
    n=$1 budget=$2 what=$3
    if [ ! -f "$tmp/$n.elf" ]; then
        printf '  %-44s does not build (see above): NOT met\n' "$what"; status=1; return
    fi
    set -- $(sizes "$tmp/$n.elf"); flash=$(($1 - bflash)) ram=$(($2 - bram))
    verdict=
    if [ "$budget" != - ]; then
        if [ "$flash" -le "$budget" ]; then verdict="(budget $budget: met)"
        else verdict="(budget $budget: NOT met)"; status=1; fi
    fi
    printf '  %-44s flash %6d %s\n' "$what" "$flash" "$verdict"
    if [ "$ram" -le 64 ]; then verdict="(budget 64: met)"; else verdict="(budget 64: NOT met)"; status=1; fi
    printf '  %-44s RAM   %6d %s\n' "" "$ram" "$verdict"
    if $NM_ARM "$tmp/$n.elf" | grep -Eq ' (malloc|_malloc_r|free|_sbrk|_sbrk_r)$'; then
        printf '  %-44s heap: the firmware links malloc (budget: none, NOT met)\n' ""; status=1
    else
        printf '  %-44s heap: none (no malloc/_sbrk linked)\n' ""
    fi
}

if [ "${1:-}" = --footprint ]; then
    build base - -DDEMO_NO_STACK || exit 1
    P=-DNXMSG_CORE_PACKED
    build full -DDEMO_NO_STACK $P
    build english -DDEMO_NO_STACK -DNXMSG_CORE_ENGLISH_ONLY $P
    build names -DDEMO_NO_STACK -DNXMSG_CORE_NAMES_ONLY $P
    build full-plain -DDEMO_NO_STACK
    build english-plain -DDEMO_NO_STACK -DNXMSG_CORE_ENGLISH_ONLY
    build names-plain -DDEMO_NO_STACK -DNXMSG_CORE_NAMES_ONLY
    build stack $P || exit 1
    run stack || { echo "embedded-arm: the firmware failed on qemu"; exit 1; }
    build stack-plain || exit 1
    run stack-plain || { echo "embedded-arm: the firmware failed on qemu"; exit 1; }
    set -- $(sizes "$tmp/base.elf"); bflash=$1 bram=$2
    echo "== nxmsg on Cortex-M4 (arm-none-eabi-gcc -Os, newlib-nano, --gc-sections) =="
    echo "   bytes more than the same firmware without nxmsg (flash = text + data, RAM = data + bss)"
    echo "   packed tables (NXMSG_CORE_PACKED), the device configuration the budgets are for:"
    status=0
    footprint_row full 40960 "names + English + Japanese + layout"
    footprint_row english - "names + English + layout"
    footprint_row names 8192 "names only"
    echo "   plain tables (pointer-returning functions too), for comparison:"
    footprint_row full-plain - "names + English + Japanese + layout"
    footprint_row english-plain - "names + English + layout"
    footprint_row names-plain - "names only"
    for n in stack stack-plain; do
        max=$(sed -n 's/^stack \(.*\): \([0-9]*\)$/\2 \1/p' "$tmp/$n.out" | sort -n | tail -n 1)
        if [ "${max%% *}" -le 256 ]; then verdict="(budget 256: met)"
        else verdict="(budget 256: NOT met)"; status=1; fi
        [ $n = stack ] && what=packed || what=plain
        echo "  deepest call ($what tables): ${max#* } ${max%% *} bytes $verdict"
        sed -n 's/^stack /    /p' "$tmp/$n.out"
    done
    [ "$status" -eq 0 ] && echo "  every budget met" || echo "  some budgets NOT met (see above)"
    exit 0
fi

# 1. the firmware prints what the host library prints
host="$build/tests/embedded_demo_host"
[ -x "$host" ] || { echo "embedded-arm: $host not built"; exit 99; }
"$host" >"$tmp/host.out" || bad "the host demo failed"
build demo && ok
if run demo; then ok; else bad "the firmware failed on qemu: $(cat "$tmp/demo.out" 2>/dev/null)"; fi
sed -n '/^-- stack/q;p' "$tmp/demo.out" >"$tmp/compared.out"
if [ -s "$tmp/host.out" ] && cmp -s "$tmp/host.out" "$tmp/compared.out"; then ok
else bad "firmware and host output differ:"; diff "$tmp/host.out" "$tmp/compared.out" | head -20; fi
grep -q '^  |' "$tmp/compared.out" && ok || bad "no wrapped lines in the output"
sed -n 's/^stack /embedded-arm: stack /p' "$tmp/demo.out"
# the same firmware with the packed tables prints the same
build demo-packed -DNXMSG_CORE_PACKED && ok
if run demo-packed; then ok; else bad "the packed firmware failed on qemu: $(cat "$tmp/demo-packed.out" 2>/dev/null)"; fi
sed -n '/^-- stack/q;p' "$tmp/demo-packed.out" >"$tmp/compared-packed.out"
if [ -s "$tmp/host.out" ] && cmp -s "$tmp/host.out" "$tmp/compared-packed.out"; then ok
else bad "packed firmware and host output differ:"; diff "$tmp/host.out" "$tmp/compared-packed.out" | head -20; fi
sed -n 's/^stack /embedded-arm: packed: stack /p' "$tmp/demo-packed.out"

# 2. the other configurations compile with the same flags
build names -DNXMSG_CORE_NAMES_ONLY && ok
build english -DNXMSG_CORE_ENGLISH_ONLY && ok
build names-packed -DNXMSG_CORE_NAMES_ONLY -DNXMSG_CORE_PACKED && ok
build english-packed -DNXMSG_CORE_ENGLISH_ONLY -DNXMSG_CORE_PACKED && ok

# 3. host-only functions are not declared: a call does not compile
printf '#include "nxmsg_core.h"\nint f(void) { return (int)nxmsg_width("a", 1, 0); }\n' >"$tmp/host-only.c"
if $CC_ARM $CFLAGS_ARM -I "$drop" -c "$tmp/host-only.c" -o "$tmp/host-only.o" 2>/dev/null; then
    bad "a call to nxmsg_width compiles against embedded/"
else ok; fi
printf '#define NXMSG_CORE_NAMES_ONLY\n#include "nxmsg_core.h"\nconst char *f(void) { return nxmsg_entry_text(0, "ja"); }\n' >"$tmp/names-only.c"
if $CC_ARM $CFLAGS_ARM -I "$drop" -c "$tmp/names-only.c" -o "$tmp/names-only.o" 2>/dev/null; then
    bad "a names-only build declares nxmsg_entry_text"
else ok; fi
printf '#define NXMSG_CORE_PACKED\n#include "nxmsg_core.h"\nconst char *f(void) { return nxmsg_name(0); }\n' >"$tmp/packed.c"
if $CC_ARM $CFLAGS_ARM -I "$drop" -c "$tmp/packed.c" -o "$tmp/packed.o" 2>/dev/null; then
    bad "a packed build declares nxmsg_name"
else ok; fi

# 4. the CMake library target builds with the cross toolchain
if command -v cmake >/dev/null 2>&1; then
    if cmake -S "$drop" -B "$tmp/cmake" -DCMAKE_SYSTEM_NAME=Generic -DCMAKE_C_COMPILER="$CC_ARM" \
            -DCMAKE_TRY_COMPILE_TARGET_TYPE=STATIC_LIBRARY -DCMAKE_C_FLAGS="$CFLAGS_ARM" \
            >"$tmp/cmake.log" 2>&1 &&
        cmake --build "$tmp/cmake" >>"$tmp/cmake.log" 2>&1 && [ -f "$tmp/cmake/libnxmsg_core.a" ]; then
        ok
    else
        bad "the CMake target does not build:"; tail -n 20 "$tmp/cmake.log"
    fi
else
    echo "embedded-arm: cmake not found, CMake target not checked"
fi

finish embedded-arm
