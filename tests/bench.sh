#!/bin/sh
# bench.sh - how fast xent is on a practitioner's scale: a million rows of
# ten classes.  Prints timings; asserts nothing (speed is measured here,
# never in a test).
set -eu
XENT=${1:-./xent}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
make -s build/bench_core >/dev/null
echo "== core: load-free arithmetic (build/bench_core)"
build/bench_core
awk 'BEGIN {
	srand(7)
	printf "label,c0,c1,c2,c3,c4,c5,c6,c7,c8,c9\n"
	for (r = 0; r < 1000000; r++) {
		printf "%d", int(rand() * 10)
		for (k = 0; k < 10; k++)
			printf ",%.6f", (rand() - 0.5) * 8
		printf "\n"
	}
}' > "$dir/million.csv"
echo "== xent eval --summary on 1,000,000 rows x 10 classes ($(du -h "$dir/million.csv" | cut -f1))"
/usr/bin/time -f "   %e s wall, %M KiB max resident" "$XENT" eval --summary "$dir/million.csv" | head -3
echo "== xent eval (full table) on the same file"
/usr/bin/time -f "   %e s wall, %M KiB max resident" "$XENT" eval "$dir/million.csv" > /dev/null
