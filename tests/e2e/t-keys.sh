# The real binary's keys: arrows move the cursor, Tab completes commands
# and class names, a mouse click selects a cell.
cat > k.csv <<'CSV'
# mode: logits
id,label,cat,dog,fish
a,cat,2,0,1
b,dog,0,1,2
c,fish,1,2,3
CSV
start k.csv
wait_for "mean loss" || exit 1
screen | grep -q "^> a" || fail "the cursor does not start on row a"
keys Down Down
wait_for "> c" || exit 1
keys Up
wait_for "> b" || exit 1
keys Enter
wait_for "output cat, row 2 = " || exit 1
keys Escape
wait_for "Cancelled." || exit 1
keys Right Enter
wait_for "output dog, row 2 = " || exit 1
keys Escape
wait_for "Cancelled." || exit 1
# Tab completes a command, then a class.
keys ':go' Tab
wait_for ":goto" || exit 1
type '3 fi'
keys Tab
wait_for ":goto 3 fish" || exit 1
keys Enter Enter
wait_for "output fish, row 3 = " || exit 1
keys Escape
wait_for "Cancelled." || exit 1
# A click (X10 mouse report: press, release) on row a's first class cell.
y=$(screen | grep -n "^  a" | cut -d: -f1)
x=$(screen | grep "^  a" | awk '{ print index($0, " 2 ") + 1 }')
[ -n "$y" ] && [ "$x" -gt 1 ] || fail "row a not found on screen"
cb=$(printf '\\%03o' 32)
cx=$(printf '\\%03o' $((32 + x)))
cy=$(printf '\\%03o' $((32 + y)))
rel=$(printf '\\%03o' 35)
tmux send-keys -t "$SESSION" -l "$(printf "\033[M$cb$cx$cy\033[M$rel$cx$cy")"
wait_for "> a" || exit 1
keys Enter
wait_for "output cat, row 1 = 2" || exit 1
finish
