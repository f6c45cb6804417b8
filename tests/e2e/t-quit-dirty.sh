# :q with unsaved edits asks first; n keeps going, :q! leaves.
start
wait_for "12.698" || exit 1
keys '+'
wait_for "[+]" || exit 1
keys ':q' Enter
wait_for "Quit and lose them? (y/n)" || exit 1
keys n
wait_for "Not quitting" || exit 1
keys ':q!' Enter
wait_for "[exit 0]" || exit 1
finish
