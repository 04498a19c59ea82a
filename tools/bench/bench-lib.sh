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

# `best_pair A B` (the names of two arrays, each a command): the best
# wall times in seconds of each over $runs runs, "TA TB", their runs
# alternated (A B, then B A, ...) so that a busy spell of a shared
# machine falls on both alike (output discarded).
best_pair() {
  local -n _pa=$1 _pb=$2
  local ba="" bb="" s e t side
  for i in $(seq 1 "$runs"); do
    for side in $([ $((i % 2)) = 1 ] && echo a b || echo b a); do
      s=$(date +%s.%N)
      if [ "$side" = a ]; then "${_pa[@]}" > /dev/null; else "${_pb[@]}" > /dev/null; fi
      e=$(date +%s.%N)
      t=$(echo "$e - $s" | bc -l)
      if [ "$side" = a ]; then
        if [ -z "$ba" ] || [ "$(echo "$t < $ba" | bc -l)" = 1 ]; then ba=$t; fi
      else
        if [ -z "$bb" ] || [ "$(echo "$t < $bb" | bc -l)" = 1 ]; then bb=$t; fi
      fi
    done
  done
  echo "$ba $bb"
}
