package letters

import (
	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/fees"
	"github.com/dunning-go/dunning/law"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
	"strconv"
)

// Data is everything a letter shows: a self-contained view of one case at the moment
// the letter is written. It holds plain money.Money, date.Date and decimal values and
// its own small structs for the claim specification, the interest calculation, the
// plan and the offer; it does not import the calculators (interest, fees, court,
// agreement, flow). The collection layer maps their results into Data, so a letter
// can be rendered, previewed or tested without a case, and the calculators can change
// without touching the templates.
//
// Every amount a letter prints is a field of Data, as the host computed it: the
// renderer formats figures but never calculates one, except the sums Data's methods
// document. Validate checks that the figures add up.
//
// Amounts that are not set are the zero money.Money{} (not valid); dates that are not
// set are the zero date.Date. All amounts of one Data are in one currency.
//
// Data has one unexported field, used only on the renderer's private copy while a
// letter is rendered; compare Data values with go-cmp's cmpopts.IgnoreUnexported.
type Data struct {
	// Creditor is the letterhead: who writes, and where to pay. Required.
	Creditor Creditor
	// Debtor is the addressee (name and postal address). Its Kind decides consumer
	// rules (the NL 14-day letter); its ID is printed as the customer number.
	Debtor dunning.Party
	// Jurisdiction is the law the case runs under. Required.
	Jurisdiction dunning.Jurisdiction
	// Law is the law pack of Jurisdiction (its notice periods); nil means the
	// shipped pack (law.Builtin). A host's own pack goes here.
	Law *law.Pack
	// Date is the letter's date, which is also its dispatch date: statutory deadlines
	// are counted from it (see CheckStatutory). Required.
	Date date.Date
	// Case is the creditor's case number, printed in the letter's references.
	Case string
	// Level is the reminder level, 1 for the first reminder (Kind Reminder only).
	Level int
	// Comment is the creditor's text for this level, printed on the letter (S6).
	Comment string

	// Claims is the claim specification: every invoice the letter is about.
	Claims []Claim
	// Fees are the fees charged so far: reminder fees, compensation fees.
	Fees []Charge
	// Interest is the late-payment interest with its calculation.
	Interest Interest
	// Costs are collection and court costs charged so far.
	Costs []Charge
	// Total is what the debtor owes now: the open amounts of Claims plus Fees,
	// Interest.Total and Costs (Validate checks it).
	Total money.Money

	// PaymentLine is the national payment line the debtor types or scans to pay:
	// the Danish FIK line "+71< … +12345678<", the Finnish virtual bar code
	// (package letters/payslip builds them; the collection package fills it from
	// the creditor's bank). Printed in the payment box when set.
	PaymentLine string
	// PaymentQR is a QR code image (PNG) the debtor scans to pay: the EPC QR of a
	// EUR letter (package letters/payslip and its qrcode). Embedded in the HTML
	// payment box as a data: URI when set; the text letter has none.
	PaymentQR []byte

	// Deadline is the last day to pay (or to answer). Warning letters must give a
	// deadline long enough for the jurisdiction (CheckStatutory); a Dutch consumer's
	// 14-day letter states the period in words instead (see FromReceipt).
	Deadline date.Date
	// CostIfUnpaid is the amount that will be added if the debtor does not pay by the
	// deadline (collection costs), including VAT where VAT is charged. Warning letters
	// must state it.
	CostIfUnpaid money.Money
	// CostVAT is the VAT included in CostIfUnpaid; the zero Money{} when no VAT is
	// charged (the creditor deducts it). NL consumer letters state either.
	CostVAT money.Money
	// PaymentReference is what the debtor quotes when paying (KID, OCR, RF, FIK, or the
	// invoice number), printed in the payment instructions.
	PaymentReference string

	// Offer is what a settlement offer says (Kind SettlementOffer).
	Offer Offer
	// Plan is the payment plan (PlanOverview, VoluntarySettlement, breach letters).
	Plan Plan
	// Breach is what went wrong with the plan (PlanBreachWarning, PlanTermination).
	Breach Breach
	// Filing is the court data (PaymentClaim, EnforcementRequest).
	Filing Filing

	// Subject is the subject of a free letter (FreeLetter only).
	Subject string
	// Paragraphs is the text of a free letter, one paragraph each, printed as plain
	// text (HTML in it is escaped).
	Paragraphs []string

	// r is the renderer's state while a letter is rendered from a private copy of the
	// Data; nil otherwise.
	r *renderState
}

// Creditor is the letterhead of the creditor who writes the letter (E14).
type Creditor struct {
	Name         string               // legal name. Required.
	Address      dunning.Address      // postal address
	Registration dunning.Registration // CVR, organisationsnummer, KvK, Y-tunnus, …
	Email        string
	Phone        string
	Website      string
	// LogoImage is the logo as PNG, JPEG, GIF or SVG bytes: embedded in the HTML as
	// a data: URI (and in a PDF as an image), so that it shows offline and in mail
	// clients that block remote images. It takes precedence over Logo.
	LogoImage []byte
	// Logo is the content ID (such as "cid:logo") or data: URL of the logo image, or
	// an http(s) URL, which a mail client may refuse to fetch: prefer LogoImage. The
	// renderer never fetches it. Unsafe URLs are left out.
	Logo string
	// Window is where the recipient's address is printed, for the creditor's window
	// envelopes; the zero value is DIN 5008 form B.
	Window Window
	// Bank is where the debtor pays.
	Bank Bank
}

// Window is the position of the address field on the printed page, for window
// envelopes (the creditor's setting; the print styles of the HTML letter and
// package letters/pdf use the same positions). Positions are in millimetres from
// the top left of an A4 sheet:
//
//	DIN 5008 form B  20/45, 85 × 45 (the default)   SECONDARY: din-5008-richtlinien.de, sekretaria.de
//	DIN 5008 form A  20/27, 85 × 45                  SECONDARY: the same; the first 17.7 mm hold the return address
//	Nordic left      15/44, 95 × 26                  SECONDARY: officeconsult.no (the area both the C5 window,
//	                                                 105 × 35 at 15/44, and the E65 window, 95 × 30 at 15/40, show)
//	Nordic right    100/44, 95 × 26                  UNVERIFIED: the left window mirrored; check your envelope
type Window uint8

// The window positions.
const (
	WindowDINB        Window = iota // DIN 5008 form B: 20 mm from the left, 45 mm from the top
	WindowDINA                      // DIN 5008 form A: 20 mm from the left, 27 mm from the top
	WindowNordicLeft                // C5/E65 left window (UNVERIFIED position)
	WindowNordicRight               // C5/E65 right window (UNVERIFIED position)
)

// windowClasses are the CSS classes of the windows, indexed by Window.
var windowClasses = [...]string{"w-din-b", "w-din-a", "w-nordic-left", "w-nordic-right"}

// String returns the window's name, such as "din-b".
func (w Window) String() string {
	if int(w) < len(windowClasses) {
		return windowClasses[w][2:]
	}
	return "Window(" + strconv.Itoa(int(w)) + ")"
}

// IsValid reports whether w is one of the window positions.
func (w Window) IsValid() bool { return int(w) < len(windowClasses) }

// Bank is the creditor's account for payments: an IBAN and BIC, or a domestic
// account number, or both.
type Bank struct {
	Name    string // the bank's name, optional
	IBAN    string // as printed, e.g. "DK50 0040 0440 1162 43"
	BIC     string
	Account string // domestic account, e.g. "Reg.nr. 0040 konto 0440116243", "5050-1055", bankgiro
	// FIKCreditor is the creditor's 8-digit FI creditor number (FI-kreditornummer),
	// for the Danish FIK +71 payment line a Danish payer types (Data.PaymentLine).
	FIKCreditor string
}

// Claim is one invoice of the claim specification.
type Claim struct {
	Invoice string    // the invoice number
	Date    date.Date // the invoice date, optional
	Due     date.Date // the due date
	Amount  money.Money
	Paid    money.Money // paid so far; Money{} or zero when nothing was paid
	Open    money.Money // Amount − Paid
	// PaidOn is the day the invoice was paid in full, for an interest invoice (S8).
	PaidOn date.Date
	Text   string // what the invoice was for, optional
}

// ChargeKind is the kind of a fee or cost line; the letter names it in its language.
type ChargeKind uint8

// The charge kinds.
const (
	OtherCharge     ChargeKind = iota // named by Charge.Text
	ReminderFee                       // a reminder fee (DK rykkergebyr, SE påminnelseavgift, …)
	CompensationFee                   // the B2B compensation (DK 310 DKK, EU 40 EUR) (E6)
	CollectionFee                     // collection costs (inkassogebyr, WIK, salær, …)
	CourtFee                          // court and enforcement fees (retsafgift) (E9)
)

// Charge is one fee or cost line.
type Charge struct {
	Kind ChargeKind
	// Text names the line instead of the kind's name in the letter's language; required
	// for OtherCharge. It is printed as plain text, so write it in the debtor's language.
	Text   string
	Date   date.Date // when it was charged, optional
	Amount money.Money
}

// Interest is the late-payment interest with the calculation that produced it.
type Interest struct {
	// Basis names the rate's legal basis or agreement, such as "renteloven § 5",
	// printed as given. Optional.
	Basis string
	// Segments is the calculation, one row per period with one balance and one rate.
	Segments []Segment
	// Total is the interest charged. It is the host's rounded figure: Validate does not
	// require it to equal the sum of the segments, which may have been rounded
	// separately.
	Total money.Money
}

// Segment is one period of an interest calculation.
type Segment struct {
	// Invoice names the invoice the segment belongs to, when a letter covers several
	// (an interest invoice, S8). Optional.
	Invoice string
	// From and To are the period [From, To), half-open as date.Period: the letter
	// prints To−1 as the last day.
	From, To date.Date
	// Days is the number of days the convention counted (30/360 or actual); printed
	// as given.
	Days int
	// Rate is the annual rate in percent: 10.25 means 10.25 %.
	Rate    decimal.Decimal
	Balance money.Money // the balance interest ran on
	Amount  money.Money // the interest of the segment
}

// Offer is what a settlement offer (akkord) says (E11).
type Offer struct {
	OwedNow money.Money // what is owed now
	// Escalated is what the debt grows to by Horizon if the creditor takes the next
	// legal steps (court fee, costs, interest).
	Escalated money.Money
	Horizon   date.Date
	Amount    money.Money // the amount the debtor pays to settle the whole debt
	// Saving is Escalated − Amount: what the debtor saves by accepting.
	Saving  money.Money
	Expires date.Date // the last day to pay Amount; the offer lapses by itself after it
}

// Discount is OwedNow − Amount, the discount on what is owed now.
func (o Offer) Discount() (money.Money, error) { return o.OwedNow.Sub(o.Amount) }

// Plan is a payment plan as the debtor is told it (E12).
type Plan struct {
	Principal money.Money // the debt the plan repays
	// DownPayment and DownPaymentDate are the optional down payment.
	DownPayment     money.Money
	DownPaymentDate date.Date
	// Instalment is the regular instalment (monthly unless the plan says otherwise).
	Instalment money.Money
	// Term is the number of instalments.
	Term        int
	First, Last date.Date // the first and last instalment dates
	// Rate is the annual interest rate in percent; zero for an interest-free plan.
	Rate          decimal.Decimal
	TotalInterest money.Money
	// TotalPaid is DownPayment plus the sum of every instalment's Amount.
	TotalPaid   money.Money
	Instalments []Instalment
}

// Instalment is one row of a plan.
type Instalment struct {
	No        int
	Due       date.Date
	Amount    money.Money // Interest + Principal
	Interest  money.Money
	Principal money.Money
	Balance   money.Money // the principal left after this instalment
}

// Breach is what went wrong with a plan (E13).
type Breach struct {
	Missed  []Instalment // the instalments not (fully) paid
	Since   date.Date    // the due date of the first missed instalment
	Arrears money.Money  // the amount overdue under the plan
}

// Filing is the court data of a payment claim or an enforcement request (E8).
type Filing struct {
	Court string // the court, such as "Retten i Glostrup, fogedretten"
	// Claim says what the claim concerns ("Ubetalte fakturaer for varer leveret …").
	Claim string
	// Foundation is the enforceable basis of an enforcement request, such as
	// "Frivilligt forlig underskrevet 3. marts 2025" (E8).
	Foundation string
	// WarningSent is the date the collection warning was sent.
	WarningSent date.Date
	// CourtFee is the court fee (retsafgift) paid with the filing (E9).
	CourtFee money.Money
	// CivilCase asks the court to continue as a civil case if the debtor objects.
	CivilCase bool
}

// Consumer reports whether the debtor is a consumer.
func (d *Data) Consumer() bool { return d.Debtor.Kind == dunning.Consumer }

// FromReceipt reports whether the collection warning's deadline runs from the day
// after the debtor receives it rather than to a fixed date, as the law pack's notice
// rule counts it: the Dutch 14-day letter to a consumer (art. 6:96 lid 6 BW; HR 25
// Nov 2016, ECLI:NL:HR:2016:2704). Templates then state the period in the accepted
// words.
func (d *Data) FromReceipt() bool {
	r, ok := d.pack().Notice(d.Debtor.Kind, fees.CollectionWarning)
	return ok && r.Counting == fees.FromReceipt
}

// pack returns the law pack of the letter: Law, or the shipped pack of Jurisdiction.
func (d *Data) pack() *law.Pack {
	if d.Law != nil {
		return d.Law
	}
	return law.Builtin(d.Jurisdiction)
}

// Currency returns the currency of the letter's amounts: that of Total, else the
// first claim's, else the jurisdiction's.
func (d *Data) Currency() money.Currency {
	if d.Total.IsValid() {
		return d.Total.Currency()
	}
	for _, c := range d.Claims {
		if c.Amount.IsValid() {
			return c.Amount.Currency()
		}
	}
	return d.pack().Currency()
}

// ClaimsOpen returns the sum of the claims' open amounts.
func (d *Data) ClaimsOpen() (money.Money, error) {
	sum := money.Zero(d.Currency())
	for _, c := range d.Claims {
		if !c.Open.IsValid() {
			continue
		}
		s, err := sum.Add(c.Open)
		if err != nil {
			return money.Money{}, err
		}
		sum = s
	}
	return sum, nil
}

// FeesTotal returns the sum of Fees.
func (d *Data) FeesTotal() (money.Money, error) { return sumCharges(d.Currency(), d.Fees) }

// CostsTotal returns the sum of Costs.
func (d *Data) CostsTotal() (money.Money, error) { return sumCharges(d.Currency(), d.Costs) }

func sumCharges(c money.Currency, cs []Charge) (money.Money, error) {
	sum := money.Zero(c)
	for _, ch := range cs {
		s, err := sum.Add(ch.Amount)
		if err != nil {
			return money.Money{}, err
		}
		sum = s
	}
	return sum, nil
}

// DeadlineDays returns the number of days from the letter's date to its deadline.
func (d *Data) DeadlineDays() int { return d.Date.DaysUntil(d.Deadline) }
