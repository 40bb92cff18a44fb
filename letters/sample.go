package letters

import (
	"bytes"
	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/law"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
	"image"
	"image/color"
	"image/png"
)

// homeJurisdiction is the jurisdiction whose sample a language's templates are
// checked and shown with.
func homeJurisdiction(l lang) dunning.Jurisdiction {
	return [numLangs]dunning.Jurisdiction{
		langEN: dunning.EU, langDA: dunning.DK, langSV: dunning.SE, langNB: dunning.NO,
		langDE: dunning.DE, langNL: dunning.NL, langFI: dunning.FI,
	}[l]
}

// sampleParties holds the fictitious creditor and debtor of one jurisdiction.
type sampleParties struct {
	creditor     Creditor
	debtor       dunning.Party
	court        string
	reminderFee  string // "" when the jurisdiction has no reminder fee
	compensation string
	costIfUnpaid string
	costVAT      string
	foundation   string
	claim        string
}

func samplePartiesFor(j dunning.Jurisdiction) sampleParties {
	switch j {
	case dunning.DK:
		return sampleParties{
			creditor: Creditor{
				Name: "Nordlys Tekstil ApS", Address: dunning.Address{Lines: []string{"Vesterbrogade 12"}, PostalCode: "1620", City: "København V", Country: "DK"},
				Registration: dunning.Registration{Scheme: dunning.CVR, Number: "24256790"},
				Email:        "bogholderi@nordlys-tekstil.dk", Phone: "+45 33 12 34 56", Website: "nordlys-tekstil.dk",
				LogoImage: SampleLogo(),
				Bank:      Bank{Name: "Danske Bank", Account: "Reg.nr. 1234 kontonr. 0012345678", IBAN: "DK50 0040 0440 1162 43", BIC: "DABADKKK"},
			},
			debtor: dunning.Party{ID: "K-10042", Name: "Jens Hansen", Jurisdiction: dunning.DK,
				Address: dunning.Address{Lines: []string{"Nørregade 7, 2. th."}, PostalCode: "8000", City: "Aarhus C", Country: "DK"}},
			court: "Retten i Aarhus, fogedretten", reminderFee: "100.00", compensation: "310.00",
			costIfUnpaid: "1100.00",
			foundation:   "Frivilligt forlig underskrevet af skyldner den 3. februar 2025",
			claim:        "Ubetalte fakturaer for tekstilvarer leveret i december 2024 og januar 2025",
		}
	case dunning.SE:
		return sampleParties{
			creditor: Creditor{
				Name: "Fjällbacka Trä AB", Address: dunning.Address{Lines: []string{"Storgatan 5"}, PostalCode: "111 23", City: "Stockholm", Country: "SE"},
				Registration: dunning.Registration{Scheme: dunning.SEOrgNr, Number: "556012-5790"},
				Email:        "ekonomi@fjallbackatra.se", Phone: "+46 8 123 456 78",
				Bank: Bank{Account: "Bankgiro 5050-1055", IBAN: "SE45 5000 0000 0583 9825 7466", BIC: "ESSESESS"},
			},
			debtor: dunning.Party{ID: "K-10042", Name: "Anna Lindqvist", Jurisdiction: dunning.SE,
				Address: dunning.Address{Lines: []string{"Kungsgatan 14 lgh 1102"}, PostalCode: "411 19", City: "Göteborg", Country: "SE"}},
			court: "Kronofogden", reminderFee: "60.00", compensation: "450.00",
			costIfUnpaid: "180.00",
			foundation:   "Utslag i mål om betalningsföreläggande den 3 februari 2025",
			claim:        "Obetalda fakturor för virke levererat i december 2024 och januari 2025",
		}
	case dunning.NO:
		return sampleParties{
			creditor: Creditor{
				Name: "Fjordvik Verksted AS", Address: dunning.Address{Lines: []string{"Strandgata 3"}, PostalCode: "5013", City: "Bergen", Country: "NO"},
				Registration: dunning.Registration{Scheme: dunning.NOOrgNr, Number: "974760673"},
				Email:        "regnskap@fjordvik.no", Phone: "+47 55 12 34 56",
				Bank: Bank{Account: "1234.56.78903", IBAN: "NO93 8601 1117 947", BIC: "DNBANOKK"},
			},
			debtor: dunning.Party{ID: "K-10042", Name: "Kari Nordmann", Jurisdiction: dunning.NO,
				Address: dunning.Address{Lines: []string{"Storgata 21 B"}, PostalCode: "0184", City: "Oslo", Country: "NO"}},
			court: "Namsfogden i Oslo", reminderFee: "35.00", compensation: "470.00",
			costIfUnpaid: "560.00",
			foundation:   "Forliksrådets dom av 3. februar 2025",
			claim:        "Ubetalte fakturaer for verkstedarbeid utført i desember 2024 og januar 2025",
		}
	case dunning.DE:
		return sampleParties{
			creditor: Creditor{
				Name: "Hansen Maschinenbau GmbH", Address: dunning.Address{Lines: []string{"Hauptstraße 1"}, PostalCode: "80331", City: "München", Country: "DE"},
				Registration: dunning.Registration{Scheme: dunning.DEHandelsregister, Number: "HRB 12345 Amtsgericht München"},
				Email:        "buchhaltung@hansen-maschinenbau.de", Phone: "+49 89 1234567",
				Bank: Bank{Name: "Commerzbank", IBAN: "DE89 3704 0044 0532 0130 00", BIC: "COBADEFFXXX"},
			},
			debtor: dunning.Party{ID: "K-10042", Name: "Max Mustermann", Jurisdiction: dunning.DE,
				Address: dunning.Address{Lines: []string{"Musterstraße 5"}, PostalCode: "10115", City: "Berlin", Country: "DE"}},
			court: "Amtsgericht Wedding, zentrales Mahngericht", reminderFee: "2.50", compensation: "40.00",
			costIfUnpaid: "231.95",
			foundation:   "Vollstreckungsbescheid des Amtsgerichts Wedding vom 03.02.2025",
			claim:        "Unbezahlte Rechnungen über Ersatzteile, geliefert im Dezember 2024 und Januar 2025",
		}
	case dunning.NL:
		return sampleParties{
			creditor: Creditor{
				Name: "Van Dijk Installatietechniek B.V.", Address: dunning.Address{Lines: []string{"Keizersgracht 100"}, PostalCode: "1015 AA", City: "Amsterdam", Country: "NL"},
				Registration: dunning.Registration{Scheme: dunning.NLKvK, Number: "12345678"},
				Email:        "debiteuren@vandijk-installatie.nl", Phone: "+31 20 123 4567",
				Bank: Bank{IBAN: "NL91 ABNA 0417 1643 00", BIC: "ABNANL2A"},
			},
			debtor: dunning.Party{ID: "K-10042", Name: "Jan de Vries", Jurisdiction: dunning.NL,
				Address: dunning.Address{Lines: []string{"Dorpsstraat 12"}, PostalCode: "3511 AB", City: "Utrecht", Country: "NL"}},
			court: "Rechtbank Midden-Nederland, team kanton", compensation: "40.00",
			costIfUnpaid: "695.69", costVAT: "120.74",
			foundation: "Vonnis van de kantonrechter te Utrecht van 3 februari 2025",
			claim:      "Onbetaalde facturen voor installatiewerk in december 2024 en januari 2025",
		}
	case dunning.FI:
		return sampleParties{
			creditor: Creditor{
				Name: "Järvinen Rakennus Oy", Address: dunning.Address{Lines: []string{"Mannerheimintie 10"}, PostalCode: "00100", City: "Helsinki", Country: "FI"},
				Registration: dunning.Registration{Scheme: dunning.FIYTunnus, Number: "1234567-1"},
				Email:        "laskutus@jarvinen-rakennus.fi", Phone: "+358 9 123 4567",
				Bank: Bank{IBAN: "FI21 1234 5600 0007 85", BIC: "NDEAFIHH"},
			},
			debtor: dunning.Party{ID: "K-10042", Name: "Matti Virtanen", Jurisdiction: dunning.FI,
				Address: dunning.Address{Lines: []string{"Hämeenkatu 3 B 12"}, PostalCode: "33100", City: "Tampere", Country: "FI"}},
			court: "Pirkanmaan käräjäoikeus", reminderFee: "5.00", compensation: "40.00",
			costIfUnpaid: "50.00",
			foundation:   "Pirkanmaan käräjäoikeuden tuomio 3.2.2025",
			claim:        "Maksamattomat laskut joulukuussa 2024 ja tammikuussa 2025 tehdyistä remonttitöistä",
		}
	default:
		return sampleParties{
			creditor: Creditor{
				Name: "Emerald Supplies Ltd", Address: dunning.Address{Lines: []string{"12 Harbour Road"}, PostalCode: "D02 XY45", City: "Dublin", Country: "IE"},
				Email: "accounts@emerald-supplies.ie", Phone: "+353 1 234 5678",
				Bank: Bank{IBAN: "IE29 AIBK 9311 5212 3456 78", BIC: "AIBKIE2D"},
			},
			debtor: dunning.Party{ID: "K-10042", Name: "John Smith", Jurisdiction: dunning.EU,
				Address: dunning.Address{Lines: []string{"4 Station Street"}, PostalCode: "T12 AB34", City: "Cork", Country: "IE"}},
			court: "District Court, Cork", compensation: "40.00",
			costIfUnpaid: "40.00",
			foundation:   "Judgment of the District Court of 3 February 2025",
			claim:        "Unpaid invoices for supplies delivered in December 2024 and January 2025",
		}
	}
}

// sampleRate is the statutory rate of j's shipped law pack on day: the consumer
// table, or the business one where consumers have none (EU).
func sampleRate(j dunning.Jurisdiction, day date.Date) decimal.Decimal {
	p := law.Builtin(j)
	for _, k := range []dunning.PartyKind{dunning.Consumer, dunning.Business} {
		if tab, _, err := p.Interest(k, interest.ClaimDates{}); err == nil {
			if r, err := tab.RateAt(day); err == nil {
				return r.Percent
			}
		}
	}
	return decimal.NewFromInt(8) // a jurisdiction without a table: an illustration
}

// sampleLogo is the samples' logo: a 160 × 40 PNG drawn once (three bars in
// the letters' blue), read-only.
var sampleLogo = func() []byte {
	img := image.NewPaletted(image.Rect(0, 0, 160, 40), color.Palette{color.White, color.RGBA{0x1f, 0x3b, 0x5a, 0xff}, color.RGBA{0x7a, 0xa6, 0xc2, 0xff}})
	for y := 6; y < 34; y++ {
		for x := 0; x < 160; x++ {
			switch {
			case x >= 4 && x < 40 && y >= 6:
				img.SetColorIndex(x, y, 1)
			case x >= 46 && x < 82 && y >= 14:
				img.SetColorIndex(x, y, 2)
			case x >= 88 && x < 156 && y >= 22:
				img.SetColorIndex(x, y, 1)
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic("letters: sample logo: " + err.Error())
	}
	return b.Bytes()
}()

// SampleLogo returns the PNG logo SampleData gives the Danish sample creditor,
// a fresh copy: a logo given as bytes (Creditor.LogoImage), embedded in the
// letter, never fetched.
func SampleLogo() []byte { return bytes.Clone(sampleLogo) }

// SampleData returns fully populated, fictitious Data for a letter of the given kind
// under jurisdiction j (EU, or a j without a shipped pack, gives an Irish creditor writing in
// English): a consumer debtor with two invoices, one partly paid, a reminder fee,
// interest over two rate periods, collection costs, a deadline that meets the law of
// j, an offer, a 6-instalment plan with one missed instalment, and court data. Its
// figures add up (Validate accepts it).
//
// New executes every template against it, so a template that refers to a field the
// data lacks fails when loaded. Hosts can use it to preview templates (E14).
func SampleData(kind Kind, j dunning.Jurisdiction) Data {
	if !j.Builtin() {
		j = dunning.EU
	}
	p := samplePartiesFor(j)
	cur := money.Currency(j.CurrencyCode())
	m := func(s string) money.Money { return money.MustNew(s, cur) }
	day := date.MustParse("2025-03-03") // a Monday: the letter's date
	debtor := p.debtor
	debtor.Kind = dunning.Consumer

	d := Data{
		Creditor: p.creditor, Debtor: debtor, Jurisdiction: j, Date: day,
		Case: "2025-0042", Level: 2,
		Claims: []Claim{
			{Invoice: "1001", Date: date.MustParse("2024-12-16"), Due: date.MustParse("2025-01-15"),
				Amount: m("1250.00"), Paid: m("250.00"), Open: m("1000.00")},
			{Invoice: "1017", Date: date.MustParse("2025-01-01"), Due: date.MustParse("2025-01-31"),
				Amount: m("3499.50"), Paid: money.Zero(cur), Open: m("3499.50")},
		},
		PaymentReference: "202500421" + string(refLuhn("202500421")),
		Deadline:         day.AddDays(14),
		CostIfUnpaid:     m(p.costIfUnpaid),
	}
	d.Comment = sampleComment(j)
	if p.costVAT != "" {
		d.CostVAT = m(p.costVAT)
	}
	if p.reminderFee != "" {
		d.Fees = []Charge{{Kind: ReminderFee, Date: date.MustParse("2025-02-17"), Amount: m(p.reminderFee)}}
	}
	// Interest on 1000.00 from 2025-01-16 and on 3499.50 from 2025-02-01, at the
	// statutory rate of j's law pack on each segment's first day (sampleRate),
	// actual/365, rounded per segment.
	segs := []Segment{
		{Invoice: "1001", From: date.MustParse("2025-01-16"), To: date.MustParse("2025-02-01"), Balance: m("1000.00")},
		{Invoice: "1001", From: date.MustParse("2025-02-01"), To: day, Balance: m("1000.00")},
		{Invoice: "1017", From: date.MustParse("2025-02-01"), To: day, Balance: m("3499.50")},
	}
	total := money.Zero(cur)
	for i := range segs {
		s := &segs[i]
		s.Rate = sampleRate(j, s.From)
		s.Days = s.From.DaysUntil(s.To)
		x := s.Balance.Amount().Mul(s.Rate).Mul(decimal.NewFromInt(int64(s.Days))).
			DivRound(decimal.NewFromInt(36500), 28)
		s.Amount, _ = money.FromDecimal(x, cur, money.PolicyFor(cur, money.HalfAwayFromZero))
		total, _ = total.Add(s.Amount)
	}
	d.Interest = Interest{Basis: sampleBasis(j), Segments: segs, Total: total}
	d.Total, _ = d.sum()

	// The offer: pay 80 % of what is owed now; escalating would add court fee and costs.
	d.Offer.OwedNow = d.Total
	d.Offer.Amount = d.Total.Mul(decimal.RequireFromString("0.8"), money.PolicyFor(cur, money.HalfAwayFromZero))
	d.Offer.Escalated, _ = d.Total.Add(m("1850.00"))
	d.Offer.Saving, _ = d.Offer.Escalated.Sub(d.Offer.Amount)
	d.Offer.Horizon = day.AddMonths(3)
	d.Offer.Expires = day.AddDays(14)

	d.Plan = samplePlan(cur, day)
	d.Breach = Breach{Missed: d.Plan.Instalments[:1], Since: d.Plan.Instalments[0].Due, Arrears: d.Plan.Instalments[0].Amount}

	d.Filing = Filing{Court: p.court, Claim: p.claim, Foundation: p.foundation,
		WarningSent: date.MustParse("2025-02-17"), CourtFee: m("750.00"), CivilCase: true}
	if cur != money.DKK {
		d.Filing.CourtFee = m("38.00")
	}
	d.Subject = sampleFreeSubject(j)
	d.Paragraphs = sampleFreeText(j)

	switch kind {
	case Reminder:
		// a reminder of level 2 carrying its fee
	case InterestInvoice:
		// invoices paid late: nothing open, interest from due date to payment
		d.Claims = []Claim{
			{Invoice: "1001", Due: date.MustParse("2025-01-15"), Amount: m("1250.00"), Paid: m("1250.00"),
				Open: money.Zero(cur), PaidOn: date.MustParse("2025-02-14")},
		}
		seg := Segment{Invoice: "1001", From: date.MustParse("2025-01-16"), To: date.MustParse("2025-02-15"),
			Balance: m("1250.00"), Rate: sampleRate(j, date.MustParse("2025-01-16"))}
		seg.Days = seg.From.DaysUntil(seg.To)
		x := seg.Balance.Amount().Mul(seg.Rate).Mul(decimal.NewFromInt(int64(seg.Days))).DivRound(decimal.NewFromInt(36500), 28)
		seg.Amount, _ = money.FromDecimal(x, cur, money.PolicyFor(cur, money.HalfAwayFromZero))
		d.Interest = Interest{Basis: sampleBasis(j), Segments: []Segment{seg}, Total: seg.Amount}
		d.Fees = nil
		d.Costs = nil
		d.Total, _ = d.sum()
	case PlanTermination:
		// the whole remaining debt falls due
	}
	if j == dunning.NL && kind == CollectionWarning {
		// 14 days from the day after presumed delivery (2nd day after dispatch, not
		// counting Sundays and Mondays): Monday 3rd → Wednesday 5th → 19th.
		d.Deadline = day.AddDays(16)
	}
	return d
}

// sparse strips what is optional from d, so templates are also checked on their
// "else" branches: level 1, no comment, no case number, no fees, no VAT, no down
// payment, a business debtor.
func sparse(d Data) Data {
	d.Level = 1
	d.Comment = ""
	d.Case = ""
	d.Creditor.Logo, d.Creditor.LogoImage = "", nil
	d.Creditor.Bank.Account = ""
	d.Creditor.Website = ""
	d.CostVAT = money.Money{}
	d.Debtor.Kind = dunning.Business
	d.Debtor.Name = "Hansen Byg ApS"
	d.Interest.Basis = ""
	d.Plan.TotalPaid, _ = d.Plan.TotalPaid.Sub(d.Plan.DownPayment)
	d.Plan.DownPayment = money.Money{}
	d.Plan.DownPaymentDate = date.Date{}
	d.Filing.CivilCase = false
	d.Fees = nil
	d.Total, _ = d.sum()
	return d
}

func samplePlan(cur money.Currency, day date.Date) Plan {
	m := func(s string) money.Money { return money.MustNew(s, cur) }
	// 3000.00 after a 500.00 down payment, 6 monthly instalments at 1 % a month on the
	// remaining principal, equal instalments of 517.65 with the last absorbing the
	// remainder (an annuity computed to the cent).
	p := Plan{Principal: m("3500.00"), DownPayment: m("500.00"), DownPaymentDate: day.AddDays(7),
		Instalment: m("517.65"), Term: 6, Rate: decimal.RequireFromString("12")}
	balance := m("3000.00")
	paid, interest := p.DownPayment, money.Zero(cur)
	first := day.AddMonths(1)
	for i := range 6 {
		in := Instalment{No: i + 1, Due: first.AddMonths(i)}
		in.Interest = balance.Mul(decimal.RequireFromString("0.01"), money.PolicyFor(cur, money.HalfAwayFromZero))
		in.Amount = p.Instalment
		in.Principal, _ = in.Amount.Sub(in.Interest)
		if i == 5 {
			in.Principal = balance
			in.Amount, _ = in.Interest.Add(balance)
		}
		balance, _ = balance.Sub(in.Principal)
		in.Balance = balance
		paid, _ = paid.Add(in.Amount)
		interest, _ = interest.Add(in.Interest)
		p.Instalments = append(p.Instalments, in)
	}
	p.First, p.Last = p.Instalments[0].Due, p.Instalments[5].Due
	p.TotalPaid, p.TotalInterest = paid, interest
	return p
}

func sampleComment(j dunning.Jurisdiction) string {
	switch j {
	case dunning.DK:
		return "Har du betalt inden for de seneste dage, kan du se bort fra dette brev."
	case dunning.SE:
		return "Om du har betalt de senaste dagarna kan du bortse från detta brev."
	case dunning.NO:
		return "Har du betalt de siste dagene, kan du se bort fra dette brevet."
	case dunning.DE:
		return "Sollten Sie in den letzten Tagen bezahlt haben, betrachten Sie dieses Schreiben bitte als gegenstandslos."
	case dunning.NL:
		return "Heeft u de afgelopen dagen betaald, dan kunt u deze brief als niet verzonden beschouwen."
	case dunning.FI:
		return "Jos olet maksanut viime päivinä, tämä kirje on aiheeton."
	}
	return "If you have paid in the last few days, please disregard this letter."
}

func sampleBasis(j dunning.Jurisdiction) string {
	switch j {
	case dunning.DK:
		return "renteloven § 5"
	case dunning.SE:
		return "räntelagen 6 §"
	case dunning.NO:
		return "forsinkelsesrenteloven § 3"
	case dunning.DE:
		return "§ 288 Abs. 1 BGB"
	case dunning.NL:
		return "art. 6:119 BW"
	case dunning.FI:
		return "korkolaki 4 §"
	}
	return "Directive 2011/7/EU"
}

func sampleFreeSubject(j dunning.Jurisdiction) string {
	switch j {
	case dunning.DK:
		return "Din henvendelse om faktura 1017"
	case dunning.SE:
		return "Ditt meddelande om faktura 1017"
	case dunning.NO:
		return "Din henvendelse om faktura 1017"
	case dunning.DE:
		return "Ihre Nachricht zu Rechnung 1017"
	case dunning.NL:
		return "Uw bericht over factuur 1017"
	case dunning.FI:
		return "Viestisi laskusta 1017"
	}
	return "Your message about invoice 1017"
}

func sampleFreeText(j dunning.Jurisdiction) []string {
	switch j {
	case dunning.DK:
		return []string{"Tak for din henvendelse af 25. februar om faktura 1017.", "Vi har gennemgået leverancen og fastholder, at varerne blev leveret som aftalt. Kravet står derfor ved magt."}
	case dunning.SE:
		return []string{"Tack för ditt meddelande den 25 februari om faktura 1017.", "Vi har gått igenom leveransen och står fast vid att varorna levererades som avtalat. Fordran kvarstår därför."}
	case dunning.NO:
		return []string{"Takk for din henvendelse 25. februar om faktura 1017.", "Vi har gått gjennom leveransen og fastholder at varene ble levert som avtalt. Kravet står derfor ved lag."}
	case dunning.DE:
		return []string{"Vielen Dank für Ihre Nachricht vom 25.02.2025 zu Rechnung 1017.", "Wir haben die Lieferung geprüft und halten daran fest, dass die Ware wie vereinbart geliefert wurde. Die Forderung bleibt daher bestehen."}
	case dunning.NL:
		return []string{"Dank u voor uw bericht van 25 februari over factuur 1017.", "Wij hebben de levering nagekeken en blijven erbij dat de goederen zijn geleverd zoals afgesproken. De vordering blijft daarom bestaan."}
	case dunning.FI:
		return []string{"Kiitos viestistäsi 25.2.2025 koskien laskua 1017.", "Olemme tarkistaneet toimituksen ja pysymme kannassamme, että tuotteet toimitettiin sovitusti. Saatava on siksi edelleen voimassa."}
	}
	return []string{"Thank you for your message of 25 February about invoice 1017.", "We have reviewed the delivery and maintain that the goods were delivered as agreed. The claim therefore stands."}
}
