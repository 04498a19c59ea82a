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

# The CPU time (user and system) the shell's finished children have
# used, in seconds, into $_cpu (bash's `times`, its second line; run in
# this shell, not in a $(...) one, whose children are its own).
children_cpu() {
  times > "$_cpu_file"
  _cpu=$(tail -1 "$_cpu_file" | awk '{ t = 0; for (i = 1; i <= 2; i++) {
    split($i, p, "m"); sub("s", "", p[2]); t += p[1] * 60 + p[2] } printf "%.3f\n", t }')
}

# `best_pair A B` (the names of two arrays, each a command): over $runs
# runs of each, the best wall times in seconds of A and of B, then
# their best CPU times (user and system), "WA WB CA CB"; their runs
# alternated (A B, then B A, ...) so that a busy spell of a shared
# machine falls on both alike (output discarded).
best_pair() {
  local -n _pa=$1 _pb=$2
  local ba="" bb="" ca="" cb="" s e t c0 c side _cpu _cpu_file
  _cpu_file=$(mktemp)
  for i in $(seq 1 "$runs"); do
    for side in $([ $((i % 2)) = 1 ] && echo a b || echo b a); do
      children_cpu
      c0=$_cpu
      s=$(date +%s.%N)
      if [ "$side" = a ]; then "${_pa[@]}" > /dev/null; else "${_pb[@]}" > /dev/null; fi
      e=$(date +%s.%N)
      children_cpu
      c=$(echo "$_cpu - $c0" | bc -l)
      t=$(echo "$e - $s" | bc -l)
      if [ "$side" = a ]; then
        if [ -z "$ba" ] || [ "$(echo "$t < $ba" | bc -l)" = 1 ]; then ba=$t; fi
        if [ -z "$ca" ] || [ "$(echo "$c < $ca" | bc -l)" = 1 ]; then ca=$c; fi
      else
        if [ -z "$bb" ] || [ "$(echo "$t < $bb" | bc -l)" = 1 ]; then bb=$t; fi
        if [ -z "$cb" ] || [ "$(echo "$c < $cb" | bc -l)" = 1 ]; then cb=$c; fi
      fi
    done
  done
  rm -f "$_cpu_file"
  echo "$ba $bb $ca $cb"
}
