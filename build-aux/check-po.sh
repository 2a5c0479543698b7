#!/bin/sh
# Check that the Thai translation is complete and valid.
#
# usage: check-po.sh SRC_ROOT [LANG]
#
# 1. Every source file with translatable strings must be listed in po/POTFILES.in.
# 2. The current strings are extracted into a temporary POT with xgettext, using the same
#    arguments as meson's i18n.gettext(preset: 'glib') (so .c, .ui, .desktop.in, .metainfo.xml.in
#    and .gschema.xml give exactly what `ninja green-atlas-pot` gives).
# 3. `msgcmp po/LANG.po TMP.pot` must pass: every msgid has a non-fuzzy translation.
# 4. `msgfmt --check -c` must accept po/LANG.po (format strings, header, plural forms).
# Nothing in the source tree is written. Exits 0 when complete, 1 otherwise.
set -eu

if [ $# -lt 1 ]; then
  echo "usage: $0 SRC_ROOT [LANG]" >&2
  exit 2
fi
src_root=$1
lang=${2:-th}
po_file="$src_root/po/$lang.po"
potfiles="$src_root/po/POTFILES.in"

for tool in xgettext msgcmp msgfmt msgmerge msgattrib; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "check-po: '$tool' not found (install gettext)" >&2
    exit 77  # skipped
  fi
done
for f in "$po_file" "$potfiles"; do
  if [ ! -f "$f" ]; then
    echo "FAIL: $f does not exist" >&2
    exit 1
  fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-po.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
status=0

# 1. Files with translatable strings that po/POTFILES.in does not list.
sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$potfiles" | sort -u > "$tmp/listed"
(
  cd "$src_root"
  for dir in app resources data; do
    [ -d "$dir" ] || continue
    grep -rlE --include='*.c' --include='*.h' '(^|[^A-Za-z0-9_])(N?C?_|g_dn?p?c?gettext2?|n?gettext) ?\("' "$dir" || true
    grep -rl --include='*.ui' 'translatable="yes"' "$dir" || true
    grep -rlE --include='*.desktop.in' '^_?(Name|GenericName|Comment|Keywords)=' "$dir" || true
    grep -rlE --include='*.metainfo.xml.in' --include='*.gschema.xml' '<(name|summary|description|p|li|caption|keyword)[ >]' "$dir" || true
  done
) | sort -u > "$tmp/used"
comm -23 "$tmp/used" "$tmp/listed" > "$tmp/unlisted"
if [ -s "$tmp/unlisted" ]; then
  echo "FAIL: these files have translatable strings but are not in po/POTFILES.in:"
  sed 's/^/  /' "$tmp/unlisted"
  status=1
fi

# 2. Extract, exactly like meson's i18n 'glib' preset (meson --internal gettext pot).
if ! xgettext --package-name=green-atlas -p "$tmp" -f "$potfiles" -D "$src_root" -k_ \
       -o current.pot \
       --from-code=UTF-8 --add-comments \
       --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
       --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
       --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
       --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
       --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
       --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
       --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
       --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
       --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format \
       2> "$tmp/xgettext.log"; then
  echo "FAIL: xgettext could not extract the strings listed in po/POTFILES.in:"
  sed 's/^/  /' "$tmp/xgettext.log"
  exit 1
fi
pot="$tmp/current.pot"
n_msgs=$(grep -c '^msgid ' "$pot" || true)

# 3. Every current msgid must have a (non-fuzzy) translation.
if ! msgcmp "$po_file" "$pot" > "$tmp/msgcmp.log" 2>&1; then
  msgmerge --quiet --no-fuzzy-matching -o "$tmp/merged.po" "$po_file" "$pot"
  {
    msgattrib --no-obsolete --untranslated --no-wrap "$tmp/merged.po"
    echo
    msgattrib --no-obsolete --only-fuzzy --no-wrap "$tmp/merged.po"
  } | awk 'BEGIN { RS = ""; ORS = "\n\n" } !/(^|\n)msgid ""\nmsgstr/' > "$tmp/missing.po"
  n_missing=$(grep -c '^msgid ' "$tmp/missing.po" || true)
  echo "FAIL: po/$lang.po lacks a translation for $n_missing of the $((n_msgs - 1)) strings" \
       "(untranslated, fuzzy or new). Run 'ninja -C BUILD green-atlas-pot', then"
  echo "      'msgmerge --update --no-fuzzy-matching po/$lang.po po/green-atlas.pot' and translate these:"
  echo
  sed 's/^/    /' "$tmp/missing.po"
  status=1
fi

# 4. The file itself must compile cleanly.
if ! msgfmt --check -c --statistics -o /dev/null "$po_file" > "$tmp/msgfmt.log" 2>&1; then
  echo "FAIL: msgfmt --check -c rejects po/$lang.po:"
  sed 's/^/  /' "$tmp/msgfmt.log"
  status=1
elif [ $status -eq 0 ]; then
  echo "OK: po/$lang.po translates all $((n_msgs - 1)) current strings ($(cat "$tmp/msgfmt.log"))"
fi

exit $status
