//go:build !linux

package sqlstore_test

import (
	"database/sql"
	"time"
)

// pgServerCPU is not measured on this system.
func pgServerCPU(*sql.DB) map[int]time.Duration { return nil }

// pgCPUSince is not measured on this system.
func pgCPUSince(*sql.DB, map[int]time.Duration) time.Duration { return 0 }
