# + nudges, u undoes, Ctrl-R redoes.
start
wait_for "0.021789" || exit 1
keys '+'
wait_for "0.12179" || exit 1
keys u
wait_for "0.021789" || exit 1
wait_for "Undone" || exit 1
keys C-r
wait_for "0.12179" || exit 1
finish
