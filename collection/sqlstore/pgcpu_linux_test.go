//go:build linux

package sqlstore_test

import (
	"context"
	"database/sql"
	"os"
	"strconv"
	"strings"
	"time"
)

// pgServerCPU returns the CPU time used so far by each process of the
// PostgreSQL server behind db (backends and background processes, as
// pg_stat_activity lists them), read from /proc: a figure only when the
// server runs on this machine and its processes are readable, else nil.
func pgServerCPU(db *sql.DB) map[int]time.Duration {
	rows, err := db.QueryContext(context.Background(), "SELECT pid FROM pg_stat_activity")
	if err != nil {
		return nil
	}
	defer rows.Close()
	tick := 100 // USER_HZ, the unit of /proc/<pid>/stat's times on Linux
	out := map[int]time.Duration{}
	for rows.Next() {
		var pid int
		if rows.Scan(&pid) != nil {
			return nil
		}
		b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
		if err != nil {
			return nil // another machine, or not ours to read
		}
		// The fields after the command (which may hold spaces), from field 3.
		f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
		if len(f) < 13 {
			return nil
		}
		u, _ := strconv.Atoi(f[11]) // utime, field 14
		s, _ := strconv.Atoi(f[12]) // stime, field 15
		out[pid] = time.Duration(u+s) * time.Second / time.Duration(tick)
	}
	return out
}

// pgCPUSince is the server's CPU time since before (processes that started
// since count from zero), or 0 when it cannot be read.
func pgCPUSince(db *sql.DB, before map[int]time.Duration) time.Duration {
	after := pgServerCPU(db)
	if before == nil || after == nil {
		return 0
	}
	var d time.Duration
	for pid, t := range after {
		d += t - before[pid]
	}
	return d
}
