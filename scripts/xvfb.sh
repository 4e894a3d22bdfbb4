# Sourced by the scripts that run the real window: starts a private Xvfb display, exports DISPLAY, makes a work
# folder $work, and on exit stops the program whose pid is in $apid, then the display, and removes $work.
work=$(mktemp -d)
n=$(( 200 + RANDOM % 500 ))
while [[ -e /tmp/.X$n-lock ]]; do n=$((n + 1)); done
Xvfb :$n -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xpid=$!
apid=
cleanup() {
  [[ -n $apid ]] && kill "$apid" 2>/dev/null && wait "$apid" 2>/dev/null || true
  kill "$xpid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 50); do [[ -e /tmp/.X11-unix/X$n ]] && break; sleep 0.1; done
export DISPLAY=:$n
