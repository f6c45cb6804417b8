# The plot pane: :plot curve draws braille, the marker follows a nudge
# and prints the row's loss beside it, P cycles to the bars, :plot off
# closes it, and :plot --svg writes a file.

# The braille block, U+2800 .. U+28FF: bytes E2 A0..A3 xx.
braille() { LC_ALL=C grep -q "$(printf '\342[\240-\243]')"; }

# The loss printed beside the marker ("loss=0.47104").
marker_loss() { screen | sed -n 's/.*loss=\([-0-9.e+inf]*\).*/\1/p' | head -n 1; }

# The example view's loss ("loss (cross-entropy form) 0.47104").
row_loss() { screen | sed -n 's/.*cross-entropy form) *\([-0-9.e+inf]*\).*/\1/p' | head -n 1; }

start
wait_for "fish" || exit 1
keys ':plot curve' Enter
wait_for "Penalty: loss" || exit 1
screen | braille || fail ":plot curve drew no braille"
wait_for "loss=0.47104" || exit 1
[ "$(marker_loss)" = "$(row_loss)" ] || fail "marker loss $(marker_loss) is not the row's $(row_loss)"
before=$(screen | cut -c61-)
# Fish is the target: nudge its output down twice.
keys j j j
keys - -
wait_gone "loss=0.47104" || exit 1
after=$(screen | cut -c61-)
[ "$before" != "$after" ] || fail "the plot pane did not change after the nudge"
ml=$(marker_loss)
rl=$(row_loss)
[ -n "$ml" ] && [ "$ml" = "$rl" ] || fail "after the nudge the marker says loss=$ml, the row $rl"
awk -v a="$ml" 'BEGIN { exit !(a > 0.5 && a < 0.8) }' || fail "the marker's loss $ml did not rise"
# Typing a value moves it as well (after a move: a digit right after a
# nudge would make a signed number of it).
keys k j
type '0.5'
keys Enter
wait_for "p(fish)=0.2568" || exit 1
[ "$(marker_loss)" = "$(row_loss)" ] || fail "after typing, marker $(marker_loss), row $(row_loss)"
# P cycles to the bars: target and prediction by letter and symbol.
keys P
wait_for "Row 1: p, logit" || exit 1
wait_for "0.5439" || exit 1
screen | grep -q "T fish .*0.2569.*$(printf '\342\227\200')" || fail "the bars do not mark fish as the target"
screen | grep -q "P building .*0.5439.*$(printf '\342\227\206')" || fail "the bars do not mark building as the prediction"
keys ':plot off' Enter
wait_gone "Row 1: p, logit" || exit 1
keys ':plot bars --svg out.svg' Enter
wait_for "Wrote the bars of row 1 to out.svg" || exit 1
grep -q '<rect class="bar"' out.svg || fail "out.svg has no bars"
[ "$(grep -c '<rect class="bar"' out.svg)" -eq 5 ] || fail "out.svg lacks a bar per class"
finish

# A lesson's setup cannot write a picture; the directive opens the pane.
cat > l.md <<'MD'
# Plots

## One

**Try it:** press +.

```setup
plot curve
```

```goal
a[1,fish] > 2.1
```

```solution
:goto 1 fish
+
```

## Two

Still the curve.

## Three

```setup
plot bars
```

## Four

```setup
:plot bars --svg x.svg
```
MD
n=$(grep -n 'plot bars --svg' l.md | cut -d: -f1)
out=$($XENT lint l.md 2>&1)
echo "$out" | grep -q "l.md:$n: plot: curve, bars" || fail "lint let a plot --svg through: $out"
sed -i '/plot bars --svg/d' l.md
$XENT lint l.md >/dev/null 2>&1 || fail "lint refused the plot directives: $($XENT lint l.md 2>&1)"
start l.md
wait_for "(1/4)" || exit 1
wait_for "p(fish)=" || exit 1
keys ']'
wait_for "(2/4)" || exit 1
wait_for "p(fish)=" || exit 1
keys ']'
wait_for "(3/4)" || exit 1
wait_for "Row 1: p" || exit 1
# Back to step 2, entered directly: the curve again, as when reached.
keys '['
wait_for "(2/4)" || exit 1
wait_for "p(fish)=0.6475 loss=0.43464" || exit 1
wait_gone "Row 1: p" || exit 1
finish
