# Per-step wall time for the long shell scripts (install-test.sh,
# prod-build.sh): `step NAME` starts a step and prints its header with the
# load average, `steps_summary` prints the table of step durations (call it
# from the script's EXIT trap so a failure prints it too), `port_in_use PORT`
# tells whether something listens on a local port.
steps_started=$(date +%s)
steps=()
last_name=""
last_at=$steps_started
close_step() {
  [ -n "$last_name" ] && steps+=("$(printf '%6d s  %s' $(($(date +%s) - last_at)) "$last_name")")
  last_at=$(date +%s)
}
step() {
  close_step
  last_name="$*"
  echo; echo "== $* (at $((last_at - steps_started)) s, load average $(cut -d' ' -f1-3 /proc/loadavg))"
}
steps_summary() {
  close_step
  last_name=""
  echo; echo "== step durations (wall)"; printf '%s\n' "${steps[@]}"
  echo "$(printf '%6d s' $(($(date +%s) - steps_started)))  total"
}
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
