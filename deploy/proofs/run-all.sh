#!/usr/bin/env bash
# Runs every operations proof of issue "Beyond one machine" once, each against a fresh private PostgreSQL, and keeps
# each one's output in deploy/proofs/results/<name>.log (not committed). Exit code: 0 when every proof passed.
# One proof alone: dotnet run -c Release --project tools/BeschikbaarheidsWijzer.Benchmarks -- <scaleout|crash|failover|hostile|soak|backup>
set -uo pipefail
cd "$(dirname "$0")/../.."
results=deploy/proofs/results
mkdir -p "$results"
dotnet build -c Release tools/BeschikbaarheidsWijzer.Benchmarks -nologo -v quiet || exit 1
status=0
for proof in ${PROOFS:-scaleout crash failover hostile backup soak}; do
  echo "== $proof (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  dotnet run -c Release --no-build --project tools/BeschikbaarheidsWijzer.Benchmarks -- "$proof" --no-build 2>&1 | tee "$results/$proof.log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done
grep -h -E '^[a-z]+: (all [0-9]+ checks passed|[0-9]+ of [0-9]+ checks FAILED)' "$results"/*.log
exit $status
