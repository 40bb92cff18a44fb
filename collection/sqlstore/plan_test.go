package sqlstore_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/dunning-go/dunning/collection/sqlstore"
)

// TestDuePlanOnPostgres checks the plans of Due's page queries on PostgreSQL
// over 20,000 cases, with the plan PostgreSQL caches for a prepared statement
// (generic) and a custom one: each reads the due index in order, with no sort
// of the due rows per page (a page would cost the whole due set), and a
// Partition's query has its key range as an index condition (a worker skips
// the other partitions' rows in the index and never reads them from the table).
func TestDuePlanOnPostgres(t *testing.T) {
	s := newPG(t)
	bulkLoad(t, s.DB(), sqlstore.PostgreSQL, 20_000)
	ctx := context.Background()
	conn, err := s.DB().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	lo, hi := sqlstore.PartitionRange(1, 4)
	for _, q := range []struct {
		name  string
		first bool
		part  bool
		args  string
	}{
		{"first page", true, false, "('2025-03-03', 256)"},
		{"next page", false, false, "('2025-03-03', '2025-03-03', 'c0001000', 256)"},
		{"first page of a partition", true, true, "('2025-03-03', " + itoa(lo) + ", " + itoa(hi) + ", 256)"},
		{"next page of a partition", false, true, "('2025-03-03', '2025-03-03', 'c0001000', " + itoa(lo) + ", " + itoa(hi) + ", 256)"},
	} {
		if _, err := conn.ExecContext(ctx, "DEALLOCATE ALL; PREPARE due AS "+sqlstore.DueQuery(s, q.first, q.part)); err != nil {
			t.Fatalf("%s: %v", q.name, err)
		}
		for _, mode := range []string{"force_generic_plan", "force_custom_plan"} {
			if _, err := conn.ExecContext(ctx, "SET plan_cache_mode = "+mode); err != nil {
				t.Fatal(err)
			}
			rows, err := conn.QueryContext(ctx, "EXPLAIN EXECUTE due"+q.args)
			if err != nil {
				t.Fatalf("%s, %s: %v", q.name, mode, err)
			}
			var plan strings.Builder
			for rows.Next() {
				var line string
				if err := rows.Scan(&line); err != nil {
					t.Fatal(err)
				}
				plan.WriteString(line + "\n")
			}
			rows.Close()
			p := plan.String()
			if !strings.Contains(p, "Index Scan using dunning_cases_due_part") || strings.Contains(p, "Sort") {
				t.Errorf("%s, %s: the plan does not read the due index in order:\n%s", q.name, mode, p)
			}
			if q.part && !strings.Contains(p, "part >=") {
				t.Errorf("%s, %s: the key range is no index condition:\n%s", q.name, mode, p)
			}
		}
	}
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }
