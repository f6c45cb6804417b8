# Outside a UTF-8 locale every non-ASCII character of xent or a lesson has
# an ASCII stand-in: lesson 3's log₁₀ reads log10 under LANG=C, never
# log??, and no '?' shows that the UTF-8 screen does not have.
LESSONS=$(cd "$(dirname "$XENT")" && pwd)/lessons
md=$LESSONS/03-binary-cross-entropy.md

# Opens step 2 of lesson 3 in locale $1, waits for text $2 and saves the
# screen in file $3.
step2() {
	E2E_LANG=$1 start "$md"
	wait_for "(1/6)" || return 1
	keys ']'
	wait_for "(2/6)" || return 1
	wait_for "$2" || return 1
	screen > "$3"
}

# Counts the '?' in file $1.
marks() { tr -cd '?' < "$1" | wc -c; }

step2 C.UTF-8 "log₁₀(0.1) = -1" utf8.txt || exit 1
grep -q '[^ -~]' utf8.txt || fail "the UTF-8 screen has no non-ASCII text"
step2 C "log10(0.1) = -1" c.txt || exit 1
LC_ALL=C grep -q '[^ -~]' c.txt && fail "LANG=C shows non-ASCII text"
[ "$(marks c.txt)" -eq "$(marks utf8.txt)" ] ||
    fail "LANG=C shows $(marks c.txt) '?', UTF-8 $(marks utf8.txt)"
keys ':q' Enter
wait_for "[exit 0]" || exit 1
finish
