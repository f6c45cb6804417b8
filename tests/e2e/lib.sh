# lib.sh - drive the real xent in tmux and read the screen, as a person
# would.  Sourced by each tests/e2e/t-*.sh; every wait polls the screen
# with a timeout instead of sleeping.
#
#   start [ARGS...]          run ./xent ARGS in a fresh 100x30 session
#   keys KEY...              tmux send-keys (Enter, Escape, C-r, ...)
#   type TEXT                send TEXT literally
#   wait_for TEXT [SECS]     until the screen shows TEXT (fixed string)
#   wait_gone TEXT [SECS]    until it no longer does
#   screen                   print the screen
#   finish                   kill the session

XENT=${XENT:-./xent}
SESSION=xent-e2e-$$
E2E_FAILED=0
TIMEOUT=${E2E_TIMEOUT:-10}

# The test's own state folder, so recovery files never touch the user's.
export XDG_STATE_HOME=${E2E_TMP:?}/state

start() {
	tmux kill-session -t "$SESSION" 2>/dev/null
	session "env XDG_STATE_HOME='$XDG_STATE_HOME' TMPDIR='$E2E_TMP' LANG=${E2E_LANG:-C.UTF-8} $XENT $*"
}

# Runs shell command $1 in a fresh session, then prints its exit status.
# A tmux server that is just shutting down refuses new sessions, so this
# tries again for a few seconds.
session() {
	_tries=0
	until tmux new-session -d -s "$SESSION" -x "${E2E_COLS:-100}" \
	    -y "${E2E_ROWS:-30}" "$1; echo \"[exit \$?]\"; sleep 600" 2>/dev/null
	do
		_tries=$((_tries + 1))
		[ "$_tries" -ge 50 ] && { fail "tmux would not start"; return 1; }
		sleep 0.1
	done
}

keys() { tmux send-keys -t "$SESSION" "$@"; }
type() { tmux send-keys -t "$SESSION" -l -- "$1"; }
screen() { tmux capture-pane -p -t "$SESSION"; }

# Polls every 50 ms until the screen contains $1, or fails after $2 s.
wait_for() {
	_end=$(( $(date +%s) + ${2:-$TIMEOUT} ))
	while [ "$(date +%s)" -le "$_end" ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.05
	done
	fail "timed out waiting for '$1'"
	return 1
}

# Polls until the screen no longer contains $1.
wait_gone() {
	_end=$(( $(date +%s) + ${2:-$TIMEOUT} ))
	while [ "$(date +%s)" -le "$_end" ]; do
		screen | grep -qF -- "$1" || return 0
		sleep 0.05
	done
	fail "timed out waiting for '$1' to go"
	return 1
}

fail() {
	echo "FAIL ${TEST_NAME:-?}: $*" >&2
	echo "---- screen ----" >&2
	screen >&2
	echo "----------------" >&2
	E2E_FAILED=1
}

finish() {
	tmux kill-session -t "$SESSION" 2>/dev/null
	return $E2E_FAILED
}
