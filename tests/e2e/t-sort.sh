# :sort loss puts the worst row on top with the cursor on it; an edit there
# and :w keep the file's own order; :sort row is the file's order again.
cat > val.csv <<'CSV'
id,label,cat,dog,fish
im1,cat,3,0,0
im2,dog,0,2,1
im3,fish,4,0,-1
im4,cat,1,0,0.5
im5,dog,0,0,3
CSV
E2E_COLS=80 E2E_ROWS=24
start val.csv
wait_for "im5" || exit 1
keys ':sort loss' Enter
wait_for "sorted by loss" || exit 1
# im3's fish has p = 0.0066 (loss 5.02), im5's dog 0.045 (loss 3.1).
row1=$(screen | grep -n '^>' | cut -d: -f1)
[ "$row1" = 4 ] || fail "the cursor is not on the first row shown ($row1)"
screen | sed -n 4p | grep -q 'im3' || fail "im3 is not on top"
screen | sed -n 5p | grep -q 'im5' || fail "im5 is not second"
keys '+'
wait_for "[+]" || exit 1
keys ':w' Enter
wait_for "Wrote 5 rows" || exit 1
ids=$(sed -n '/^id,/,$p' val.csv | cut -d, -f1 | tr '\n' ' ')
[ "$ids" = "id im1 im2 im3 im4 im5 " ] || fail ":w changed the order: $ids"
grep -q '^im3,fish,4.1,0,-1$' val.csv || fail "the edit is not in im3's row: $(cat val.csv)"
keys ':sort row' Enter
wait_for "In the file's order" || exit 1
screen | sed -n 4p | grep -q 'im1' || fail "im1 is not first in the file's order"
keys ':q' Enter
wait_for "[exit 0]" || exit 1
finish
