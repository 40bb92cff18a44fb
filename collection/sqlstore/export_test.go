package sqlstore

// DueQuery exposes the Due page queries to the tests that check their plans.
func DueQuery(s *Store, first, part bool) string { return s.q.due(first, part) }
