# The default sheet: the spreadsheet's sum and fish probability, and a
# plain quit that restores the terminal.
start
wait_for "12.698" || exit 1
wait_for "0.62435" || exit 1
wait_for "fish" || exit 1
[ "$(tmux display -p -t "$SESSION" '#{alternate_on}')" = 1 ] ||
    fail "the grid is not on the alternate screen"
keys ':q' Enter
wait_for "[exit 0]" || exit 1
[ "$(tmux display -p -t "$SESSION" '#{alternate_on}')" = 0 ] ||
    fail "the terminal was not restored"
finish
