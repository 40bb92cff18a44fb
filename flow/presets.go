package flow

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
)

// Template names the presets and ReminderModule give their steps. The letters package
// resolves them to its documents.
const (
	TemplateReminder1         = "reminder-1"
	TemplateReminder2         = "reminder-2"
	TemplateCollectionWarning = "collection-warning"
	TemplateDemandLetter      = "demand-letter"
	TemplateSettlementOffer   = "settlement-offer"
	TemplateMissingPayment    = "missing-payment"
	TemplatePaymentClaim      = "payment-claim"
	TemplateAgencyHandover    = "agency-handover"
)

// The steps the three standard flows share; only the days differ (E1). Reminders and
// the warning ask for the law's maximum fee (FeeMax): three fee-bearing reminders, as
// renteloven § 9 b allows, and whatever each other jurisdiction allows, as Decide
// assesses it with the fees package.
func presetReminder(n, days int) Step {
	t := TemplateReminder1
	if n == 2 {
		t = TemplateReminder2
	}
	return Step{Kind: Reminder, Name: "Reminder " + strconv.Itoa(n), Days: days,
		Fee: FeeRule{Mode: FeeMax}, Template: t, Channel: Email}
}

func presetWarning(days int) Step {
	return Step{Kind: CollectionWarning, Name: "Collection warning", Days: days,
		Fee: FeeRule{Mode: FeeMax}, Template: TemplateCollectionWarning, Channel: Post}
}

func presetDemand(days int) Step {
	return Step{Kind: DemandLetter, Name: "Demand letter", Days: days,
		Template: TemplateDemandLetter, Channel: Post}
}

func presetOffer(days int) Step {
	return Step{Kind: SettlementOffer, Name: "Settlement offer 20 %", Days: days,
		Template: TemplateSettlementOffer, Channel: Post, Discount: decimal.NewFromInt(20)}
}

func presetClaim(days int) Step {
	// Court submissions go by e-mail (E15).
	return Step{Kind: PaymentClaim, Name: "Payment claim", Days: days,
		Template: TemplatePaymentClaim, Channel: Email}
}

// Lenient returns the flow for creditors who give their debtors much time and many
// letters before the court ("mest muligt inden retten", E1): Reminder 1 five days
// after the due date, then Reminder 2 +15, collection warning +15, demand letter +15,
// settlement offer of 20 % +10, letter about the missing payment +30, payment claim to
// the court +15. Implements E1.
func Lenient() Flow {
	return mustNew("Lenient",
		presetReminder(1, 5),
		presetReminder(2, 15),
		presetWarning(15),
		presetDemand(15),
		presetOffer(10),
		Step{Kind: MissingPaymentLetter, Name: "Missing payment", Days: 30,
			Template: TemplateMissingPayment, Channel: Post},
		presetClaim(15),
	)
}

// Standard returns the standard flow (E1): Reminder 1 three days after the due date,
// then Reminder 2 +12, collection warning +12, demand letter +12, settlement offer of
// 20 % +10, payment claim to the court +30. Implements E1.
func Standard() Flow {
	return mustNew("Standard",
		presetReminder(1, 3),
		presetReminder(2, 12),
		presetWarning(12),
		presetDemand(12),
		presetOffer(10),
		presetClaim(30),
	)
}

// FastToCourt returns the flow that goes to court quickly ("hurtigt til retten", E1):
// Reminder 1 one day after the due date, then Reminder 2 +11, collection warning +11,
// demand letter +10, payment claim to the court +10. Implements E1.
func FastToCourt() Flow {
	return mustNew("FastToCourt",
		presetReminder(1, 1),
		presetReminder(2, 11),
		presetWarning(11),
		presetDemand(10),
		presetClaim(10),
	)
}

// Level is one level of the reminder module (S1): Reminder 1, Reminder 2, the
// collection warning, or the hand-over to collection.
type Level uint8

// The levels of the reminder module (S1). LevelList, the zero Level, is the list of
// overdue invoices before any reminder; as a ModuleSettings.BlockFrom it means "never
// block".
const (
	LevelList       Level = iota // overdue, not yet reminded; "never" for BlockFrom
	LevelReminder1               // Reminder 1
	LevelReminder2               // Reminder 2
	LevelWarning                 // the collection warning
	LevelCollection              // handed over to collection
)

// LevelSettings are the settings of one level of the reminder module.
type LevelSettings struct {
	// Off turns the level off (S3); the zero value is on.
	Off bool
	// Days is how long an invoice stays on this level before it may move to the
	// next level that is on (S2). It is ignored for the last level that is on.
	Days int
	// Fee is the reminder fee of the level (S4); the zero Money means no fee.
	// Only Reminder 1, Reminder 2 and the warning may carry one.
	Fee money.Money
	// Comment is printed on the level's letter (S6).
	Comment string
	// Channel is how the level's document is sent; unset means the host's default.
	Channel Channel
}

// ModuleSettings are the settings of the reminder module of S1–S6. The zero value of
// each LevelSettings is a level that is on, with no days, no fee and no comment.
type ModuleSettings struct {
	// Name is the flow's name; empty means "Reminder module".
	Name string
	// PostalDays are added to the due date before any level starts (S2), because a
	// payment takes days to reach the creditor. ReminderModule folds them into the
	// first step's Days, so use Facts.PostalDays 0 with a module flow (or leave
	// these 0 and set Facts.PostalDays, not both).
	PostalDays int
	// ListDays is how many days an overdue invoice stays on the list before the
	// first reminder may be sent (S2).
	ListDays int
	// The levels (S1). Reminder 1, Reminder 2 and the warning can each be off (S3);
	// so can Collection, which ends the flow at the last reminder.
	Reminder1, Reminder2, Warning, Collection LevelSettings
	// BlockFrom is the level from which on the customer is blocked from further
	// invoicing (S5); a level that is off passes the block to the next level that
	// is on. LevelList (the zero value) never blocks.
	BlockFrom Level
}

// ReminderModule returns the flow the reminder module's settings describe (S1–S6):
// one step per level that is on, in the order Reminder 1, Reminder 2, collection
// warning, hand-over to collection. The first step comes PostalDays + ListDays after
// the due date (S2); each further step comes the previous level's Days after the
// previous step (S2, S10). Each step carries its level's fixed fee (S4), comment (S6)
// and the block from BlockFrom on (S5).
//
// It fails, naming every bad setting as a *dunning.FieldError wrapping ErrInvalidFlow,
// on negative days, a fee on the collection level, a BlockFrom beyond LevelCollection,
// or when every level is off. Implements S1, S2, S3, S4, S5, S6.
func ReminderModule(s ModuleSettings) (Flow, error) {
	name := s.Name
	if name == "" {
		name = "Reminder module"
	}
	var errs []error
	bad := func(field, value, reason string) {
		errs = append(errs, &dunning.FieldError{Field: field, Value: value, Reason: reason, Err: ErrInvalidFlow})
	}
	if s.PostalDays < 0 {
		bad("PostalDays", strconv.Itoa(s.PostalDays), "is negative")
	}
	if s.ListDays < 0 {
		bad("ListDays", strconv.Itoa(s.ListDays), "is negative")
	}
	if s.BlockFrom > LevelCollection {
		bad("BlockFrom", strconv.Itoa(int(s.BlockFrom)), "is not a level")
	}
	levels := [...]struct {
		field string
		level Level
		set   LevelSettings
		kind  Kind
		name  string
		tmpl  string
	}{
		{"Reminder1", LevelReminder1, s.Reminder1, Reminder, "Reminder 1", TemplateReminder1},
		{"Reminder2", LevelReminder2, s.Reminder2, Reminder, "Reminder 2", TemplateReminder2},
		{"Warning", LevelWarning, s.Warning, CollectionWarning, "Collection warning", TemplateCollectionWarning},
		{"Collection", LevelCollection, s.Collection, AgencyHandover, "To collection", TemplateAgencyHandover},
	}
	var steps []Step
	days := s.PostalDays + s.ListDays
	for _, l := range levels {
		if l.set.Days < 0 {
			bad(l.field+".Days", strconv.Itoa(l.set.Days), "is negative")
		}
		if l.level == LevelCollection && !l.set.Fee.IsZero() {
			bad(l.field+".Fee", l.set.Fee.String(), "the hand-over to collection carries no reminder fee")
			continue
		}
		if l.set.Off {
			continue
		}
		st := Step{Kind: l.kind, Name: l.name, Days: days, Template: l.tmpl,
			Channel: l.set.Channel, Comment: l.set.Comment,
			BlocksCustomer: s.BlockFrom != LevelList && l.level >= s.BlockFrom}
		if !l.set.Fee.IsZero() {
			st.Fee = FeeRule{Mode: FeeFixed, Amount: l.set.Fee}
		}
		steps = append(steps, st)
		days = l.set.Days
	}
	if len(steps) == 0 {
		bad("Levels", "all off", "at least one level must be on (S3)")
	}
	if len(errs) > 0 {
		return Flow{}, fmt.Errorf("flow %q: %w", name, errors.Join(errs...))
	}
	return New(name, steps...)
}
