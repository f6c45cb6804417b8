# Two xents on one file: the second save is refused, as the first one's
# would be lost; :w! overwrites it all the same.
printf 'label,cat,dog\ncat,2,1\n' > s.csv
main=$SESSION
# Ends both sessions, whatever happened.
both_done() {
	SESSION=$main-a; finish
	SESSION=$main-b; finish
}
SESSION=$main-a
start s.csv
wait_for "s.csv" || { both_done; exit 1; }
SESSION=$main-b
start s.csv
wait_for "s.csv" || { both_done; exit 1; }
SESSION=$main-a
keys ':goto 1 cat' Enter
type '7'
keys Enter
wait_for "[+]" || { both_done; exit 1; }
keys ':w' Enter
wait_for "Wrote 1 rows to s.csv" || { both_done; exit 1; }
grep -q '^cat,7,1$' s.csv || fail "the first save is not on disk: $(cat s.csv)"
SESSION=$main-b
keys ':goto 1 dog' Enter
type '5'
keys Enter
wait_for "[+]" || { both_done; exit 1; }
keys ':w' Enter
wait_for "changed on disk" || { both_done; exit 1; }
wait_for ":w! overwrites" || { both_done; exit 1; }
grep -q '^cat,7,1$' s.csv || fail "the refused save touched the file: $(cat s.csv)"
keys ':wq' Enter
wait_for "changed on disk" || { both_done; exit 1; }
keys ':w!' Enter
wait_for "Wrote 1 rows to s.csv" || { both_done; exit 1; }
grep -q '^cat,2,5$' s.csv || fail ":w! did not write: $(cat s.csv)"
# Having saved, the second xent knows the file as it is now.
keys ':goto 1 cat' Enter
type '4'
keys Enter
keys ':wq' Enter
wait_for "[exit 0]" || { both_done; exit 1; }
grep -q '^cat,4,5$' s.csv || fail ":wq after :w! did not write: $(cat s.csv)"
SESSION=$main-a
keys ':q!' Enter
wait_for "[exit 0]"
both_done
