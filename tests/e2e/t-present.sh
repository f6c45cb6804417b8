# Presenting: no key hints; Space (a clicker) advances, PgUp goes back.
cat > p.md <<'MD'
# Clicker

## One

First.

## Two

Second.
MD
start --present p.md
wait_for "Clicker  (1/2)" || exit 1
screen | grep -qF "] next step" && fail "key hints are shown while presenting"
keys Space
wait_for "Clicker  (2/2)" || exit 1
keys PPage
wait_for "Clicker  (1/2)" || exit 1
finish
