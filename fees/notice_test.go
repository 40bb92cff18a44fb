package fees

import (
	"testing"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/stretchr/testify/require"
)

// TestNoticePeriods: the shortest deadline per notice, jurisdiction and debtor kind
// (docs/research/jurisdictions.md §§ 1.5, 2.5, 3.1, 3.5, 5.1, 6.1), and none where the law sets
// none. Implements E5 (the warning's notice) for every jurisdiction.
func TestNoticePeriods(t *testing.T) {
	sent := date.MustParse("2025-03-03") // a Monday
	for _, c := range []struct {
		j    dunning.Jurisdiction
		k    dunning.PartyKind
		n    Notice
		want string // "" for no rule
	}{
		{dunning.DK, dunning.Consumer, CollectionWarning, "2025-03-13"},
		{dunning.DK, dunning.Business, CollectionWarning, "2025-03-13"},
		{dunning.DK, dunning.Consumer, Reminder, ""},
		{dunning.DK, dunning.Consumer, PaymentDemand, ""},
		{dunning.NO, dunning.Consumer, Reminder, "2025-03-17"},
		{dunning.NO, dunning.Business, CollectionWarning, "2025-03-17"},
		{dunning.NO, dunning.Consumer, PaymentDemand, "2025-03-17"},
		{dunning.SE, dunning.Consumer, CollectionWarning, "2025-03-11"},
		{dunning.SE, dunning.Business, PaymentDemand, "2025-03-11"},
		{dunning.NL, dunning.Consumer, CollectionWarning, "2025-03-19"}, // delivered Wed 5th, 14 days from the 6th
		{dunning.NL, dunning.Business, CollectionWarning, ""},
		{dunning.FI, dunning.Consumer, CollectionWarning, "2025-03-13"},
		{dunning.FI, dunning.Consumer, PaymentDemand, "2025-03-13"},
		{dunning.FI, dunning.Business, CollectionWarning, ""},
		{dunning.DE, dunning.Consumer, CollectionWarning, ""},
		{dunning.EU, dunning.Business, CollectionWarning, ""},
	} {
		got, rule, ok := EarliestDeadline(c.j, c.k, c.n, sent)
		if c.want == "" {
			require.False(t, ok, "%s %s %s", c.j, c.k, c.n)
			continue
		}
		require.True(t, ok, "%s %s %s", c.j, c.k, c.n)
		require.Equal(t, date.MustParse(c.want), got, "%s %s %s", c.j, c.k, c.n)
		require.NotEmpty(t, rule.Source)
		require.Equal(t, dunning.Verified, rule.Status)
		require.Equal(t, got, rule.Earliest(sent))
	}
	require.True(t, NoticeRule{MinDays: 10, Counting: FromDispatch}.Earliest(date.Date{}).IsZero())
	require.Equal(t, "from receipt", FromReceipt.String())
	allocs := testing.AllocsPerRun(100, func() { _, _, _ = EarliestDeadline(dunning.NL, dunning.Consumer, CollectionWarning, sent) })
	require.Zero(t, allocs)
}
