# Every shipped lesson, worked through in the real app: each step's
# solution is typed key by key, the pane must show the goal met, and ]
# moves on.  (xent lint replays the same solutions without a terminal;
# this checks that a person at the keyboard gets there too.)
LESSONS=$(cd "$(dirname "$XENT")" && pwd)/lessons

# Types one solution line the way a person would.
type_line() {
	line=$1
	while [ -n "$line" ]; do
		case $line in
		"<Enter>"*) keys Enter; line=${line#<Enter>} ;;
		"<Esc>"*) keys Escape; line=${line#<Esc>} ;;
		"<Space>"*) keys Space; line=${line#<Space>} ;;
		"<Up>"*) keys Up; line=${line#<Up>} ;;
		"<Down>"*) keys Down; line=${line#<Down>} ;;
		"<Left>"*) keys Left; line=${line#<Left>} ;;
		"<Right>"*) keys Right; line=${line#<Right>} ;;
		"<PgUp>"*) keys PPage; line=${line#<PgUp>} ;;
		"<PgDn>"*) keys NPage; line=${line#<PgDn>} ;;
		"<Home>"*) keys Home; line=${line#<Home>} ;;
		"<End>"*) keys End; line=${line#<End>} ;;
		"<C-u>"*) keys C-u; line=${line#<C-u>} ;;
		"<C-r>"*) keys C-r; line=${line#<C-r>} ;;
		*)
			c=$(printf '%s' "$line" | cut -c1)
			type "$c"
			line=${line#?}
			;;
		esac
	done
	case $1 in :*) keys Enter ;; esac
}

for md in "$LESSONS"/[0-9]*.md; do
	name=$(basename "$md" .md)
	start --present "$md"
	wait_for "(1/" || exit 1
	steps=$(grep -c '^## ' "$md")
	# The solutions, one file per step (step 1 in sol.1, ...).
	rm -f sol.*
	awk '/^## /{n++} /^```solution/{on=1; next} /^```/{on=0} on{print > ("sol." n)}' "$md"
	n=1
	while [ "$n" -le "$steps" ]; do
		if [ -f "sol.$n" ]; then
			while IFS= read -r l; do
				[ -n "$l" ] && type_line "$l"
			done < "sol.$n"
			wait_for "Goal met!" || { echo "in $name step $n" >&2; exit 1; }
		fi
		keys ']'
		n=$((n + 1))
		[ "$n" -le "$steps" ] && { wait_for "($n/$steps)" || exit 1; }
	done
done
finish
