# A row that does not add up to 1 is flagged and explained in words.
cat > p.csv <<'CSV'
# mode: probs
label,cat,dog
dog,0.9,0.3
CSV
start p.csv
wait_for "add up to 1.2" || exit 1
keys ':normalize' Enter
wait_for "divided by its sum" || exit 1
wait_gone "add up to 1.2" || exit 1
finish
