# Lesson 6 at 80x24, as a lecturer runs it: the curve takes the place of
# the prose while the heading, counter, task and goal stay in view; each
# press of - moves the marker up the curve, its loss printed beside it.
LESSONS=$(cd "$(dirname "$XENT")" && pwd)/lessons
E2E_COLS=80
E2E_ROWS=24
start "$LESSONS/06-confident-and-wrong.md"
wait_for "(1/5)" || exit 1
wait_for "loss=0.69315" || exit 1
for t in "Squeeze the right answer" "Try it: press - four times" "Goal not met yet"; do
	screen | grep -qF "$t" || fail "'$t' is not in view beside the plot"
done
screen | LC_ALL=C grep -q "$(printf '\342[\240-\243]')" || fail "no braille curve"
# The line of the marker (U+25CF), counted from the top.
mark_line() { screen | grep -n "$(printf '\342\227\217')" | head -n 1 | cut -d: -f1; }
l0=$(mark_line)
keys - -
wait_for "loss=1.204" || exit 1
l1=$(mark_line)
keys - -
wait_for "loss=2.3026" || exit 1
l2=$(mark_line)
[ -n "$l0" ] && [ "$l2" -lt "$l0" ] && [ "$l1" -le "$l0" ] && [ "$l2" -le "$l1" ] ||
    fail "the marker did not climb: lines $l0, $l1, $l2"
screen | grep -q "^>!1 .*2.3026" || fail "the grid's loss is not the marker's"
keys j k
type '0.01'
keys Enter
wait_for "Goal met!" || exit 1
finish
