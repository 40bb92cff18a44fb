package fees

import (
	"slices"
	"strconv"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/money"
)

// ExpenseKind is the kind of an extra collection expense (CostQuery.Extras). The law
// decides recoverability by kind, so an expense must be classified; the zero value,
// OtherExpense, is never added to a cap.
type ExpenseKind uint8

const (
	// OtherExpense is an expense of no kind below. It is refused everywhere: the
	// package decides only classified kinds (in DE the creditor's own general business
	// costs, staff time and letters, are not recoverable as Verzugsschaden).
	OtherExpense ExpenseKind = iota
	// CreditCheck is the fee for a credit report on the debtor from a credit agency
	// (DE Bonitätsauskunft, Auskunftei such as SCHUFA or Creditreform).
	CreditCheck
	// AddressLookup is the fee for finding the debtor's current address (DE
	// Einwohnermeldeamtsanfrage / Melderegisterauskunft, commercial address search).
	AddressLookup
	// ReturnedDebit is the charge the creditor's bank debited for a returned direct
	// debit (DE Rücklastschrift), the bank's charge only.
	ReturnedDebit
)

// String returns the kind's name.
func (k ExpenseKind) String() string {
	switch k {
	case OtherExpense:
		return "OtherExpense"
	case CreditCheck:
		return "CreditCheck"
	case AddressLookup:
		return "AddressLookup"
	case ReturnedDebit:
		return "ReturnedDebit"
	}
	return "ExpenseKind(" + strconv.Itoa(int(k)) + ")"
}

// Expense is one extra collection expense the creditor incurred and asks the debtor to
// bear, besides the capped fee (CostQuery.Extras).
type Expense struct {
	// Name says what the expense was, for the note and the letter, e.g.
	// "SCHUFA-Auskunft 2025-03-02".
	Name string
	// Amount is what the creditor paid, in the jurisdiction's currency; it must not be
	// negative. It is taken as the creditor's actual outlay (VAT included when the
	// creditor cannot deduct it); no VAT is added to it.
	Amount money.Money
	// Kind classifies the expense; the law decides by kind.
	Kind ExpenseKind
}

// ExpenseResult is the decision on one extra expense: allowed (Allowed is added to
// Cap.Amount) or refused (Refused, Allowed zero), with the reason, the source and the
// status of the rule that decided.
type ExpenseResult struct {
	Name    string         // Expense.Name
	Kind    ExpenseKind    // Expense.Kind
	Claimed money.Money    // Expense.Amount
	Allowed money.Money    // the amount added to Cap.Amount; zero when refused
	Refused bool           // the expense is not recoverable under the research
	Reason  string         // why it was allowed or refused
	Source  string         // law, court decisions or commentary, as the research cites them
	Status  dunning.Status // how well the research backs the decision
}

// validate checks one extra expense; the field names carry the index ("Extras[1].Amount").
func (e Expense) validate(i int, j dunning.Jurisdiction) []error {
	var errs []error
	if known(j) {
		if err := checkAmount("Amount", e.Amount, j); err != nil {
			if fe, ok := err.(*dunning.FieldError); ok {
				fe.Field = "Extras[" + strconv.Itoa(i) + "].Amount"
			}
			errs = append(errs, err)
		}
	}
	if e.Kind > ReturnedDebit {
		errs = append(errs, fieldErr("Extras["+strconv.Itoa(i)+"].Kind", strconv.Itoa(int(e.Kind)), "is not a known expense kind", nil))
	}
	return errs
}

// extraRule is how a jurisdiction treats one kind of extra expense.
type extraRule struct {
	allow  bool
	status dunning.Status
	source string
	reason string
}

// deExtraRules decide the DE extra expenses as Verzugsschaden (§§ 280 Abs. 1, 2, 286
// BGB, § 249 BGB): the creditor may recover the costs of pursuit after default that were
// necessary and appropriate, at their actual amount; there is no statutory maximum.
// Recoverable only if incurred after the debtor was in default (§ 286 BGB), which the
// caller must check: the package does not know when the expense arose.
var deExtraRules = [...]extraRule{
	OtherExpense: {
		status: dunning.Secondary,
		source: "§§ 280, 286 BGB; docs/research/jurisdictions.md § 4.1 (only actual costs are recoverable, not general administrative and staff costs)",
		reason: "an unclassified expense is not decided; the creditor's own general business costs (staff, letters) are not recoverable as Verzugsschaden",
	},
	CreditCheck: {
		status: dunning.Secondary,
		source: "AG Bremen 23.10.2014 – 10 C 148/14 (adf-inkasso.de): not recoverable; contra AG Kehl 26.04.2011 – 4 C 19/11 " +
			"(kehl.legal, haufe.de: 23.50 EUR allowed) and AG Stadthagen NJW-RR 2011, 1171; bfif.de (not necessary costs under § 91 ZPO)",
		reason: "contested: courts are split on whether a credit check is Verzugsschaden (AG Bremen 10 C 148/14: the risk of the " +
			"debtor's insolvency is the creditor's, outside the protective scope of §§ 280, 286 BGB; AG Kehl 4 C 19/11 and AG " +
			"Stadthagen allowed it); no BGH ruling was found, so it is not added to a cap",
	},
	AddressLookup: {
		allow:  true,
		status: dunning.Unverified,
		source: "§§ 280 Abs. 1, 2, 286, 249 BGB; Vorbem. 7 Abs. 1 S. 2 VV RVG (§§ 675, 670 BGB); 'Die Erstattungsfähigkeit " +
			"von Inkassokosten', ff) Auslagen, Rz. 236-237 (haufe.de, Deutsches Anwalt Office Premium; stored text cut off)",
		reason: "Verzugsschaden (§§ 280 Abs. 1, 2, 286 BGB): an address lookup needed to pursue the claim after default, at its " +
			"actual cost; recoverable only if incurred after default; for a business debtor the 40 EUR Verzugspauschale is " +
			"credited against it as a cost of legal pursuit (§ 288 Abs. 5 S. 3 BGB); no court decision was seen (UNVERIFIED)",
	},
	ReturnedDebit: {
		allow:  true,
		status: dunning.Secondary,
		source: "§ 280 Abs. 1 BGB; LG Düsseldorf 08.06.2017 – 14c O 169/15 (openjur.de: nothing beyond the bank's charges); " +
			"AG Stuttgart 03.11.2020 – 3 C 1829/20 (ra-kotz.de: 10 EUR Rücklastschriftkosten awarded)",
		reason: "damages (§ 280 Abs. 1 BGB): the bank's charge for the returned direct debit at its actual amount; a surcharge " +
			"above the bank's charge is not recoverable (LG Düsseldorf 14c O 169/15)",
	},
}

// noExtras is the refusal where the research has no rule for extra expenses: the
// jurisdiction's capped amounts are all the research allows.
func noExtras(j dunning.Jurisdiction) extraRule {
	r := extraRule{status: dunning.Unverified}
	switch j {
	case dunning.DK:
		r.source = "renteloven § 9 a; bek. om udenretlige inddrivelsesomkostninger; docs/research/jurisdictions.md § 1.3"
		r.reason = "the research (DK § 1.3) has only the maximum collection costs of the bekendtgørelse, no rule for extra expenses on top"
	case dunning.SE:
		r.source = "lag (1981:739) om ersättning för inkassokostnader m.m. 4 §; docs/research/jurisdictions.md §§ 2.1, 2.3"
		r.reason = "the research (SE §§ 2.1, 2.3) has only the fixed amounts of 4 §, no rule for extra expenses on top"
	case dunning.NO:
		r.source = "inkassoforskriften § 1-1 andre ledd, kap. 2 (juridika.no); docs/research/jurisdictions.md § 3.3"
		r.reason = "actual costs are recoverable only as far as inkassoforskriften kap. 2 allows (§ 1-1 andre ledd); the research (NO § 3.3) has only the salær maxima, no rule for extra expenses on top"
	case dunning.NL:
		r.source = "Besluit vergoeding voor buitengerechtelijke incassokosten art. 2; art. 6:96 BW; docs/research/jurisdictions.md § 5.3"
		r.reason = "the WIK amount covers the extrajudicial collection costs; the research (NL § 5.3) has no rule for extra expenses on top"
	case dunning.FI:
		r.source = "laki saatavien perinnästä (513/1999) 10 a §; docs/research/jurisdictions.md § 6.1"
		r.reason = "the research (FI § 6.1) has only the capped collection costs, no rule for extra expenses on top"
	default:
		r.source = "docs/research/jurisdictions.md"
		r.reason = "the research has no rule for extra expenses in " + string(j)
	}
	return r
}

// extraRuleFor returns the rule for kind k in jurisdiction j.
func extraRuleFor(j dunning.Jurisdiction, k ExpenseKind) extraRule {
	if j == dunning.DE && int(k) < len(deExtraRules) {
		return deExtraRules[k]
	}
	return noExtras(j)
}

// applyExtras decides every extra expense of q and adds the allowed ones to c.
func applyExtras(q CostQuery, c Cap) (Cap, error) {
	cur := q.Claim.Currency()
	c.Extras = make([]ExpenseResult, 0, len(q.Extras))
	note := "; extras:"
	var sources []string
	for _, e := range q.Extras {
		r := extraRuleFor(q.Jurisdiction, e.Kind)
		res := ExpenseResult{Name: e.Name, Kind: e.Kind, Claimed: e.Amount, Allowed: money.Zero(cur),
			Refused: !r.allow, Reason: r.reason, Source: r.source, Status: r.status}
		label := " " + e.Kind.String()
		if e.Name != "" {
			label += " " + strconv.Quote(e.Name)
		}
		if r.allow {
			res.Allowed = e.Amount
			var err error
			if c.ExtrasAllowed, err = c.ExtrasAllowed.Add(e.Amount); err != nil {
				return Cap{}, err
			}
			c.Status = c.Status.Weaker(r.status)
			note += label + " +" + e.Amount.String() + " (" + r.status.String() + ");"
			if !slices.Contains(sources, r.source) {
				sources = append(sources, r.source)
			}
		} else {
			note += label + " " + e.Amount.String() + " refused;"
		}
		c.Extras = append(c.Extras, res)
	}
	var err error
	if c.Amount, err = c.Amount.Add(c.ExtrasAllowed); err != nil {
		return Cap{}, err
	}
	c.Note += note[:len(note)-1] + " (reasons in Cap.Extras)"
	for _, s := range sources {
		c.Source += "; extras: " + s
	}
	return c, nil
}
