// Package dunning is an embeddable SDK that runs accounts-receivable dunning and debt
// collection for accounting software and ERPs: reminder levels, fees within the law,
// statutory late-payment interest, interest invoices, collection warnings, hand-over to
// collection agencies, court steps, payment plans, settlement offers, letters in seven
// languages, and a daily batch run that moves many thousands of cases one step further
// with nothing sent twice and nothing lost.
//
// This root package holds only the vocabulary every other package shares: the
// [Jurisdiction] whose law applies (Denmark, Sweden, Norway, Germany, the Netherlands,
// Finland, and the EU Late Payment Directive as a baseline), the [PartyKind] of a debtor
// (consumers and businesses are treated differently by every law the SDK encodes), the
// [Party] that identifies a creditor or a debtor with its [Registration] number, the
// research [Status] every legal figure carries (VERIFIED, SECONDARY, DERIVED,
// UNVERIFIED), and [FieldError], the error every validation in the SDK returns.
//
// Start with the README's quickstart (go run ./examples/quickstart) and the
// collection package's Example_tour; the calculators below can also be used alone.
//
// # Package map
//
// The SDK is a set of small packages with one job each:
//
//	money       exact amounts in a currency, ISO 4217 minor units, explicit rounding,
//	            exact splitting and allocation, amounts formatted per language
//	date        civil calendar dates, the injectable Clock, business-day calendars, periods
//	interest    day-count conventions, statutory rate tables, interest over a balance
//	            timeline, interest invoices                                         (pure)
//	fees        reminder-fee law, compensation fees, collection-cost caps           (pure)
//	court       court and enforcement fees, foundations, payment-claim readiness    (pure)
//	agreement   payment plans to the cent, plan tracking and breach, settlement offers (pure)
//	flow        dunning flows, the standard presets, and Decide: the next step      (pure)
//	letters     documents in seven languages, payment references, the Dispatcher
//	collection  the Case, its lifecycle, the Service hosts call, the Store interface,
//	            the daily batch run, the outbox relay, payments, plans, court, agencies
//	collection/memstore, collection/storetest, collection/sqlstore
//	            the in-memory Store, the conformance suite, SQLite and PostgreSQL
//
// Imports point one way, leaves first, and never back:
//
//	dunning, money, date  ←  interest, fees, court  ←  agreement  ←  flow  ←  letters
//	  ←  collection  ←  collection/memstore, collection/storetest, collection/sqlstore
//
// The calculators (interest, fees, court, agreement, flow) are pure: values in, values
// out, no context, no I/O and no clock. They can be called from anywhere, in any number of
// goroutines, and give the same answer for the same input.
//
// # How a host plugs in
//
// The SDK never owns the host's data or its transport. A host supplies:
//
//   - storage, by implementing the collection Store interface over its own database (or
//     using the in-memory or SQL stores the SDK ships), checked by the conformance suite
//     in collection/storetest;
//   - creditor profiles and holiday windows (collection.Creditors), and a collection
//     agency's client (collection.AgencyClient) where cases are handed over;
//   - transport, by implementing the letters Dispatcher (e-mail, SMS, print service,
//     court portal); every message carries a stable ID so a retried delivery is
//     recognisable;
//   - time, through a date.Clock and the creditor's *time.Location: the SDK never calls
//     time.Now, and "today" is always date.Today(clock, location).
//
// # Conventions
//
// Money is always a money.Money (decimal plus currency), never a float64, and is compared
// with Equal, never ==. Dates are date.Date. Rounding is explicit. Law and rates are data
// with their source next to them; a figure the research could not verify is flagged
// UNVERIFIED in code and documentation. Validation returns every problem at once, each
// a *[FieldError] naming the field and the offending value, joined with errors.Join.
// Behaviour taken from the requirements carries the requirement's ID (E12, P3, …) in its
// doc comment.
package dunning
