# SPDX-License-Identifier: MIT
# Shared by the bench-*.sh scripts: work directory rules, tool checks, the strata binary, and
# timing under GNU time (best and median wall, peak RSS), PASS/MISS targets and the result table.
# Source it after setting BENCH_NAME (used in messages); it defines functions and nothing runs.

die() { echo "$BENCH_NAME: error: $*" >&2; exit 1; }
log() { echo "==> $*" >&2; }

# bench_workdir DEFAULT [ARG] : sets WORKDIR (ARG, else DEFAULT), resolved without creating it so a
# refused path leaves nothing behind. Generated images must never land next to sources where
# `git add -A` would pick them up; a build*/ directory at the top of the tree is ignored by convention.
bench_workdir() {
  WORKDIR=$(realpath -m -- "${2:-$1}")
  case "$WORKDIR/" in
    "$SRC_ROOT"/build*/*) ;;
    "$SRC_ROOT"/*) die "WORKDIR $WORKDIR is inside the source tree but not under build*/" ;;
  esac
}

# require_tools TOOL... : every tool on PATH, and GNU time.
require_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || die "missing tool: $tool (see packaging/install-deps.sh)"
  done
  [[ -x /usr/bin/time ]] || die "GNU time (/usr/bin/time) is missing: apt-get install time"
}

# find_strata : sets STRATA (absolute) and HAVE_STRATA; exits 2 when the binary is missing. Checked
# before the slow image build, so a missing build fails fast. Any binary not named strata* (e.g.
# /bin/true) means "dry run": the strata rows are skipped, the reference rows are still measured.
find_strata() {
  STRATA=${STRATA:-$BUILD_DIR/app/strata}
  if [[ ! -x "$STRATA" ]]; then
    echo "$BENCH_NAME: error: strata binary not found or not executable: $STRATA" >&2
    echo "  build it first (cmake --build $BUILD_DIR) or point STRATA at it; STRATA=/bin/true runs" >&2
    echo "  only the reference measurements" >&2
    exit 2
  fi
  STRATA=$(realpath -- "$STRATA")
  if [[ $(basename -- "$STRATA") == strata* ]]; then HAVE_STRATA=1; else HAVE_STRATA=0; fi
}

# bench_begin : the temporary directory (removed on exit), WORKDIR/logs and the result tables.
bench_begin() {
  TMP=$(mktemp -d "${TMPDIR:-/tmp}/strata-bench.XXXXXX")
  # shellcheck disable=SC2064 # TMP is fixed now
  trap "rm -rf -- '$TMP'" EXIT
  LOGDIR=$WORKDIR/logs
  mkdir -p -- "$LOGDIR"
  declare -gA WALL RSS MEDIAN CPU MAXRSS NOTE
  ROWS=()
  MISSES=0
}

BEFORE_EACH=:        # command run untimed before every run (e.g. clearing a copy destination)
MEASURE_STDOUT=log   # "log": stdout and stderr to WORKDIR/logs/NAME.log; "null": stdout discarded

# measure NAME CMD... : runs CMD $RUNS times under GNU time. Keeps the best wall time and that run's
# peak RSS (WALL, RSS), the median wall time (MEDIAN), the median CPU time, user + system (CPU: on a
# loaded machine it moves less than the wall time) and the largest peak RSS (MAXRSS). Any non-zero
# exit aborts the bench: a fast wrong answer is not a result.
measure() {
  local name=$1 run wall rss user sys rc walls=() cpus=()
  shift
  ROWS+=("$name")
  for ((run = 1; run <= RUNS; run++)); do
    $BEFORE_EACH
    rc=0
    if [[ $MEASURE_STDOUT == null ]]; then
      /usr/bin/time -f '%e %M %U %S' -o "$TMP/time" -- "$@" >/dev/null 2>"$LOGDIR/$name.log" || rc=$?
    else
      /usr/bin/time -f '%e %M %U %S' -o "$TMP/time" -- "$@" >"$LOGDIR/$name.log" 2>&1 || rc=$?
    fi
    if ((rc != 0)); then
      echo "$BENCH_NAME: FAILED: $name exited $rc: $*" >&2
      tail -n 20 "$LOGDIR/$name.log" >&2
      exit 1
    fi
    read -r wall rss user sys <"$TMP/time"
    walls+=("$wall")
    cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN{print u + s}')")
    if [[ -z ${WALL[$name]:-} ]] || awk -v a="$wall" -v b="${WALL[$name]}" 'BEGIN{exit !(a < b)}'; then
      WALL[$name]=$wall
      RSS[$name]=$rss
    fi
    if [[ -z ${MAXRSS[$name]:-} ]] || ((rss > MAXRSS[$name])); then MAXRSS[$name]=$rss; fi
  done
  MEDIAN[$name]=$(median "${walls[@]}")
  CPU[$name]=$(median "${cpus[@]}")
}

median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END{print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# skip NAME WHY : a row that could not run, still shown so the table keeps its shape.
skip() { ROWS+=("$1"); NOTE[$1]=$2; }

# target LABEL VALUE OP LIMIT : prints VALUE against "OP LIMIT" (OP is < or <=) with PASS/MISS,
# or n/a when VALUE is empty (a skipped row).
target() {
  local label=$1 value=$2 op=$3 limit=$4
  if [[ -z $value ]]; then
    printf '  %-46s %9s  %-8s n/a\n' "$label" "-" "$op $limit"
  elif awk -v v="$value" -v l="$limit" -v op="$op" 'BEGIN{exit !(op == "<" ? v < l : v <= l)}'; then
    printf '  %-46s %9.3f  %-8s PASS\n' "$label" "$value" "$op $limit"
  else
    printf '  %-46s %9.3f  %-8s MISS\n' "$label" "$value" "$op $limit"
    MISSES=$((MISSES + 1))
  fi
}
ratio() { [[ -n ${1:-} && -n ${2:-} ]] && awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", a / b}'; }
diff_s() { [[ -n ${1:-} && -n ${2:-} ]] && awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", a - b}'; }
mb() { [[ -n ${1:-} ]] && awk -v k="$1" 'BEGIN{printf "%.1f", k / 1024}'; }

# print_rows : the table of every row: best and median wall, median CPU, peak RSS of the best run.
print_rows() {
  local r
  printf '%-28s %12s %12s %12s %12s\n' "measurement" "best wall s" "median s" "median CPU s" "peak RSS MB"
  printf '%-28s %12s %12s %12s %12s\n' "----------------------------" "-----------" "-----------" "-----------" "-----------"
  for r in "${ROWS[@]}"; do
    if [[ -n ${WALL[$r]:-} ]]; then
      printf '%-28s %12.2f %12.2f %12.2f %12.1f\n' "$r" "${WALL[$r]}" "${MEDIAN[$r]}" "${CPU[$r]}" "$(mb "${RSS[$r]}")"
    else
      printf '%-28s %12s %12s %12s %12s  (%s)\n' "$r" "-" "-" "-" "-" "${NOTE[$r]}"
    fi
  done
}

# print_machine : what the figures were measured on; the ratios only hold on a quiet machine.
print_machine() {
  echo "machine: nproc=$(nproc), cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), mem=$(free -g | awk '/^Mem:/{print $2}') GiB, load avg $(cut -d' ' -f1-3 /proc/loadavg)"
  if ((HAVE_STRATA)); then
    echo "strata:  $STRATA ($("$STRATA" --version 2>/dev/null | head -1 || echo 'version unknown'))"
  else
    echo "strata:  $STRATA is not a strata binary: strata rows are skipped (dry run)"
  fi
}

# strict_exit : with BENCH_STRICT=1, exit 1 when a target was missed.
strict_exit() {
  if ((MISSES > 0 && ${BENCH_STRICT:-0} == 1)); then
    echo "$BENCH_NAME: $MISSES target(s) missed (BENCH_STRICT=1)" >&2
    exit 1
  fi
}

# The generated images are reused while WORKDIR/.stamp holds STAMP_CONTENT (bump it when a generator
# changes); BENCH_REBUILD=1 forces a rebuild. build_once WHAT BUILDER runs the BUILDER function if
# needed; the builder ends with finish_build START SCRATCH (removes its scratch folder, writes the
# stamp, prints how long the build took).
build_once() {
  if [[ ${BENCH_REBUILD:-0} != 1 && -f $WORKDIR/.stamp && $(cat "$WORKDIR/.stamp") == "$STAMP_CONTENT" ]]; then
    log "reusing $1 in $WORKDIR (BENCH_REBUILD=1 to rebuild)"
  else
    log "building $1 in $WORKDIR"
    "$2"
  fi
}
finish_build() {
  rm -rf -- "$2"
  echo "$STAMP_CONTENT" >"$WORKDIR/.stamp"
  awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN{printf "image build: %.1f s (setup, not a benchmark figure)\n", b - a}'
}
