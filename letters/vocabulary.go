package letters

// vocab is the words the layout and the partials (tables, payment details, the
// letterhead) use in one language. The kind templates are written out per language
// and need no vocabulary. A test checks that no word is missing in any language.
type vocab struct {
	Months [12]string

	// letterhead and layout
	Date, Case, Customer, Phone, Email, Web, Regards, Page string

	// claim specification
	Invoice, InvoiceDate, Due, Amount, Paid, Open, Total, PaidOn    string
	ReminderFee, CompensationFee, CollectionFee, CourtFee, Interest string
	// InterestCol heads an interest column: "Interest", "Renter".
	InterestCol string

	// interest calculation
	Period, Days, Rate, Balance string

	// plan
	No, Instalment, Principal, Remaining                               string
	Term, DownPayment, First, Last, PlanRate, TotalInterest, TotalPaid string
	InterestFree                                                       string
	DayForms, MonthForms, InstalmentForms                              [2]string

	// offer
	OwedNow, Escalated, OfferAmount, Saving, Expires string

	// payment details
	PaymentDetails, AmountToPay, PayBy, Account, IBAN, BIC, Reference, Bank string
	// PaymentLine labels the national payment line (Data.PaymentLine); ScanToPay
	// the payment QR code (Data.PaymentQR).
	PaymentLine, ScanToPay string

	// breach
	Missed, Arrears string
}

// vocabularies is indexed by lang. It is a read-only literal: nothing writes it.
var vocabularies = [numLangs]vocab{
	langEN: {
		InterestCol: "Interest",
		Months: [12]string{"January", "February", "March", "April", "May", "June", "July",
			"August", "September", "October", "November", "December"},
		Date: "Date", Case: "Case no.", Customer: "Customer no.", Phone: "Phone", Email: "E-mail",
		Web: "Web", Regards: "Kind regards", Page: "Page",
		Invoice: "Invoice", InvoiceDate: "Invoice date", Due: "Due date", Amount: "Amount",
		Paid: "Paid", Open: "Outstanding", Total: "Total", PaidOn: "Paid on",
		ReminderFee: "Reminder fee", CompensationFee: "Compensation for recovery costs",
		CollectionFee: "Collection costs", CourtFee: "Court fee", Interest: "Late-payment interest",
		Period: "Period", Days: "Days", Rate: "Rate", Balance: "Balance",
		No: "No.", Instalment: "Instalment", Principal: "Principal", Remaining: "Remaining debt",
		Term: "Term", DownPayment: "Down payment", First: "First instalment", Last: "Last instalment",
		PlanRate: "Interest rate", TotalInterest: "Total interest", TotalPaid: "Total to pay",
		InterestFree: "interest-free",
		DayForms:     [2]string{"day", "days"}, MonthForms: [2]string{"month", "months"},
		InstalmentForms: [2]string{"instalment", "instalments"},
		OwedNow:         "Owed today", Escalated: "Owed after further legal steps, by", OfferAmount: "Settlement amount",
		Saving: "You save", Expires: "Offer valid until",
		PaymentDetails: "How to pay", AmountToPay: "Amount", PayBy: "Pay by", Account: "Account",
		IBAN: "IBAN", BIC: "BIC", Reference: "Payment reference", Bank: "Bank", PaymentLine: "Payment line", ScanToPay: "Scan to pay with your banking app",
		Missed: "Missed instalments", Arrears: "Overdue under the plan",
	},
	langDA: {
		InterestCol: "Renter",
		Months: [12]string{"januar", "februar", "marts", "april", "maj", "juni", "juli",
			"august", "september", "oktober", "november", "december"},
		Date: "Dato", Case: "Sagsnr.", Customer: "Kundenr.", Phone: "Telefon", Email: "E-mail",
		Web: "Web", Regards: "Med venlig hilsen", Page: "Side",
		Invoice: "Faktura", InvoiceDate: "Fakturadato", Due: "Forfald", Amount: "Beløb",
		Paid: "Betalt", Open: "Restbeløb", Total: "I alt", PaidOn: "Betalt den",
		ReminderFee: "Rykkergebyr", CompensationFee: "Kompensationsbeløb",
		CollectionFee: "Inkassoomkostninger", CourtFee: "Retsafgift", Interest: "Morarenter",
		Period: "Periode", Days: "Dage", Rate: "Rente", Balance: "Saldo",
		No: "Nr.", Instalment: "Afdrag", Principal: "Hovedstol", Remaining: "Restgæld",
		Term: "Løbetid", DownPayment: "Udbetaling", First: "Første afdrag", Last: "Sidste afdrag",
		PlanRate: "Rentesats", TotalInterest: "Renter i alt", TotalPaid: "Samlet betaling",
		InterestFree: "rentefri",
		DayForms:     [2]string{"dag", "dage"}, MonthForms: [2]string{"måned", "måneder"},
		InstalmentForms: [2]string{"afdrag", "afdrag"},
		OwedNow:         "Skyldigt beløb i dag", Escalated: "Gælden ved yderligere retslige skridt, pr.",
		OfferAmount: "Akkordbeløb", Saving: "Du sparer", Expires: "Tilbuddet gælder til og med",
		PaymentDetails: "Sådan betaler du", AmountToPay: "Beløb", PayBy: "Betales senest",
		Account: "Konto", IBAN: "IBAN", BIC: "BIC", Reference: "Betalingsreference", Bank: "Bank", PaymentLine: "Betalingslinje", ScanToPay: "Scan for at betale i din bank-app",
		Missed: "Manglende afdrag", Arrears: "Restance på aftalen",
	},
	langSV: {
		InterestCol: "Ränta",
		Months: [12]string{"januari", "februari", "mars", "april", "maj", "juni", "juli",
			"augusti", "september", "oktober", "november", "december"},
		Date: "Datum", Case: "Ärendenr", Customer: "Kundnr", Phone: "Telefon", Email: "E-post",
		Web: "Webb", Regards: "Med vänliga hälsningar", Page: "Sida",
		Invoice: "Faktura", InvoiceDate: "Fakturadatum", Due: "Förfallodag", Amount: "Belopp",
		Paid: "Betalt", Open: "Kvar att betala", Total: "Summa", PaidOn: "Betald",
		ReminderFee: "Påminnelseavgift", CompensationFee: "Förseningsersättning",
		CollectionFee: "Inkassoavgift", CourtFee: "Ansökningsavgift", Interest: "Dröjsmålsränta",
		Period: "Period", Days: "Dagar", Rate: "Ränta", Balance: "Saldo",
		No: "Nr", Instalment: "Delbetalning", Principal: "Amortering", Remaining: "Kvarstående skuld",
		Term: "Löptid", DownPayment: "Handpenning", First: "Första delbetalning", Last: "Sista delbetalning",
		PlanRate: "Räntesats", TotalInterest: "Total ränta", TotalPaid: "Totalt att betala",
		InterestFree: "räntefri",
		DayForms:     [2]string{"dag", "dagar"}, MonthForms: [2]string{"månad", "månader"},
		InstalmentForms: [2]string{"delbetalning", "delbetalningar"},
		OwedNow:         "Skuld i dag", Escalated: "Skulden vid ytterligare rättsliga åtgärder, per",
		OfferAmount: "Uppgörelsebelopp", Saving: "Du sparar", Expires: "Erbjudandet gäller till och med",
		PaymentDetails: "Så betalar du", AmountToPay: "Belopp", PayBy: "Betalas senast",
		Account: "Konto", IBAN: "IBAN", BIC: "BIC", Reference: "OCR/referens", Bank: "Bank", PaymentLine: "Betalningsrad", ScanToPay: "Skanna för att betala i din bankapp",
		Missed: "Uteblivna delbetalningar", Arrears: "Förfallet enligt planen",
	},
	langNB: {
		InterestCol: "Renter",
		Months: [12]string{"januar", "februar", "mars", "april", "mai", "juni", "juli",
			"august", "september", "oktober", "november", "desember"},
		Date: "Dato", Case: "Saksnr.", Customer: "Kundenr.", Phone: "Telefon", Email: "E-post",
		Web: "Nett", Regards: "Med vennlig hilsen", Page: "Side",
		Invoice: "Faktura", InvoiceDate: "Fakturadato", Due: "Forfall", Amount: "Beløp",
		Paid: "Betalt", Open: "Utestående", Total: "Totalt", PaidOn: "Betalt",
		ReminderFee: "Purregebyr", CompensationFee: "Standardkompensasjon",
		CollectionFee: "Inkassosalær", CourtFee: "Rettsgebyr", Interest: "Forsinkelsesrente",
		Period: "Periode", Days: "Dager", Rate: "Rente", Balance: "Saldo",
		No: "Nr.", Instalment: "Avdrag", Principal: "Hovedstol", Remaining: "Restgjeld",
		Term: "Løpetid", DownPayment: "Innbetaling", First: "Første avdrag", Last: "Siste avdrag",
		PlanRate: "Rentesats", TotalInterest: "Renter totalt", TotalPaid: "Totalt å betale",
		InterestFree: "rentefri",
		DayForms:     [2]string{"dag", "dager"}, MonthForms: [2]string{"måned", "måneder"},
		InstalmentForms: [2]string{"avdrag", "avdrag"},
		OwedNow:         "Skyldig i dag", Escalated: "Gjelden ved videre rettslige skritt, per",
		OfferAmount: "Forliksbeløp", Saving: "Du sparer", Expires: "Tilbudet gjelder til og med",
		PaymentDetails: "Slik betaler du", AmountToPay: "Beløp", PayBy: "Betales innen",
		Account: "Kontonummer", IBAN: "IBAN", BIC: "BIC", Reference: "KID", Bank: "Bank", PaymentLine: "Betalingslinje", ScanToPay: "Skann for å betale i nettbanken",
		Missed: "Manglende avdrag", Arrears: "Forfalt etter avtalen",
	},
	langDE: {
		InterestCol: "Zinsen",
		Months: [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
			"August", "September", "Oktober", "November", "Dezember"},
		Date: "Datum", Case: "Aktenzeichen", Customer: "Kundennr.", Phone: "Telefon", Email: "E-Mail",
		Web: "Web", Regards: "Mit freundlichen Grüßen", Page: "Seite",
		Invoice: "Rechnung", InvoiceDate: "Rechnungsdatum", Due: "Fällig am", Amount: "Betrag",
		Paid: "Bezahlt", Open: "Offen", Total: "Gesamt", PaidOn: "Bezahlt am",
		ReminderFee: "Mahngebühr", CompensationFee: "Verzugspauschale (§ 288 Abs. 5 BGB)",
		CollectionFee: "Inkassokosten", CourtFee: "Gerichtskosten", Interest: "Verzugszinsen",
		Period: "Zeitraum", Days: "Tage", Rate: "Zinssatz", Balance: "Betrag",
		No: "Nr.", Instalment: "Rate", Principal: "Tilgung", Remaining: "Restschuld",
		Term: "Laufzeit", DownPayment: "Anzahlung", First: "Erste Rate", Last: "Letzte Rate",
		PlanRate: "Zinssatz", TotalInterest: "Zinsen gesamt", TotalPaid: "Gesamtbetrag",
		InterestFree: "zinsfrei",
		DayForms:     [2]string{"Tag", "Tage"}, MonthForms: [2]string{"Monat", "Monate"},
		InstalmentForms: [2]string{"Rate", "Raten"},
		OwedNow:         "Heute geschuldet", Escalated: "Forderung bei weiteren gerichtlichen Schritten, am",
		OfferAmount: "Vergleichsbetrag", Saving: "Ihre Ersparnis", Expires: "Angebot gültig bis",
		PaymentDetails: "Zahlungsinformationen", AmountToPay: "Betrag", PayBy: "Zahlbar bis",
		Account: "Konto", IBAN: "IBAN", BIC: "BIC", Reference: "Verwendungszweck", Bank: "Bank", PaymentLine: "Zahlungszeile", ScanToPay: "Zum Bezahlen mit der Banking-App scannen",
		Missed: "Nicht gezahlte Raten", Arrears: "Rückstand aus der Vereinbarung",
	},
	langNL: {
		InterestCol: "Rente",
		Months: [12]string{"januari", "februari", "maart", "april", "mei", "juni", "juli",
			"augustus", "september", "oktober", "november", "december"},
		Date: "Datum", Case: "Dossiernr.", Customer: "Klantnr.", Phone: "Telefoon", Email: "E-mail",
		Web: "Web", Regards: "Met vriendelijke groet", Page: "Pagina",
		Invoice: "Factuur", InvoiceDate: "Factuurdatum", Due: "Vervaldatum", Amount: "Bedrag",
		Paid: "Betaald", Open: "Openstaand", Total: "Totaal", PaidOn: "Betaald op",
		ReminderFee: "Aanmaningskosten", CompensationFee: "Vergoeding invorderingskosten",
		CollectionFee: "Incassokosten", CourtFee: "Griffierecht", Interest: "Wettelijke rente",
		Period: "Periode", Days: "Dagen", Rate: "Rente", Balance: "Saldo",
		No: "Nr.", Instalment: "Termijn", Principal: "Aflossing", Remaining: "Restschuld",
		Term: "Looptijd", DownPayment: "Aanbetaling", First: "Eerste termijn", Last: "Laatste termijn",
		PlanRate: "Rentepercentage", TotalInterest: "Totale rente", TotalPaid: "Totaal te betalen",
		InterestFree: "renteloos",
		DayForms:     [2]string{"dag", "dagen"}, MonthForms: [2]string{"maand", "maanden"},
		InstalmentForms: [2]string{"termijn", "termijnen"},
		OwedNow:         "Verschuldigd op dit moment", Escalated: "Vordering na verdere gerechtelijke stappen, per",
		OfferAmount: "Schikkingsbedrag", Saving: "U bespaart", Expires: "Aanbod geldig tot en met",
		PaymentDetails: "Zo betaalt u", AmountToPay: "Bedrag", PayBy: "Uiterlijk te betalen op",
		Account: "Rekening", IBAN: "IBAN", BIC: "BIC", Reference: "Betalingskenmerk", Bank: "Bank", PaymentLine: "Betaalregel", ScanToPay: "Scan om te betalen met uw bank-app",
		Missed: "Gemiste termijnen", Arrears: "Achterstand op de regeling",
	},
	langFI: {
		InterestCol: "Korko",
		Months: [12]string{"tammikuuta", "helmikuuta", "maaliskuuta", "huhtikuuta", "toukokuuta",
			"kesäkuuta", "heinäkuuta", "elokuuta", "syyskuuta", "lokakuuta", "marraskuuta", "joulukuuta"},
		Date: "Päiväys", Case: "Asianumero", Customer: "Asiakasnumero", Phone: "Puhelin", Email: "Sähköposti",
		Web: "Verkko", Regards: "Ystävällisin terveisin", Page: "Sivu",
		Invoice: "Lasku", InvoiceDate: "Laskun päiväys", Due: "Eräpäivä", Amount: "Summa",
		Paid: "Maksettu", Open: "Avoinna", Total: "Yhteensä", PaidOn: "Maksupäivä",
		ReminderFee: "Muistutusmaksu", CompensationFee: "Vakiokorvaus perintäkuluista",
		CollectionFee: "Perintäkulut", CourtFee: "Oikeudenkäyntimaksu", Interest: "Viivästyskorko",
		Period: "Jakso", Days: "Päiviä", Rate: "Korko", Balance: "Pääoma",
		No: "Nro", Instalment: "Erä", Principal: "Lyhennys", Remaining: "Jäljellä",
		Term: "Laina-aika", DownPayment: "Käsiraha", First: "Ensimmäinen erä", Last: "Viimeinen erä",
		PlanRate: "Korko", TotalInterest: "Korot yhteensä", TotalPaid: "Maksettava yhteensä",
		InterestFree: "koroton",
		DayForms:     [2]string{"päivä", "päivää"}, MonthForms: [2]string{"kuukausi", "kuukautta"},
		InstalmentForms: [2]string{"erä", "erää"},
		OwedNow:         "Velka tänään", Escalated: "Velka oikeudellisten toimien jälkeen, päivänä",
		OfferAmount: "Sovintosumma", Saving: "Säästät", Expires: "Tarjous voimassa",
		PaymentDetails: "Maksutiedot", AmountToPay: "Summa", PayBy: "Eräpäivä",
		Account: "Tili", IBAN: "IBAN", BIC: "BIC", Reference: "Viitenumero", Bank: "Pankki", PaymentLine: "Virtuaaliviivakoodi", ScanToPay: "Maksa skannaamalla pankkisovelluksella",
		Missed: "Maksamatta jääneet erät", Arrears: "Erääntynyt sopimuksen mukaan",
	},
}
