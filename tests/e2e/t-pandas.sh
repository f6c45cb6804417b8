# A CSV as pandas writes it (df.to_csv(): the index under an empty name)
# opens with its ids as the row labels, a --text column beside them, and
# :w keeps both.
printf '%s\n' ',path,cat,dog,bird,label' \
    'img_001.jpg,/val/001.jpg,2.5,0.1,-1.0,cat' \
    'img_002.jpg,/val/002.jpg,0.2,3.0,0.5,bird' \
    'img_003.jpg,/val/003.jpg,1.0,1.2,0.9,bird' > val.csv
start --text path val.csv
wait_for "img_003.jpg" || exit 1
screen | grep -q '^> *img_001\.jpg /val/001\.jpg ' ||
    fail "the first row does not show its id and path: $(screen)"
screen | grep -q 'img_002\.jpg /val/002\.jpg ' ||
    fail "the second row's id and path are missing"
keys ':w out.csv' Enter
wait_for "Wrote 3 rows to out.csv" || exit 1
keys ':q' Enter
wait_for "[exit 0]" || exit 1
grep -q '^# text: path$' out.csv || fail "no text setting in the save"
grep -q '^img_002\.jpg,/val/002\.jpg,bird,0\.2,3,0\.5$' out.csv ||
    fail "the saved row differs: $(cat out.csv)"
finish
