# A prediction hides its columns until the learner types a guess, while
# the grid keys keep working; then the guess shows beside the true value.
cat > p.md <<'MD'
# Predict

## Guess first

**Try it:** press p and type your guess.

```sheet
# mode: probs
is_cat,cat
1,0.5
0,0.9
```

```predict
ask: Row 2 is not a cat, but the model says cat with 0.9. What is its loss?
value: loss[2]
within: 0.2
hide: loss if_form
```
MD
E2E_COLS=120
start p.md
wait_for "Predict: Row 2" || exit 1
screen | grep -q "if-form" && fail "the hidden if-form column shows"
keys 'j'
wait_for "p: type your guess" || exit 1
keys 'p'
wait_for "Your guess:" || exit 1
type '1'
keys Enter
wait_for "You guessed 1, but it is 2.303" || exit 1
wait_for "if-form" || exit 1
finish
