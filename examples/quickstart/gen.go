package main

import (
	"fmt"
	"math/rand/v2"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
	"golang.org/x/text/language"
)

// behaviour is how a debtor reacts to an invoice and to the letters about it. The
// generator draws one per invoice; the simulation plays it out day by day.
type behaviour uint8

const (
	onTime       behaviour = iota // pays by the due date: no case is ever opened
	graceLate                     // pays a day or two late: the case opens and closes before any letter
	afterR1                       // pays in full a few days after the first reminder
	afterR2                       // pays in full after the second reminder
	partial                       // pays part after the first reminder, the rest after the warning (or never)
	afterWarning                  // pays in full after the collection warning (inkassovarsel)
	plan                          // agrees a payment plan after the second reminder; some break it
	offer                         // accepts a settlement offer a person makes after the demand letter
	dispute                       // disputes the invoice; the creditor credits part, the debtor pays the rest
	never                         // never pays: the case runs to the payment claim, held for a person
	numBehaviours
)

var behaviourNames = [numBehaviours]string{"on time", "a day or two late", "after reminder 1", "after reminder 2",
	"partly", "after the warning", "payment plan", "settlement offer", "disputes", "never"}

func (b behaviour) String() string { return behaviourNames[b] }

// behaviourWeights are the shares of the behaviours, in per cent.
var behaviourWeights = [numBehaviours]int{onTime: 45, graceLate: 6, afterR1: 14, afterR2: 8, partial: 5,
	afterWarning: 7, plan: 4, offer: 3, dispute: 2, never: 6}

// invoice is one generated invoice with its debtor and the debtor's behaviour, and
// what the simulation has done with it so far.
type invoice struct {
	ID, Number string
	Issued     date.Date
	Due        date.Date
	Amount     money.Money
	Debtor     dunning.Party
	Behaviour  behaviour
	// Delay is how many days after its trigger (the due date, or the letter the
	// behaviour reacts to) the debtor acts; Delay2 is the second action's delay.
	Delay, Delay2 int
	// Finish says a partial payer pays the rest; a plan debtor keeps the plan.
	Finish bool

	// What the simulation did.
	opened     bool
	done       bool        // nothing more to do for this invoice
	steps      []takenStep // the steps the batch took on the case
	paidPart   bool
	planDue    []instalment // the plan's instalments not yet paid
	planPaid   int
	planWarned date.Date
	offerPay   money.Money
	offerDay   date.Date
	disputedOn date.Date
	credited   bool
}

// instalment is one instalment of an agreed payment plan.
type instalment struct {
	Due    date.Date
	Amount money.Money
}

// caseID is the case number the host gives the invoice's case. The SDK makes the
// payment reference the letters print from its digits.
func (inv *invoice) caseID() collection.CaseID { return collection.CaseID("C" + inv.Number) }

var (
	firstNames = []string{"Mette", "Jens", "Anne", "Peter", "Sofie", "Lars", "Camilla", "Rasmus", "Ida", "Mads",
		"Louise", "Henrik", "Emma", "Søren", "Julie", "Anders", "Freja", "Niels", "Katrine", "Mikkel", "Birgitte", "Jørgen"}
	lastNames = []string{"Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
		"Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Møller", "Poulsen", "Østergaard"}
	companyKinds = []string{"Byg ApS", "Tømrer & Snedker ApS", "Autoværksted I/S", "Consult A/S", "Køkkener ApS",
		"Ejendomsservice ApS", "Transport A/S", "Malerfirma ApS"}
	streets = []string{"Nørregade", "Vestergade", "Østergade", "Søndergade", "Algade", "Jernbanegade", "Skolevej",
		"Kirkevej", "Engvej", "Birkevej", "Møllevej", "Strandvejen", "Åboulevarden", "Vesterbrogade"}
	towns = []struct{ code, city string }{{"1456", "København K"}, {"2100", "København Ø"}, {"2300", "København S"},
		{"2900", "Hellerup"}, {"4000", "Roskilde"}, {"5000", "Odense C"}, {"6000", "Kolding"}, {"7100", "Vejle"},
		{"8000", "Aarhus C"}, {"8200", "Aarhus N"}, {"9000", "Aalborg"}, {"9900", "Frederikshavn"}}
	// Foreign-language debtors living in Denmark: Danish law, their language on the letters.
	foreign = []struct {
		tag         language.Tag
		first, last []string
	}{
		{language.English, []string{"James", "Emily", "Oliver", "Sarah"}, []string{"Smith", "Taylor", "Walsh", "Brown"}},
		{language.Swedish, []string{"Erik", "Karin", "Johan", "Maja"}, []string{"Lindqvist", "Berg", "Holm", "Ek"}},
		{language.German, []string{"Klaus", "Anja", "Jürgen", "Heike"}, []string{"Müller", "Schmidt", "Becker", "Wolf"}},
	}
)

// generate draws n invoices of the creditor, issued from 45 days before start to 60
// days after it, deterministically from seed: realistic amounts (most consumer
// invoices a few hundred to a few thousand kroner, a long tail up to 40,000; business
// invoices larger), terms of 8, 14 or 30 days, about 10 % business debtors, about 7 %
// writing in English, Swedish or German, and one behaviour each. About one debtor in
// six has more than one invoice.
func generate(n int, seed uint64, start date.Date) []*invoice {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var debtors []dunning.Party
	invs := make([]*invoice, 0, n)
	for i := range n {
		var d dunning.Party
		if len(debtors) > 10 && rng.IntN(6) == 0 {
			d = debtors[rng.IntN(len(debtors))]
		} else {
			d = newDebtor(rng, len(debtors)+1)
			debtors = append(debtors, d)
		}
		issued := start.AddDays(-45 + rng.IntN(105))
		terms := []int{8, 14, 14, 14, 30}[rng.IntN(5)]
		if d.Kind == dunning.Business {
			terms = 30
		}
		num := fmt.Sprintf("2025%05d", 10001+i)
		inv := &invoice{
			ID: "INV-" + num, Number: num, Issued: issued, Due: issued.AddDays(terms),
			Amount: amount(rng, d.Kind), Debtor: d, Behaviour: pick(rng),
			Delay: 1 + rng.IntN(8), Delay2: 2 + rng.IntN(10), Finish: rng.IntN(10) < 6,
		}
		if inv.Behaviour == graceLate {
			inv.Delay = 1 + rng.IntN(2)
		}
		invs = append(invs, inv)
	}
	return invs
}

// pick draws a behaviour by behaviourWeights.
func pick(rng *rand.Rand) behaviour {
	r := rng.IntN(100)
	for b, w := range behaviourWeights {
		if r < w {
			return behaviour(b)
		}
		r -= w
	}
	return never
}

// amount draws an invoice amount in DKK, in øre: most are whole kroner, some carry øre
// (VAT-inclusive totals).
func amount(rng *rand.Rand, k dunning.PartyKind) money.Money {
	var kr int64
	switch r := rng.IntN(100); {
	case k == dunning.Business:
		kr = 5_000 + rng.Int64N(145_000)
	case r < 60:
		kr = 200 + rng.Int64N(1_800)
	case r < 90:
		kr = 2_000 + rng.Int64N(8_000)
	default:
		kr = 10_000 + rng.Int64N(30_000)
	}
	ore := kr * 100
	if rng.IntN(10) < 3 {
		ore += rng.Int64N(100)
	}
	m, _ := money.FromMinorUnits(ore, money.DKK) // never fails for DKK and these sizes
	return m
}

// newDebtor draws a debtor: a consumer or (about 10 %) a business with a CVR number,
// with a Danish address, most with an e-mail address.
func newDebtor(rng *rand.Rand, no int) dunning.Party {
	first, last := firstNames[rng.IntN(len(firstNames))], lastNames[rng.IntN(len(lastNames))]
	p := dunning.Party{
		ID:           fmt.Sprintf("D-%05d", no),
		Name:         first + " " + last,
		Kind:         dunning.Consumer,
		Jurisdiction: dunning.DK,
	}
	if r := rng.IntN(100); r < 7 {
		f := foreign[r%3]
		p.Language = f.tag
		first, last = f.first[rng.IntN(len(f.first))], f.last[rng.IntN(len(f.last))]
		p.Name = first + " " + last
	}
	t := towns[rng.IntN(len(towns))]
	p.Address = dunning.Address{
		Lines:      []string{fmt.Sprintf("%s %d", streets[rng.IntN(len(streets))], 1+rng.IntN(120))},
		PostalCode: t.code, City: t.city, Country: "DK",
	}
	if rng.IntN(10) == 0 {
		p.Kind = dunning.Business
		p.Name = last + " " + companyKinds[rng.IntN(len(companyKinds))]
		p.Registration = dunning.Registration{Scheme: dunning.CVR, Number: cvr(rng)}
		p.Language = language.Und
	}
	if rng.IntN(100) < 85 {
		p.Email = fmt.Sprintf("%s.%s%d@example.dk", ascii(first), ascii(last), no)
	}
	return p
}

// cvr draws a CVR number with a valid modulus-11 check.
func cvr(rng *rand.Rand) string {
	weights := []int{2, 7, 6, 5, 4, 3, 2, 1}
	for {
		digits := make([]int, 8)
		digits[0] = 1 + rng.IntN(9)
		for i := 1; i < 8; i++ {
			digits[i] = rng.IntN(10)
		}
		sum := 0
		for i, d := range digits {
			sum += d * weights[i]
		}
		if sum%11 == 0 {
			return fmt.Sprintf("%d%d%d%d%d%d%d%d", digits[0], digits[1], digits[2], digits[3], digits[4], digits[5], digits[6], digits[7])
		}
	}
}

// ascii lower-cases a name for an e-mail address, spelling out the Danish letters.
func ascii(s string) string {
	var b []rune
	for _, r := range s {
		switch r {
		case 'æ', 'Æ':
			b = append(b, 'a', 'e')
		case 'ø', 'Ø':
			b = append(b, 'o', 'e')
		case 'å', 'Å':
			b = append(b, 'a', 'a')
		case 'ü':
			b = append(b, 'u', 'e')
		case ' ', '&':
		default:
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			b = append(b, r)
		}
	}
	return string(b)
}
