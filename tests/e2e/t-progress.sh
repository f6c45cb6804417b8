# A progress file that is not one is named on the status line and the
# lesson starts at step 1; passing a step writes a good file over it.  A
# --reset that cannot remove the file says so and exits 1.
cat > l.md <<'MD'
# Tiny lesson

## Make cat win

```sheet
label,cat,dog
dog,0,1
```

```goal
pred[1] == class[cat]
```

## Second step

The end.
MD
prog=$XDG_STATE_HOME/xent/progress
mkdir -p "$prog"
printf 'passed 1 2\ngarbage\n' > "$prog/l.txt"
start l.md
wait_for "Tiny lesson  (1/2)" || exit 1
wait_for "progress/l.txt:2: not a progress file" || exit 1
keys ':goto 1 cat' Enter
type '5'
keys Enter
wait_for "Goal met!" || exit 1
keys ':q!' Enter
wait_for "[exit 0]" || exit 1
[ "$(cat "$prog/l.txt")" = "passed 1" ] || fail "progress was not rewritten"

rm "$prog/l.txt"
mkdir -p "$prog/l.txt/in"
tmux kill-session -t "$SESSION" 2>/dev/null
session "env XDG_STATE_HOME='$XDG_STATE_HOME' $XENT lesson --reset '$PWD/l.md'"
wait_for "progress/l.txt: cannot be removed" || exit 1
wait_for "[exit 1]" || exit 1
screen | grep -qF "forgot" && fail "a failed reset says it forgot"
rm -r "$prog/l.txt"
printf 'passed 1\n' > "$prog/l.txt"
tmux kill-session -t "$SESSION" 2>/dev/null
session "env XDG_STATE_HOME='$XDG_STATE_HOME' $XENT lesson --reset '$PWD/l.md'"
wait_for "xent: forgot the progress of lesson l" || exit 1
wait_for "[exit 0]" || exit 1
[ -e "$prog/l.txt" ] && fail "the progress file is still there"
finish
