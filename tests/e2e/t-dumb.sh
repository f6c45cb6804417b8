# A terminal that cannot move the cursor (TERM=dumb) or that terminfo does
# not know gets one clear sentence and exit status 1, not a blank screen;
# the grid, a lesson and the lesson picker alike, and the terminal's modes
# are left as they were.
LESSONS=$(cd "$(dirname "$XENT")" && pwd)/lessons

# Runs xent with TERM=$1 and arguments $2 in a fresh session, its terminal
# modes saved before and after.
run_term() {
	tmux kill-session -t "$SESSION" 2>/dev/null
	session "stty -g > '$PWD/before'; env TERM=$1 XENT_LESSONS='$LESSONS' XDG_STATE_HOME='$XDG_STATE_HOME' $XENT $2; r=\$?; stty -g > '$PWD/after'; (exit \$r)"
}

for args in "" "lesson" "lesson 3" "--present lesson 3"; do
	run_term dumb "$args"
	wait_for "xent: this terminal (TERM=dumb) cannot move the cursor" ||
	    exit 1
	wait_for "[exit 1]" || exit 1
	wait_for "prints the table without one." || exit 1
	cmp -s before after || fail "xent $args changed the terminal's modes"
done
run_term no-such-terminal ""
wait_for "(TERM=no-such-terminal) is unknown to terminfo" || exit 1
wait_for "[exit 1]" || exit 1
finish
