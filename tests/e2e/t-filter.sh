# :filter confident_wrong keeps those rows and the title counts them with
# their mean loss beside the sheet's; /TEXT finds an id; :filter off shows
# all.  A sheet of hard labels shows a label column, not one-hot ones.
cat > val.csv <<'CSV'
id,label,cat,dog,fish
img-a,cat,5,0,0
img-b,dog,5,0,0
img-c,fish,0,6,0
img-d,dog,0,4,0
img-e,fish,1,1,1
img-f,cat,0,0,5
CSV
E2E_COLS=100 E2E_ROWS=30
start val.csv
wait_for "img-f" || exit 1
screen | sed -n 2p | grep -q 'label  *p(label)  *pred ' ||
    fail "no label, p(label) and pred columns"
screen | sed -n 2,3p | grep -q 'target' &&
    fail "one-hot target columns on a sheet of labels"
# p(cat) = e^5 / (e^5 + 2) = 0.98670.
screen | grep '^> img-a' | grep -q ' cat  *0.9867 cat ' ||
    fail "img-a's label and p(label) are not cat 0.9867"
keys ':filter confident_wrong' Enter
# img-b, img-c, img-f: losses 5.0134, 6.0049, 5.0134 (mean 5.3439).
wait_for "confident_wrong: 3 of 6 rows" || exit 1
wait_for "mean loss 5.3439" || exit 1
screen | grep -q 'img-a' && fail "img-a is not confidently wrong"
screen | grep -q '^>!img-b' || fail "the cursor is not on img-b"
keys '/'
type 'f'
keys Enter
wait_for "/f: row 6" || exit 1
screen | grep -q '^>!img-f' || fail "/f did not reach img-f"
# An edit in the filtered view: img-f's cat from 0 to 5 brings its loss
# to 0.69651, the mean to (5.0134 + 6.0049 + 0.69651) / 3.
keys ':goto 6 cat' Enter
type '5'
keys Enter
wait_for "3 of 6 rows · mean loss 3.9049" || exit 1
screen | grep -q 'img-f' || fail "the edited row left the view"
keys ':filter off' Enter
wait_for "Every row shows" || exit 1
wait_for "img-a" || exit 1
keys ':show target' Enter
wait_for "Showing target" || exit 1
screen | sed -n 2p | grep -q '^ *target ' || fail ":show target did not show it"
keys ':q!' Enter
wait_for "[exit 0]" || exit 1
finish
