# Typing -10 into a cell gives -10: the - starts the number (its nudge is
# taken back), and what is saved reads back as -10.
start
wait_for "12.698" || exit 1
keys ':goto 1 cat' Enter
type '-10'
keys Enter
wait_for "output cat, row 1 = -10" || exit 1
keys ':w neg.csv' Enter
wait_for "Wrote 1 rows to neg.csv" || exit 1
keys 'u'
wait_for "0.021789" || exit 1
keys 'u'
wait_for "Nothing to undo" || exit 1
keys ':q!' Enter
wait_for "[exit 0]" || exit 1
grep -q '^Image 1,fish,-10,' neg.csv || fail "saved: $(cat neg.csv)"
finish
