# :w writes full precision that xent eval reads back to the same numbers.
start
wait_for "12.698" || exit 1
keys ':goto 1 fish' Enter
type '3'
keys Enter
wait_for "[+]" || exit 1
keys ':w out.csv' Enter
wait_for "Wrote 1 rows to out.csv" || exit 1
wait_gone "[+]" || exit 1
keys ':q' Enter
wait_for "[exit 0]" || exit 1
out=$("$XENT" eval out.csv) || fail "eval of the saved file failed"
echo "$out" | grep -q '^Image 1,fish,0.021789294543326676,-2.488055919486013,-1.7505557283129267,3,' ||
    fail "saved numbers differ: $out"
finish
