#!/usr/bin/env bash
# Measures the desktop app as a person uses it: starts the binary under Xvfb on a catalogue, browses with
# xdotool (scrolls the list, types a search, ticks a filter, visits every tab), then prints the resident memory,
# the start-up timings and how many "Error in Fyne call thread" lines the log holds.
# Usage: scripts/measure-memory.sh BINARY CATALOGUE.db   (a 100,000-cluster catalogue: run
#        `go test ./app -run '^$' -bench KeystrokeToList -benchtime 1x` once; it leaves $TMPDIR/clusterbridge-bench-v1.db)
set -euo pipefail
bin=${1:?usage: measure-memory.sh BINARY CATALOGUE}
db=${2:?usage: measure-memory.sh BINARY CATALOGUE}
command -v xdotool >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xdotool >/dev/null; }
source "$(dirname "$0")/xvfb.sh"
cp "$db" "$work/catalogue.db"
HOME=$work LIBGL_ALWAYS_SOFTWARE=1 CLUSTERBRIDGE_TIMING=1 "$bin" --db "$work/catalogue.db" >"$work/log" 2>&1 &
apid=$!
sleep 6
xdotool mousemove 570 450
for _ in $(seq 30); do xdotool click 5; sleep 0.05; done
xdotool click 1; sleep 0.5
xdotool mousemove 160 90 click 1; sleep 0.3
xdotool type --delay 120 "offshore wind"; sleep 1.5
xdotool mousemove 570 300 click 1; sleep 0.5
xdotool key Down Down Down; sleep 0.5
xdotool mousemove 19 166 click 1; sleep 1
for x in 160 270 395 530 55; do xdotool mousemove $x 49 click 1; sleep 1.5; done
sleep 2
grep -E "VmRSS|VmHWM" "/proc/$apid/status"
grep timing "$work/log" || true
echo "Fyne thread errors: $(grep -c 'Error in Fyne call thread' "$work/log" || true)"
