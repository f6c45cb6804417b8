# An 80x24 terminal shows what a lesson step needs: every class of the
# five-class example, the sum and loss lines when they are shown, the
# step counter and the task, and the goal's state.
LESSONS=$(cd "$(dirname "$XENT")" && pwd)/lessons
E2E_COLS=80
E2E_ROWS=24
start "$LESSONS/01-softmax-from-scratch.md"
wait_for "(1/" || exit 1
for cls in cat dog plane fish building; do
	screen | grep -q "^$cls " || fail "class $cls is not on the screen"
done
wait_for "Try it:" || exit 1
wait_for "Goal not met yet" || exit 1
# Step 4 shows exp, sum and softmax: the sum line must be in view too.
keys ']' ']' ']'
wait_for "(4/" || exit 1
wait_for "sum " || exit 1
for cls in cat dog plane fish building; do
	screen | grep -q "^$cls " || fail "class $cls is not on the screen at step 4"
done
wait_for "Try it:" || exit 1
finish
