#!/bin/sh
# run.sh - runs every end-to-end test (tests/e2e/t-*.sh) against the xent
# binary given as $1, and prints "N passed, N failed".
set -u
XENT=$(cd "$(dirname "${1:-./xent}")" && pwd)/$(basename "${1:-./xent}")
export XENT
dir=$(cd "$(dirname "$0")" && pwd)
pass=0
failn=0
# One idle session keeps the tmux server up between tests, so that no test
# starts while the server of the one before is shutting down.
keeper=xent-e2e-keeper-$$
tmux new-session -d -s "$keeper" "sleep 3600"
trap 'tmux kill-session -t "$keeper" 2>/dev/null' EXIT
for t in "$dir"/t-*.sh; do
	E2E_TMP=$(mktemp -d)
	export E2E_TMP
	if (cd "$E2E_TMP" && TEST_NAME=$(basename "$t" .sh) sh -c ". '$dir/lib.sh'; . '$t'") ; then
		pass=$((pass + 1))
		echo "ok   $(basename "$t")"
	else
		failn=$((failn + 1))
		echo "FAIL $(basename "$t")"
	fi
	# A xent just killed may still be writing its recovery file there.
	for _try in 1 2 3 4 5 6 7 8 9 10; do
		rm -rf "$E2E_TMP" 2>/dev/null && break
		sleep 0.2
	done
done
echo "e2e: $pass passed, $failn failed"
[ "$failn" -eq 0 ]
