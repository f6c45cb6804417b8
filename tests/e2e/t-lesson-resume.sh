# Off the straight path: a learner who quits after step 1 resumes at
# step 2 on the state step 1's solution makes (step 2 has no sheet of its
# own), and can solve it; ] straight to the last step builds its state
# from the earlier solutions, and its solution meets the goal there.
cat > r.md <<'MD'
# Resume

## Make cat sure

**Try it:** type 0.99 into row 1's cat cell.

```sheet
# mode: probs
is_cat,cat
1,0.5
1,0.98
0,0.9
```

```goal
loss[1] < 0.02
```

```solution
:goto 1 cat
0.99<Enter>
```

## Worse

**Try it:** type 0.999 into row 3's cat cell.

```setup
goto 3 cat
```

```goal
loss[3] > 2.9
```

```solution
:goto 3 cat
0.999<Enter>
```

## Only after both

**Try it:** type 0.5 into row 2's cat cell.

```goal
loss[1] < 0.02 and loss[3] > 2.9 and loss[2] > 0.5
```

```solution
:goto 2 cat
0.5<Enter>
```
MD
start r.md
wait_for "Resume  (1/3)" || exit 1
keys ':goto 1 cat' Enter
type '0.99'
keys Enter
wait_for "Goal met!" || exit 1
keys ':q!' Enter
wait_for "[exit 0]" || exit 1

start r.md
wait_for "Resume  (2/3)" || exit 1
wait_for "Worse" || exit 1
type '0.999'
keys Enter
wait_for "Goal met!" || exit 1
keys ':q!' Enter
wait_for "[exit 0]" || exit 1

# From step 1 again, skipping both exercises.
start --present r.md
wait_for "Resume  (1/3)" || exit 1
keys ']' ']'
wait_for "Resume  (3/3)" || exit 1
wait_for "Goal not met yet" || exit 1
keys ':goto 2 cat' Enter
type '0.5'
keys Enter
wait_for "Goal met!" || exit 1
finish
