# Shared by the benchmarks: `best CMD...` prints the best wall time in
# seconds of CMD over $runs runs (output discarded).
best() {
  local b=""
  for _ in $(seq 1 "$runs"); do
    local s e t
    s=$(date +%s.%N)
    "$@" > /dev/null
    e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc -l)
    if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
  done
  echo "$b"
}
