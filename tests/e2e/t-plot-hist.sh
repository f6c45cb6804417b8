# The loss histogram at 80x24 outside UTF-8 (LANG=C): one confident-wrong
# row among two hundred sits alone in the last populated bucket, where
# the row marker points when the cursor is on it; the counts go on a log
# scale; no byte outside ASCII reaches the screen.
{
	echo "label,cat,dog,fish"
	i=1
	while [ $i -le 200 ]; do
		echo "cat,$((i % 7 + 1)).$((i % 10)),0.$((i % 9)),0.5"
		i=$((i + 1))
	done
	echo "dog,9,0.1,0.2"
} > h.csv
E2E_COLS=80
E2E_ROWS=24
E2E_LANG=C
start h.csv
wait_for "mean loss" || exit 1
keys ':plot hist' Enter
wait_for "Loss of each row: 201 rows, counts on a log scale" || exit 1
keys ':goto 201' Enter
wait_for "^ row 201: 8.9" || exit 1
LC_ALL=C screen | LC_ALL=C grep -q "$(printf '[\200-\377]')" && fail "non-ASCII bytes on a LANG=C screen"
# The rightmost column with a bar, and the column of the row marker.
cols=$(screen | awk '
	/Loss of each row/ { on = 1; next }
	on == 1 && /\+--/ { on = 2; next }
	on == 1 { for (i = length($0); i > 0; i--) { c = substr($0, i, 1);
		if (c == "#" || c == "_") { if (i > last) last = i; break } } }
	on == 2 && /\^/ && !/\^ row/ { mark = index($0, "^"); on = 3 }
	END { print last, mark }')
set -- $cols
[ -n "$2" ] && [ "$1" = "$2" ] || fail "the row marker (column $2) is not on the last populated bucket (column $1)"
# The first row is not there.
keys ':goto 1' Enter
wait_for "^ row 1: " || exit 1
cols=$(screen | awk '
	/Loss of each row/ { on = 1; next }
	on == 1 && /\+--/ { on = 2; next }
	on == 1 { for (i = length($0); i > 0; i--) { c = substr($0, i, 1);
		if (c == "#" || c == "_") { if (i > last) last = i; break } } }
	on == 2 && /\^/ && !/\^ row/ { mark = index($0, "^"); on = 3 }
	END { print last, mark }')
set -- $cols
[ -n "$2" ] && [ "$1" != "$2" ] || fail "row 1's marker is on the confident miss's bucket"
# Fixing the miss empties that bucket: the counts follow the edit.
keys ':goto 201 cat' Enter
type '0'
keys Enter
wait_for "^ row 201: 1.1019" || exit 1
screen | grep -q "^ *0  *0.5  *1  *1.5 *$" || fail "the loss axis did not close in after the miss was fixed"
finish

# The curve in ASCII, with its marker and the confident_wrong bracket.
E2E_COLS=80
E2E_ROWS=24
E2E_LANG=C
start
wait_for "fish" || exit 1
keys ':plot curve' Enter
wait_for "loss=0.47104" || exit 1
screen | grep -q "O p(fish)=0.62435\|p(fish)=0.62435 loss=0.47104" || fail "no marker numbers"
screen | grep -q "confident_wrong" || fail "no confident_wrong bracket"
screen | grep -q '[\\/_.-]' || fail "no ASCII curve"
LC_ALL=C screen | LC_ALL=C grep -q "$(printf '[\200-\377]')" && fail "non-ASCII bytes on a LANG=C screen"
finish
