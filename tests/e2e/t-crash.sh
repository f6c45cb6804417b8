# SIGQUIT and SIGSEGV with unsaved edits: the terminal is restored, the
# edits go to the recovery file, and the next start offers them back.
for sig in QUIT SEGV; do
	start
	wait_for "12.698" || exit 1
	keys '+'
	wait_for "[+]" || exit 1
	pid=$(pgrep -n -f "^$XENT") || fail "no xent process"
	kill -$sig "$pid"
	wait_for "unsaved edits written to" || exit 1
	wait_for "[exit 1" || exit 1
	[ "$(tmux display -p -t "$SESSION" '#{alternate_on}')" = 0 ] ||
	    fail "the terminal was not restored after SIG$sig"
	start
	wait_for "Restore them? (y/n)" || exit 1
	keys y
	wait_for "0.12179" || exit 1
	keys ':q!' Enter
	wait_for "[exit 0]" || exit 1
done
finish
