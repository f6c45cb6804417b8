#!/bin/sh
# bench.sh - how fast xent is on a practitioner's validation sets, beside
# the Python tools people would otherwise use.  Prints timings; asserts
# nothing (speed is measured here, never in a test).
#
#   sh tests/bench.sh [XENT [BUILD]]     (make bench runs it)
#
# Two files, made once and kept under build/bench/ (a folder per file,
# named by its parameters): 1,000,000 rows x 10 classes and 50,000 rows x
# 1000 classes, a label column and logits with 6 decimals.  For each it
# times `xent eval --summary`, the full `xent eval` table and the grid's
# load path (BUILD/bench_load: cli_load + ctl_new, no terminal), and,
# where a python3 has pandas and torch, the peers in the same run,
# interleaved: pandas read_csv + torch cross_entropy, and pandas read_csv
# + to_csv.  Every figure is the median of several runs.
#
#   BENCH_RUNS=N        runs of everything but the tables (default 5 for
#                       the 1M file, 3 for the 50k file)
#   BENCH_TABLE_RUNS=N  runs of the full table and its to_csv peer
#                       (default 3 for the 1M file, 1 for the 50k file,
#                       which keeps make bench within ten minutes)
#   BENCH_PYTHON=PATH   the python3 for the peers (default /usr/bin/python3
#                       when it has pandas and torch, else python3)
set -eu
XENT=${1:-./xent}
BUILD=${2:-build}
here=$(dirname "$0")
cache=build/bench
gen_version=g1		# bump when bench_load's generator changes its bytes

for f in "$XENT" "$BUILD/bench_core" "$BUILD/bench_load"; do
	if [ ! -x "$f" ]; then
		echo "bench: $f is missing: run make bench" >&2
		exit 1
	fi
done
if [ ! -x /usr/bin/time ]; then
	echo "bench: /usr/bin/time is missing (Debian package: time)" >&2
	exit 1
fi

tmp=$(mktemp -d)
partial=
trap 'rm -rf "$tmp"; [ -z "$partial" ] || rm -f "$partial"' EXIT
trap 'exit 130' INT TERM HUP
start=$(date +%s)

# --- the peers' interpreter -----------------------------------------------

has() { "$1" -c "import $2" >/dev/null 2>&1; }
PY= PY_TORCH=
for p in ${BENCH_PYTHON:-/usr/bin/python3 $(command -v python3 || true)}; do
	if has "$p" "pandas, torch"; then
		PY=$p PY_TORCH=1
		break
	fi
	[ -n "$PY" ] || ! has "$p" pandas || PY=$p
done
# OpenBLAS tuning that some machines set for old builds slows a current
# numpy: the peers run without it.
PEER="env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE"

# --- helpers --------------------------------------------------------------

# timed NAME OUT CMD...: runs CMD with its standard output in OUT and adds
# "wall_s rss_kb" to $tmp/NAME.t.  On failure says why and returns 1.
timed() {
	name=$1 out=$2
	shift 2
	if /usr/bin/time -f "%e %M" -o "$tmp/last" "$@" >"$out" 2>"$tmp/err"; then
		cat "$tmp/last" >>"$tmp/$name.t"
	else
		echo "   $name failed:"
		tail -3 "$tmp/err" | sed 's/^/      /'
		return 1
	fi
}

# median COLUMN FILE
median() {
	cut -d' ' -f"$1" "$2" | sort -n | awk '{ v[NR] = $1 }
	    END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# row NAME LABEL: a table line from $tmp/NAME.t (ROWS and BYTES set).
row() {
	if [ ! -s "$tmp/$1.t" ]; then
		printf '   %-40s %4s\n' "$2" "-"
		return
	fi
	awk -v what="$2" -v n="$(wc -l <"$tmp/$1.t")" -v s="$(median 1 "$tmp/$1.t")" \
	    -v kb="$(median 2 "$tmp/$1.t")" -v rows="$ROWS" -v bytes="$BYTES" 'BEGIN {
		if (s <= 0) s = 0.005	# below /usr/bin/time resolution
		printf "   %-40s %4d %8.2f %10.0f %7.1f %9.0f\n", what, n, s,
		    rows / s, bytes / 1048576 / s, kb / 1024
	}'
}

# ratio PEER XENT LABEL: peer/xent for wall time and peak memory.
ratio() {
	[ -s "$tmp/$1.t" ] && [ -s "$tmp/$2.t" ] || return 0
	awk -v ps="$(median 1 "$tmp/$1.t")" -v xs="$(median 1 "$tmp/$2.t")" \
	    -v pk="$(median 2 "$tmp/$1.t")" -v xk="$(median 2 "$tmp/$2.t")" \
	    -v what="$3" 'BEGIN {
		if (xs <= 0) xs = 0.005
		printf "   %-36s time %5.2fx   peak RSS %5.2fx\n", what, ps / xs, pk / xk
	}'
}

# make_file ROWS K: sets FILE to the cached benchmark file, made if need be.
make_file() {
	d=$cache/r$1-k$2-$gen_version
	FILE=$d/bench.csv
	if [ -f "$FILE" ]; then
		echo "   (cached: $FILE, not regenerated; delete it to make it again)"
		return
	fi
	mkdir -p "$d"
	partial=$FILE.tmp.$$
	t0=$(date +%s.%N)
	"$BUILD/bench_load" gen "$1" "$2" >"$partial"
	mv -f "$partial" "$FILE"
	partial=
	echo "   (generated $FILE in $(echo "$t0 $(date +%s.%N)" |
	    awk '{ printf "%.1f", $2 - $1 }') s)"
}

# bench ROWS K RUNS TABLE_RUNS
bench() {
	ROWS=$1 K=$2 runs=$3 truns=$4
	rm -f "$tmp"/*.t
	printf '\n== %s rows x %s classes\n' "$ROWS" "$K"
	make_file "$ROWS" "$K"
	BYTES=$(wc -c <"$FILE")
	awk -v b="$BYTES" 'BEGIN { printf "   %.1f MiB, %d bytes\n", b / 1048576, b }'
	echo "   medians over each line's runs; xent and its peer take turns, run by run"
	psum=${PY_TORCH:+1} ptab=${PY:+1}
	max=$((runs > truns ? runs : truns))
	i=1
	while [ "$i" -le "$max" ]; do
		if [ "$i" -le "$runs" ]; then
			timed sum "$tmp/sum.out" "$XENT" eval --summary "$FILE"
			[ -z "$psum" ] || timed psum "$tmp/psum.out" $PEER "$PY" \
			    "$here/bench/peer.py" loss "$FILE" || psum=
			"$BUILD/bench_load" "$FILE" >"$tmp/load.out"
			sed -n 's/^load_s=\([^ ]*\) .*peak_rss_kb=\([0-9]*\).*/\1 \2/p' \
			    "$tmp/load.out" >>"$tmp/load.t"
		fi
		if [ "$i" -le "$truns" ]; then
			timed top "$tmp/top.out" "$XENT" eval --top 20 "$FILE"
			timed rep "$tmp/rep.out" "$XENT" eval --report "$FILE"
			timed srt /dev/null "$XENT" eval --sort loss "$FILE"
			timed tab /dev/null "$XENT" eval "$FILE"
			[ -z "$ptab" ] || timed ptab "$tmp/ptab.out" $PEER "$PY" \
			    "$here/bench/peer.py" table "$FILE" || ptab=
		fi
		i=$((i + 1))
	done
	printf '   %-40s %4s %8s %10s %7s %9s\n' "what" runs "wall s" "rows/s" \
	    "MiB/s" "peak MiB"
	row sum "xent eval --summary"
	[ -z "$PY_TORCH" ] || row psum "  peer: pandas read_csv + torch CE"
	row tab "xent eval (full table to /dev/null)"
	[ -z "$PY" ] || row ptab "  peer: pandas read_csv + to_csv"
	row load "grid load (cli_load + ctl_new)"
	row top "xent eval --top 20"
	row rep "xent eval --report"
	row srt "xent eval --sort loss (to /dev/null)"
	# The grid's whole-set commands, once, on the loaded sheet.
	echo "   in the grid, after the load (bench_load ops, one run):"
	"$BUILD/bench_load" ops "$FILE" |
	    sed -n 's/^op=\(.*\) s=\(.*\)$/     :\1  \2 s/p'
	if [ -s "$tmp/psum.t" ] || [ -s "$tmp/ptab.t" ]; then
		echo "   peer/xent (below 1: the peer is faster or smaller):"
		ratio psum sum "pandas+torch / xent eval --summary"
		ratio ptab tab "pandas to_csv / xent eval"
	fi
	if [ -s "$tmp/psum.out" ]; then
		printf '   mean loss: xent %s, torch %s\n' \
		    "$(sed -n 's/^mean_loss=//p' "$tmp/sum.out")" \
		    "$(sed -n 's/.*mean_loss=//p' "$tmp/psum.out")"
	fi
}

# --- the run --------------------------------------------------------------

mem=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
cpu=$(sed -n 's/^model name[^:]*: *//p' /proc/cpuinfo | head -1)
echo "machine: $(nproc) cores, ${cpu:-unknown CPU}, $mem, $(uname -sr)"
if [ -n "$PY_TORCH" ]; then
	echo "peers: $($PEER "$PY" "$here/bench/peer.py" versions) ($PY)"
elif [ -n "$PY" ]; then
	echo "peers: $($PEER "$PY" "$here/bench/peer.py" versions) ($PY); no torch there: the cross_entropy peer is skipped"
else
	echo "peers: no python3 with pandas and torch (Debian: python3-pandas python3-torch): skipped"
fi

echo "== core: load-free arithmetic ($BUILD/bench_core)"
"$BUILD/bench_core"

bench 1000000 10 "${BENCH_RUNS:-5}" "${BENCH_TABLE_RUNS:-3}"
bench 50000 1000 "${BENCH_RUNS:-3}" "${BENCH_TABLE_RUNS:-1}"

printf '\nbench: %d s in all\n' $(($(date +%s) - start))
