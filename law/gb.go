package law

import (
	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/fees"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
)

// gbSpec is the law of the United Kingdom, written as a host would write its own
// pack (docs/law/gb.md has every figure with its source and status):
//
//   - statutory interest on a qualifying commercial debt (Late Payment of Commercial
//     Debts (Interest) Act 1998 s. 4): the Bank of England rate on 31 December or 30
//     June before interest starts, plus 8 points, fixed for the debt (Rate of
//     Interest (No. 3) Order 2002, SI 2002/1675, art. 4); simple, per day over 365;
//   - the fixed sum of s. 5A(2) once per invoice: £40 below £1,000, £70 below
//     £10,000, £100 from £10,000 (since 7 August 2002, SI 2002/1674);
//   - consumers: the Act does not apply (s. 2(1)); no statutory interest before
//     judgment, no fixed sum, no reminder fee;
//   - the Pre-Action Protocol for Debt Claims: a letter of claim to an individual
//     (a consumer or sole trader) gives 30 days from its date before a claim is issued;
//   - the county court money-claim issue fees (informative).
//
// The Act sets no reminder fee and no collection-cost table (s. 5A(2A) lets the
// supplier recover reasonable costs above the fixed sum, which the SDK does not
// estimate), so the pack has neither.
func gbSpec() Spec {
	gbp := func(s string) money.Money { return money.MustNew(s, money.GBP) }
	const actSrc = "Late Payment of Commercial Debts (Interest) Act 1998 s. 4; SI 2002/1675 art. 4 (Bank Rate on the reference date + 8 pp)"
	type ref struct {
		from, rate string
		status     dunning.Status
		src        string
	}
	refs := []ref{ // Bank Rate on 31 Dec / 30 Jun before each half-year (docs/law/gb.md § 1)
		{"2013-01-01", "0.50", dunning.Secondary, "payontime.co.uk reference-rate table"},
		{"2013-07-01", "0.50", dunning.Secondary, "payontime.co.uk"},
		{"2014-01-01", "0.50", dunning.Secondary, "payontime.co.uk"},
		{"2014-07-01", "0.50", dunning.Secondary, "payontime.co.uk"},
		{"2015-01-01", "0.50", dunning.Secondary, "payontime.co.uk"},
		{"2015-07-01", "0.50", dunning.Secondary, "payontime.co.uk"},
		{"2016-01-01", "0.50", dunning.Secondary, "payontime.co.uk"},
		{"2016-07-01", "0.50", dunning.Secondary, "payontime.co.uk"},
		{"2017-01-01", "0.25", dunning.Secondary, "payontime.co.uk; BoE MPC summary Aug 2016"},
		{"2017-07-01", "0.25", dunning.Secondary, "payontime.co.uk"},
		{"2018-01-01", "0.50", dunning.Secondary, "payontime.co.uk"},
		{"2018-07-01", "0.50", dunning.Secondary, "payontime.co.uk"},
		{"2019-01-01", "0.75", dunning.Secondary, "payontime.co.uk"},
		{"2019-07-01", "0.75", dunning.Secondary, "payontime.co.uk"},
		{"2020-01-01", "0.75", dunning.Secondary, "payontime.co.uk; focus-economics"},
		{"2020-07-01", "0.10", dunning.Secondary, "payontime.co.uk"},
		{"2021-01-01", "0.10", dunning.Secondary, "payontime.co.uk; focus-economics"},
		{"2021-07-01", "0.10", dunning.Secondary, "payontime.co.uk"},
		{"2022-01-01", "0.25", dunning.Secondary, "payontime.co.uk; focus-economics"},
		{"2022-07-01", "1.25", dunning.Secondary, "payontime.co.uk"},
		{"2023-01-01", "3.50", dunning.Secondary, "payontime.co.uk; focus-economics"},
		{"2023-07-01", "5.00", dunning.Secondary, "payontime.co.uk"},
		{"2024-01-01", "5.25", dunning.Secondary, "payontime.co.uk; focus-economics"},
		{"2024-07-01", "5.25", dunning.Secondary, "BBC 20 Jun 2024 (Bank Rate held at 5.25 %)"},
		{"2025-01-01", "4.75", dunning.Secondary, "focus-economics (end-2024 Bank Rate 4.75 %)"},
		{"2025-07-01", "4.25", dunning.Secondary, "MPC decisions of 8 May and 19 Jun 2025 as reported"},
		{"2026-01-01", "3.75", dunning.Secondary, "MPC decision of 18 Dec 2025 as reported"},
		{"2026-07-01", "3.75", dunning.Unverified, "MPC decision of 18 Jun 2026 seen on an aggregator only (UNVERIFIED)"},
	}
	rows := make([]interest.Row, len(refs))
	for i, r := range refs {
		rows[i] = interest.Row{From: date.MustParse(r.from), Reference: decimal.RequireFromString(r.rate),
			Margin: decimal.NewFromInt(8), Status: r.status, Source: actSrc + "; Bank Rate per " + r.src}
	}
	return Spec{
		Code: dunning.GB, Name: "the United Kingdom", Currency: money.GBP, Language: lang("en"), TimeZone: "Europe/London",
		Interest: []StatutoryInterest{{
			Kind: dunning.Business, Name: "GB statutory (Late Payment Act)", Rows: rows, End: date.MustNew(2026, 12, 31),
			// Simple interest per day over 365 (GOV.UK's method; 366 in leap years is in no source: practice, SECONDARY).
			Convention:   interest.Convention{DayCount: interest.Actual365Fixed},
			FixedAtStart: true,
		}},
		Compensation: []CompensationFee{{
			From: date.MustNew(2002, 8, 7), Per: "overdue invoice",
			Bands:  []Band{{Below: gbp("1000"), Amount: gbp("40")}, {Below: gbp("10000"), Amount: gbp("70")}, {Amount: gbp("100")}},
			Source: "Late Payment of Commercial Debts (Interest) Act 1998 s. 5A(2) (SI 2002/1674)", Status: dunning.Verified,
			Note: "£40 for a debt less than £1,000, £70 for £1,000 or more but less than £10,000, £100 for £10,000 or more: VERIFIED; " +
				"due once statutory interest begins to run, once per payment (GOV.UK), in practice per invoice: SECONDARY; " +
				"in force for contracts from 7 Aug 2002: SECONDARY; reasonable recovery costs above the sum (s. 5A(2A)) are not estimated",
		}},
		Notices: []fees.NoticeRule{{
			Notice: fees.CollectionWarning, ConsumerOnly: true, MinDays: 30, Counting: fees.FromDispatch,
			Source: "Pre-Action Protocol for Debt Claims paras 3.1-4.3 (a letter of claim to an individual gives 30 days from its date to reply before proceedings)",
			Status: dunning.Secondary,
			Note:   "applies to individuals including sole traders (the SDK's consumers; a sole trader registered as a business is not covered here); a company debtor gets a reasonable period, 14 days in a simple case (Practice Direction Pre-Action Conduct): not encoded",
		}},
		Court: []CourtRoute{{
			Name:        "Money Claim Online / county court money claim (England and Wales)",
			Description: "a claim for a specified sum, issued online up to £100,000 or on paper form N1; the debtor has 14 days to respond after service; the fee is 5 % of a claim from £10,000.01 to £200,000",
			Fees: []Band{
				{Below: gbp("300.01"), Amount: gbp("35")}, {Below: gbp("500.01"), Amount: gbp("50")},
				{Below: gbp("1000.01"), Amount: gbp("70")}, {Below: gbp("1500.01"), Amount: gbp("80")},
				{Below: gbp("3000.01"), Amount: gbp("115")}, {Below: gbp("5000.01"), Amount: gbp("205")},
				{Below: gbp("10000.01"), Amount: gbp("455")},
				{Below: gbp("200000.01"), Percent: decimal.NewFromInt(5)}, {Amount: gbp("10000")},
			},
			Source: "Civil Proceedings Fees Order 2008 sch. 1 fee 1.1 as published on gov.uk (paper issue fees; stored copy undated)",
			Status: dunning.Unverified,
		}},
	}
}
