#!/bin/sh
# slurm.sh -- where Debian's slurm-wlm is installed (sbatch, slurmctld,
# slurmd), start a one-node Slurm in a temporary folder (its own
# slurm.conf, ports, state and spool; AuthType=auth/none, so no munge) and
# run the example script contrib/slurm/census.sbatch through sbatch on a
# small census plan: the merged table must equal a serial run's.  Skipped
# (TAP "# SKIP", exit 0) without slurm or as non-root; every wait is
# bounded (the whole test gives up after about 60 s).
SRC=${TSA_SRCDIR:-.}
T=${TSALIGN:-src/tsalign}
case $T in /*) ;; *) T=$(pwd)/$T ;; esac
case $SRC in /*) ;; *) SRC=$(pwd)/$SRC ;; esac
echo "1..2"
skip() { echo "ok 1 - sbatch contrib/slurm/census.sbatch # SKIP $1"; echo "ok 2 - table equal to the serial run's # SKIP $1"; exit 0; }
SB=${TSA_SBATCH:-$(command -v sbatch)}
PATH=$PATH:/usr/sbin:/sbin
command -v timeout >/dev/null 2>&1 || skip "no timeout (coreutils)"
if [ -z "$SB" ] || [ ! -x "$SB" ] || ! command -v slurmctld >/dev/null 2>&1 \
   || ! command -v slurmd >/dev/null 2>&1 || ! command -v sinfo >/dev/null 2>&1; then
    skip "slurm-wlm not installed (apt-get install slurm-wlm)"
fi
[ "$(id -u)" -eq 0 ] || skip "not root (slurmd runs jobs as their user: root here)"
plugins=$(ls -d /usr/lib/*/slurm-wlm /usr/lib/slurm /usr/lib64/slurm 2>/dev/null | head -1)
[ -n "$plugins" ] && [ ! -e "$plugins/auth_none.so" ] && skip "this slurm has no auth/none plugin"
W=$(mktemp -d /tmp/tsa-slurm.XXXXXX) || exit 99
H=$(hostname -s)
# ports of our own (another test or a real slurm may hold 6817/6818)
P=$((20000 + $$ % 20000))
stop() {
    for f in "$W/d.pid" "$W/ctld.pid"; do
        [ -s "$f" ] && kill "$(cat "$f")" 2>/dev/null
    done
    sleep 1
    for f in "$W/d.pid" "$W/ctld.pid"; do
        [ -s "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null
    done
    rm -rf "$W"
}
trap stop EXIT
trap 'exit 1' INT TERM
cat > "$W/slurm.conf" <<CONF
ClusterName=tsa
SlurmctldHost=$H
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$P
SlurmdPort=$((P + 1))
StateSaveLocation=$W/state
SlurmdSpoolDir=$W/spool
SlurmctldPidFile=$W/ctld.pid
SlurmdPidFile=$W/d.pid
SlurmctldLogFile=$W/ctld.log
SlurmdLogFile=$W/d.log
ProctrackType=proctrack/pgid
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AuthType=auth/none
CredType=cred/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/builtin
SelectType=select/linear
SlurmdTimeout=30
NodeName=$H CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=$H Default=YES MaxTime=5 State=UP
CONF
mkdir -p "$W/state" "$W/spool"
export SLURM_CONF="$W/slurm.conf"
timeout 20 slurmctld -c -f "$SLURM_CONF" >/dev/null 2>&1
timeout 20 slurmd -f "$SLURM_CONF" >/dev/null 2>&1
# the node up and idle (at most 20 s)
i=0
while [ "$(timeout 5 sinfo -h -n "$H" -o %t 2>/dev/null)" != idle ] && [ $i -lt 40 ]; do
    sleep 0.5; i=$((i + 1))
done
cd "$W" || exit 99
"$T" plan census --census "$SRC/data/ssy2021-minima.tsv" --kmin 6 --kmax 12 -o plan.json || exit 99
"$T" batch plan.json --out serial -q || exit 99
# --time=2 overrides the script's one hour (above the partition's MaxTime)
J=$(TSALIGN="$T" PLAN=plan.json OUT="$W/out" timeout 45 "$SB" --parsable -N 1 -n 2 --time=2 -W \
    -o "$W/job.log" "$SRC/contrib/slurm/census.sbatch" 2>> "$W/sb.log")
rc=$?
if [ $rc -eq 0 ] && [ -s "$W/out/table.tsv" ]; then echo "ok 1 - sbatch job $J (2 tasks) wrote the merged table"
else
    echo "not ok 1 - sbatch (rc $rc)"
    tail -n 5 "$W"/*.log 2>/dev/null | sed 's/^/# /'
fi
if cmp -s serial/table.tsv out/table.tsv && cmp -s serial/table.json out/table.json; then
    echo "ok 2 - table equal to the serial run's ($(grep -c '^batch: 2 MPI ranks' "$W/job.log" 2>/dev/null) line 'batch: 2 MPI ranks')"
else
    echo "not ok 2 - table equal to the serial run's"
fi
