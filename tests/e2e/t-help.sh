# ? opens the help, any key closes it.
start
wait_for "12.698" || exit 1
keys '?'
wait_for "Commands (type : first" || exit 1
keys x
wait_gone "Commands (type : first" || exit 1
wait_for "12.698" || exit 1
finish
