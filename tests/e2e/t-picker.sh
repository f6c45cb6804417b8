# `xent lesson` lists the lessons on $XENT_LESSONS with their progress,
# opens the chosen one, and preselects it the next time.
mkdir -p mine
cat > mine/01-first.md <<'MD'
# The first lesson

## Only step

```goal
base == 10
```

```solution
:base 10
```
MD
cat > mine/02-second.md <<'MD'
# The second lesson

## Only step

Read me.
MD
export XENT_LESSONS="$PWD/mine"
tmux kill-session -t "$SESSION" 2>/dev/null
session "env XENT_LESSONS='$XENT_LESSONS' XDG_STATE_HOME='$XDG_STATE_HOME' LANG=C.UTF-8 $XENT lesson"
wait_for "The first lesson" || exit 1
wait_for "0/1 steps" || exit 1
keys j Enter
wait_for "The second lesson  (1/1)" || exit 1
keys ':q' Enter
wait_for "[exit 0]" || exit 1
tmux kill-session -t "$SESSION"
session "env XENT_LESSONS='$XENT_LESSONS' XDG_STATE_HOME='$XDG_STATE_HOME' LANG=C.UTF-8 $XENT lesson"
wait_for "done" || exit 1
keys Enter
wait_for "The second lesson  (1/1)" || exit 1
finish
