# A resize to a tiny size shows a note; back to normal, the grid returns.
start
wait_for "12.698" || exit 1
tmux resize-window -t "$SESSION" -x 12 -y 4
wait_for "too small" || exit 1
tmux resize-window -t "$SESSION" -x 100 -y 30
wait_for "12.698" || exit 1
tmux resize-window -t "$SESSION" -x 40 -y 12
wait_for "mean loss" || exit 1
finish
