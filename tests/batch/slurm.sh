#!/bin/sh
# slurm.sh -- where Debian's slurm-wlm is installed (sbatch, slurmctld,
# slurmd), start a one-node Slurm in a temporary folder and run the example
# script contrib/slurm/census.sbatch through sbatch; otherwise skip (TAP).
SRC=${TSA_SRCDIR:-.}
T=${TSALIGN:-src/tsalign}
echo "1..1"
SB=${TSA_SBATCH:-$(command -v sbatch)}
if [ -z "$SB" ] || ! command -v slurmctld >/dev/null 2>&1 \
   || ! command -v slurmd >/dev/null 2>&1 || [ "$(id -u)" -ne 0 ]; then
    echo "ok 1 - sbatch contrib/slurm/census.sbatch # SKIP slurm-wlm not installed (apt-get install slurm-wlm), or not root"
    exit 0
fi
W=$(mktemp -d /tmp/tsa-slurm.XXXXXX) || exit 99
H=$(hostname -s)
cat > "$W/slurm.conf" <<CONF
ClusterName=tsa
SlurmctldHost=$H
SlurmUser=root
SlurmctldPort=16817
SlurmdPort=16818
StateSaveLocation=$W/state
SlurmdSpoolDir=$W/spool
SlurmctldPidFile=$W/ctld.pid
SlurmdPidFile=$W/d.pid
ProctrackType=proctrack/pgid
TaskPlugin=task/none
AuthType=auth/none
CredType=cred/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/builtin
SelectType=select/linear
NodeName=$H CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=$H Default=YES MaxTime=10 State=UP
CONF
mkdir -p "$W/state" "$W/spool"
export SLURM_CONF="$W/slurm.conf"
slurmctld -c -f "$SLURM_CONF" 2> "$W/ctld.log" && slurmd -f "$SLURM_CONF" 2> "$W/d.log"
sleep 2
cd "$W" && "$T" plan census --census "$SRC/data/ssy2021-minima.tsv" --kmin 6 --kmax 9 -o plan.json
J=$(TSALIGN="$T" PLAN=plan.json OUT="$W/out" "$SB" --parsable -N 1 -n 2 -W \
    "$SRC/contrib/slurm/census.sbatch" 2>> "$W/sb.log")
rc=$?
kill $(cat "$W/d.pid" "$W/ctld.pid" 2>/dev/null) 2>/dev/null
if [ $rc -eq 0 ] && [ -s "$W/out/table.tsv" ]; then echo "ok 1 - sbatch job $J wrote the merged table"
else echo "not ok 1 - sbatch (rc $rc)"; sed 's/^/# /' "$W"/*.log; fi
rm -rf "$W"
