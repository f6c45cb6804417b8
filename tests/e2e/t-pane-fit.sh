# The pane keeps what matters in view: a long lesson title gives way to
# the step counter and the title bar's mode and base; the grid never
# draws into the pane; a clicker pages through long text before it
# changes step.
LESSONS=$(cd "$(dirname "$XENT")" && pwd)/lessons
{
	echo "# A lesson whose title is far too long to fit in any lesson pane or title bar at all"
	echo
	echo "## Long text"
	echo
	i=1
	while [ $i -le 40 ]; do echo "Line $i of the text that a lecturer reads out."; echo; i=$((i + 1)); done
	echo "**Try it:** press + once."
	echo
	echo '```goal'
	echo 'a[1,cat] > 0.05'
	echo '```'
	echo
	echo '```solution'
	echo ':goto 1 cat'
	echo '+'
	echo '```'
	echo
	echo "## Second"
	echo
	echo "The end."
} > long.md
E2E_COLS=80
E2E_ROWS=24
start --present long.md
wait_for "(1/2)" || exit 1
wait_for "logits ln" || exit 1
wait_for "Try it: press + once." || exit 1
wait_for "Line 1 of" || exit 1
keys Space
wait_gone "Line 1 of" || exit 1
screen | grep -qF "(1/2)" || fail "Space left the step while text remained"
# Page to the end of the text, then one more press changes step.
n=0
while ! screen | grep -qF "Line 40 of" && [ $n -lt 20 ]; do keys Space; sleep 0.1; n=$((n + 1)); done
wait_for "Line 40 of" || exit 1
screen | grep -qF "(1/2)" || fail "paging changed the step"
keys Space
wait_for "(2/2)" || exit 1
keys PPage
wait_for "(1/2)" || exit 1
finish

# A wide grid beside a short lesson text at 120x40 (every column shown):
# no grid text right of the pane's border (ASCII, so columns are bytes).
cat > wide.md <<'MD'
# Wide

## Short

**Try it:** look.

```sheet
id,label,cat,dog,plane,fish,building
Image 1,fish,700,-2.4880559194860128,-1.7505557283129267,2.0704092459877179,1.2502573466234175
```

```setup
show all
```
MD
E2E_COLS=120
E2E_ROWS=40
E2E_LANG=C
start wide.md
wait_for "(1/1)" || exit 1
wait_for "exp/sum" || exit 1
screen | sed -n '2,35p' | awk '{ b = index($0, "|"); if (b > 0 && substr($0, b) ~ /target|-log p|[0-9]e[-+][0-9]|^[|] +[-0-9]/) { print; bad = 1 } } END { exit bad }' ||
    fail "grid cells were drawn in the lesson pane"
finish
