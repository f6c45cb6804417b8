# A file its owner may not write is read-only: :w refuses and names :w!,
# which writes it and keeps its mode.
printf 'label,cat,dog\ncat,2,1\n' > s.csv
chmod 0444 s.csv
start s.csv
wait_for "s.csv" || exit 1
keys ':goto 1 cat' Enter
type '7'
keys Enter
wait_for "[+]" || exit 1
keys ':w' Enter
wait_for "s.csv is read-only. :w! writes it anyway." || exit 1
grep -q '^cat,2,1$' s.csv || fail "the refused save touched the file"
keys ':x' Enter
wait_for "read-only" || exit 1
keys ':x!' Enter
wait_for "[exit 0]" || exit 1
grep -q '^cat,7,1$' s.csv || fail ":x! did not write: $(cat s.csv)"
[ "$(stat -c %a s.csv)" = 444 ] || fail "mode now $(stat -c %a s.csv)"
finish
