# SIGTERM with unsaved edits restores the terminal, writes a recovery
# file, and the next start offers it back.
start
wait_for "12.698" || exit 1
keys '+'
wait_for "[+]" || exit 1
pid=$(pgrep -n -f "^$XENT") || fail "no xent process"
kill -TERM "$pid"
wait_for "unsaved edits written to" || exit 1
wait_for "[exit 143]" || exit 1
[ "$(tmux display -p -t "$SESSION" '#{alternate_on}')" = 0 ] ||
    fail "the terminal was not restored"
start
wait_for "Restore them? (y/n)" || exit 1
keys y
wait_for "0.12179" || exit 1
finish

# With a state folder that cannot be written, the edits go to a folder
# under $TMPDIR, the message says where, and the next start finds them.
XDG_STATE_HOME=/dev/null/state
start
wait_for "12.698" || exit 1
keys '+'
wait_for "[+]" || exit 1
pid=$(pgrep -n -f "^$XENT") || fail "no xent process"
kill -TERM "$pid"
wait_for "unsaved edits written to $E2E_TMP/xent-" || exit 1
start
wait_for "Restore them? (y/n)" || exit 1
keys y
wait_for "0.12179" || exit 1
finish
