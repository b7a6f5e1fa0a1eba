#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Screenshots of the real window, as a person sees it: Xvfb with the openbox window manager, a fresh HOME, the
# strata binary started normally (not --screenshot), keys typed with xdotool, the whole screen grabbed with xwd.
# Not a test: the PNGs are for looking at (issue notes, reviews). Needs xvfb openbox xdotool x11-apps imagemagick,
# and qt6-gtk-platformtheme for the dark theme (GTK's Adwaita:dark palette).
#   tests/ui/shoot.sh OUT.png [--scale 2] [--dark] [--size 1600x1000] [--keys "ctrl+shift+l ..."] [--wait S]
#                     [--config Strata.conf] -- strata ARGS...
# Keys: xdotool key names, "type:TEXT" (typed), "sleep:S". --config is copied to the fresh HOME's settings first.
set -euo pipefail
out=$1
shift
scale=1 dark=0 size=1600x1000 keys="" wait=3 config=""
while [[ $# -gt 0 && $1 != -- ]]; do
    case $1 in
    --scale) scale=$2; shift ;;
    --dark) dark=1 ;;
    --size) size=$2; shift ;;
    --keys) keys=$2; shift ;;
    --wait) wait=$2; shift ;;
    --config) config=$2; shift ;;
    *) echo "shoot.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
shift
home=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$home"' EXIT
if [[ -n $config ]]; then
    mkdir -p "$home/.config/Strata"
    cp "$config" "$home/.config/Strata/Strata.conf"
fi
display=:$((90 + RANDOM % 400))
Xvfb "$display" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
export DISPLAY=$display
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
HOME=$home openbox >/dev/null 2>&1 &
sleep 0.5
env=(HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" XDG_CACHE_HOME="$home/.cache"
    QT_SCALE_FACTOR="$scale")
[[ $dark == 1 ]] && env+=(QT_QPA_PLATFORMTHEME=gtk3 GTK_THEME=Adwaita:dark)
env "${env[@]}" "$@" >/dev/null 2>&1 &
xdotool search --sync --onlyvisible --name 'Strata' >/dev/null
sleep "$wait"
for k in $keys; do
    case $k in
    sleep:*) sleep "${k#sleep:}" ;;
    type:*) xdotool type --delay 30 "${k#type:}" ;;
    *) xdotool key "$k" ;;
    esac
    sleep 0.4
done
sleep 1
xwd -root -silent | convert xwd:- "$out"
echo "shoot.sh: $out"
