# Presenting: no key hints; Space (a clicker) advances, PgUp goes back.
# Every way of asking for it opens the lesson at its (1/N) counter: a file,
# lesson --present N, --present lesson N, and the picker; --present and
# --reset do not mix, and --reset alone still works.
mkdir -p mine
cat > mine/01-clicker.md <<'MD'
# Clicker

## One

First.

## Two

Second.
MD
cp mine/01-clicker.md p.md
export XENT_LESSONS="$PWD/mine"

# Runs xent with arguments $1 in a fresh session, on the lessons in mine.
run() {
	tmux kill-session -t "$SESSION" 2>/dev/null
	session "env XENT_LESSONS='$XENT_LESSONS' XDG_STATE_HOME='$XDG_STATE_HOME' LANG=C.UTF-8 $XENT $1"
}

# Checks that lesson Clicker is presenting at step 1, then quits it.
presenting() {
	wait_for "Clicker  (1/2)" || { echo "with xent $1" >&2; return 1; }
	screen | grep -qF "] next step" &&
	    fail "xent $1: key hints are shown while presenting"
	keys ':q' Enter
	wait_for "[exit 0]" || return 1
}

start --present p.md
wait_for "Clicker  (1/2)" || exit 1
screen | grep -qF "] next step" && fail "key hints are shown while presenting"
keys Space
wait_for "Clicker  (2/2)" || exit 1
keys PPage
wait_for "Clicker  (1/2)" || exit 1

# Steps passed before (reading one passes it) do not move the start.
for form in "lesson --present 1" "--present lesson 1" "lesson 1 --present" \
    "--present lesson clicker" "--present 1"; do
	run "$form"
	presenting "$form" || exit 1
done
run "lesson --present"
wait_for "pick one" || exit 1
keys Enter
presenting "lesson --present (the picker)" || exit 1

for form in "lesson --present --reset 1" "--present lesson --reset 1" \
    "--present" "lesson 1 2" "lesson --reset"; do
	run "$form"
	wait_for "[exit 2]" || { echo "with xent $form" >&2; exit 1; }
	[ "$(screen | grep -c '^xent: ')" = 1 ] ||
	    fail "xent $form: not one usage message"
done
run "lesson --reset 1"
wait_for "forgot the progress of lesson 01-clicker" || exit 1
wait_for "[exit 0]" || exit 1
finish
