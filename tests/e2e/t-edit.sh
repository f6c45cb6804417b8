# Editing a cell recomputes its row's loss and the mean, and explains a
# confidently wrong row.
cat > s.csv <<'CSV'
# mode: logits
id,label,cat,dog
a,cat,2,0
b,dog,0,1
CSV
start s.csv
wait_for "mean loss" || exit 1
before=$(screen | grep -o 'mean loss [0-9.]*')
keys ':goto 1 dog' Enter
type '9'
wait_for "output dog, row 1 = 9" || exit 1
keys Enter
wait_for "7.0009" || exit 1
wait_gone "$before" || exit 1
wait_for "Confident and wrong" || exit 1
finish
