#!/usr/bin/env bash
# End-to-end smoke test: starts the real binary under Xvfb on a fresh catalogue, takes a picture after it
# settles, and fails if the picture is blank or the program has died.
set -euo pipefail
bin=${1:?usage: smoke.sh BINARY}
source "$(dirname "$0")/xvfb.sh"

HOME=$work LIBGL_ALWAYS_SOFTWARE=1 "$bin" --db "$work/catalogue.db" >"$work/log" 2>&1 &
apid=$!
sleep "${SMOKE_WAIT:-6}"
if ! kill -0 "$apid" 2>/dev/null; then
  echo "smoke: the app exited early; its log:" >&2; cat "$work/log" >&2; exit 1
fi
import -window root "$work/shot.png"
# A blank screen has one colour: no spread in its pixel values.
spread=$(convert "$work/shot.png" -colorspace Gray -format '%[fx:standard_deviation]' info:)
colours=$(convert "$work/shot.png" -format '%k' info:)
if awk -v s="$spread" 'BEGIN { exit !(s < 0.01) }' || (( colours < 16 )); then
  echo "smoke: the window looks blank (spread $spread, $colours colours)" >&2; exit 1
fi
if grep -q "Error in Fyne call thread" "$work/log"; then
  echo "smoke: the app changed widgets off the UI goroutine:" >&2; grep "Fyne call thread" "$work/log" >&2; exit 1
fi
[[ -n ${SMOKE_SHOT:-} ]] && cp "$work/shot.png" "$SMOKE_SHOT"
echo "smoke: ok (window drawn with $colours colours, app still running)"
