# A lesson in the real app: meet a goal by typing, see the check mark,
# go on to the next step; progress is remembered.
cat > l.md <<'MD'
# Tiny lesson

## Make cat win

Type a big number into cat's output.

```sheet
label,cat,dog
dog,0,1
```

```goal
pred[1] == class[cat]
```

```solution
:goto 1 cat
5<Enter>
```

## Second step

The end.
MD
start l.md
wait_for "Tiny lesson  (1/2)" || exit 1
wait_for "Goal not met yet" || exit 1
keys ':goto 1 cat' Enter
type '5'
keys Enter
wait_for "✓ Goal met!" || exit 1
keys ']'
wait_for "(2/2)" || exit 1
wait_for "Second step" || exit 1
keys ':q!' Enter
wait_for "[exit 0]" || exit 1
grep -q "passed 1" "$XDG_STATE_HOME/xent/progress/l.txt" ||
    fail "progress was not saved"
finish
