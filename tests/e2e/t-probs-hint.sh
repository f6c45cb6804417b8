# Probabilities passed as logits: the grid says so once, on the status
# line, and says nothing once they are read as probabilities.
printf '%s\n' 'label,cat,dog' 'cat,0.9,0.1' 'dog,0.25,0.75' > p.csv
start p.csv
wait_for "look like probabilities" || exit 1
screen | grep -qF "Rows look like probabilities (in [0, 1], sum 1): softmax twice? :set mode probs" ||
    fail "the status line lacks the advice: $(screen)"
keys ':set mode probs' Enter
wait_for "mode = probs" || exit 1
keys ':q!' Enter
wait_for "[exit 0]" || exit 1
start --mode probs p.csv
wait_for "2 rows" || exit 1
screen | grep -qF "look like probabilities" && fail "warned in probs mode"
keys ':q' Enter
wait_for "[exit 0]" || exit 1
finish
