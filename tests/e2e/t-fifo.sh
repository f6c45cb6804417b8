# :e! of a FIFO returns at once with a message (opening it never waits for
# a writer), and the sheet on screen stays usable; so do a device and a
# file past the --max-bytes limit.
mkfifo pipe
head -c 3000 /dev/zero | tr '\0' '1' > big.csv
start --max-bytes 2K
wait_for "mean loss" || exit 1
keys ':e! pipe' Enter
wait_for "pipe: not a regular file" 5 || exit 1
keys ':e! /dev/zero' Enter
wait_for "/dev/zero: not a regular file" 5 || exit 1
keys ':e! big.csv' Enter
wait_for "more than the grid's limit of 2048" 5 || exit 1
keys ':q' Enter
wait_for "[exit 0]" || exit 1
finish
