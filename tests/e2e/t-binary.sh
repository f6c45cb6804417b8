# A one-row binary sheet in the example view: the class, its complement
# line (not_cat, 1 - p), and the probability column headed sigmoid.
cat > b.csv <<'CSV'
is_cat,cat
1,0
CSV
start b.csv
wait_for "sigmoid" || exit 1
wait_for "not_cat" || exit 1
screen | grep "^not_cat" | grep -q "0.5" || fail "the complement line lacks 1 - p"
keys ':goto 1 cat' Enter
type '2'
keys Enter
wait_for "0.1192" || exit 1
screen | grep "^not_cat" | grep -q "0.1192" || fail "the complement line did not follow the edit"
finish
