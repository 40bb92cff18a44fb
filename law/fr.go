package law

import (
	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
)

// frSpec is the law of France, written as a host would write its own pack
// (docs/law/fr.md has every figure with its source and status):
//
//   - late-payment penalties between professionals (Code de commerce L441-10 II):
//     by default the ECB main refinancing rate in force on 1 January (first half)
//     or 1 July (second half) plus 10 points, running from the day after the due
//     date without any reminder; per day over 365;
//   - the indemnité forfaitaire pour frais de recouvrement of 40 € per invoice
//     paid late by a professional (D441-5), since 1 January 2013;
//   - consumers: the taux de l'intérêt légal for "all other cases" (a business
//     creditor; Code monétaire et financier L313-2), fixed half-yearly by arrêté,
//     running from a formal notice (mise en demeure, Code civil 1231-6, 1344-1),
//     per day over 365 even in leap years; no fixed sum and no reminder fee or
//     collection costs without an enforceable title (CPCE L111-8);
//   - the injonction de payer and the petites créances route (informative).
//
// The second half of 2026 is not in the research (no ECB rate, no arrêté): the
// tables end on 2026-06-30, and a later day is a *interest.NoRateError.
func frSpec() Spec {
	row := func(from, rate, margin string, st dunning.Status, src string) interest.Row {
		return interest.Row{From: date.MustParse(from), Reference: decimal.RequireFromString(rate),
			Margin: decimal.RequireFromString(margin), Status: st, Source: src}
	}
	const penSrc = "Code de commerce L441-10 II (ECB main refinancing rate on 1 Jan / 1 Jul + 10 pp); ECB rate per "
	v, s := dunning.Verified, dunning.Secondary
	ecb := []struct {
		from, rate string
		st         dunning.Status
		src        string
	}{
		{"2013-01-01", "0.75", v, "banque-france.fr"}, {"2013-07-01", "0.50", v, "banque-france.fr"},
		{"2014-01-01", "0.25", v, "banque-france.fr"}, {"2014-07-01", "0.15", v, "banque-france.fr"},
		{"2015-01-01", "0.05", v, "banque-france.fr"}, {"2015-07-01", "0.05", v, "banque-france.fr"},
		{"2016-01-01", "0.05", v, "banque-france.fr"}, {"2016-07-01", "0.00", v, "banque-france.fr"},
		{"2017-01-01", "0.00", v, "banque-france.fr"}, {"2017-07-01", "0.00", v, "banque-france.fr"},
		{"2018-01-01", "0.00", v, "banque-france.fr"}, {"2018-07-01", "0.00", v, "banque-france.fr"},
		{"2019-01-01", "0.00", v, "banque-france.fr"}, {"2019-07-01", "0.00", v, "banque-france.fr"},
		{"2020-01-01", "0.00", v, "banque-france.fr"}, {"2020-07-01", "0.00", v, "banque-france.fr"},
		{"2021-01-01", "0.00", v, "banque-france.fr"}, {"2021-07-01", "0.00", v, "banque-france.fr"},
		{"2022-01-01", "0.00", v, "banque-france.fr"}, {"2022-07-01", "0.00", v, "banque-france.fr (the rise took effect on 27 Jul 2022)"},
		{"2023-01-01", "2.50", v, "banque-france.fr"}, {"2023-07-01", "4.00", v, "banque-france.fr"},
		{"2024-01-01", "4.50", v, "banque-france.fr"}, {"2024-07-01", "4.25", v, "banque-france.fr"},
		{"2025-01-01", "3.15", v, "bsi.si ECB table"}, {"2025-07-01", "2.15", s, "news reports of the ECB cut effective 11 Jun 2025"},
		{"2026-01-01", "2.15", s, "news reports of the ECB holding rates (Dec 2025, Feb 2026)"},
	}
	penalties := make([]interest.Row, len(ecb))
	for i, r := range ecb {
		penalties[i] = row(r.from, r.rate, "10", r.st, penSrc+r.src)
	}
	const legSrc = "Code monétaire et financier L313-2 (taux de l'intérêt légal, all other cases: a creditor acting professionally); "
	legal := []struct {
		from, rate string
		st         dunning.Status
		src        string
	}{
		{"2015-01-01", "0.93", v, "tresor.economie.gouv.fr"}, {"2015-07-01", "0.99", v, "tresor.economie.gouv.fr"},
		{"2016-01-01", "1.01", v, "tresor.economie.gouv.fr"}, {"2016-07-01", "0.93", v, "tresor.economie.gouv.fr"},
		{"2017-01-01", "0.90", v, "tresor.economie.gouv.fr"}, {"2017-07-01", "0.90", v, "tresor.economie.gouv.fr"},
		{"2018-01-01", "0.89", v, "tresor.economie.gouv.fr"}, {"2018-07-01", "0.88", v, "tresor.economie.gouv.fr"},
		{"2019-01-01", "0.86", v, "tresor.economie.gouv.fr"}, {"2019-07-01", "0.87", v, "tresor.economie.gouv.fr"},
		{"2020-01-01", "0.87", v, "tresor.economie.gouv.fr"}, {"2020-07-01", "0.84", s, "cabinet-cec.fr"},
		{"2021-01-01", "0.79", s, "binimelis-avocats.fr"}, {"2021-07-01", "0.76", s, "dandrel-avocats.fr"},
		{"2022-01-01", "0.76", s, "notaires2normandie.com"}, {"2022-07-01", "0.77", s, "optifinance.net"},
		{"2023-01-01", "2.06", s, "huissiers-paca.fr; infonet.fr"}, {"2023-07-01", "4.22", v, "arrêté ECOT2317028A of 27 Jun 2023"},
		{"2024-01-01", "5.07", s, "infonet.fr"}, {"2024-07-01", "4.92", s, "bpifrance-creation.fr"},
		{"2025-01-01", "3.71", s, "ksca.fr"}, {"2025-07-01", "2.76", s, "ksca.fr"},
		{"2026-01-01", "2.62", v, "arrêté of 15 Dec 2025 (JORF 26 Dec 2025)"},
	}
	legalRows := make([]interest.Row, len(legal))
	for i, r := range legal {
		legalRows[i] = row(r.from, r.rate, "0", r.st, legSrc+r.src)
	}
	eur := func(s string) money.Money { return money.MustNew(s, money.EUR) }
	end := date.MustNew(2026, 6, 30)
	return Spec{
		Code: dunning.FR, Name: "France", Currency: money.EUR, Language: lang("fr"), TimeZone: "Europe/Paris",
		Interest: []StatutoryInterest{
			{Kind: dunning.Business, Name: "FR pénalités de retard (L441-10)", Rows: penalties, End: end,
				Convention: interest.Convention{DayCount: interest.Actual365Fixed}},
			{Kind: dunning.Consumer, Name: "FR intérêt légal (L313-2)", Rows: legalRows, End: end,
				Convention: interest.Convention{DayCount: interest.Actual365Fixed}, FromNotice: true},
		},
		Compensation: []CompensationFee{{
			From: date.MustNew(2013, 1, 1), Amount: eur("40"), Per: "overdue invoice",
			Source: "Code de commerce L441-10 II, D441-5 (décret 2012-1115)", Status: dunning.Verified,
			Note: "40 € per invoice paid late by a professional, whatever the delay: VERIFIED (amount), SECONDARY (per invoice); " +
				"more on proof of higher costs; for payment terms from 1 Jan 2013: SECONDARY",
		}},
		Court: []CourtRoute{
			{Name: "injonction de payer", Description: "an order for payment on the creditor's written request, any amount; the debtor may oppose within one month of service",
				Source: "Code de procédure civile art. 1405 ff. (service-public.fr)", Status: dunning.Secondary},
			{Name: "procédure simplifiée de recouvrement des petites créances", MaxClaim: eur("5000"),
				Description: "recovery by a commissaire de justice with the debtor's agreement, for claims up to 5,000 €",
				Source:      "CPCE L125-1, R125-1 (service-public.fr F1746)", Status: dunning.Verified},
		},
	}
}
