// Package letters writes what the debtor receives: reminders, collection warnings,
// demand letters, settlement offers, court documents, debtor declarations and
// settlements, payment-plan letters, balance statements, interest invoices and free
// letters, in Danish, Swedish, Norwegian Bokmål, German, Dutch, Finnish and English,
// as plain text, HTML and a short SMS; and it defines the Message a host's
// Dispatcher delivers (E14, E15).
//
// # The model
//
// A Renderer (New, Load) holds the templates; Renderer.Render turns a Kind, a
// language and a Data into a Letter, and Renderer.RenderFor into the parts of
// one that a Message on a given channel carries (what the daily run uses). Data is a self-contained view of the case at
// the moment of writing: the creditor's letterhead (name, address, registration
// number, logo, bank account), the debtor (a dunning.Party), the claim specification
// (invoice, due date, amount, paid, open), fees, interest with every segment of its
// calculation (from, to, days, rate, balance, amount), costs, the total, the
// deadline, the payment reference, the level and its comment (S6), and what an
// offer, a plan, a breach or a court filing says. Data holds money.Money, date.Date
// and decimal values in its own small structs and does not import the calculators
// (interest, fees, court, agreement, flow): the collection layer maps their results
// into Data, so the calculators' APIs can move without touching a template, and
// letters can be previewed and tested without a case. Every figure a letter prints
// is a field of Data; the renderer formats figures and never computes one, and
// Validate (called by Render) rejects Data whose figures do not add up (open =
// amount − paid, total = open claims + fees + interest + costs, plan totals = sum of
// instalments, saving = escalated − offer).
//
// # Templates
//
// Every kind has one template per language, embedded under
// templates/<lang>/<kind>.tmpl (15 kinds × 7 languages). A template defines three
// blocks: "subject", "body" and "sms". The body is written in a restricted
// vocabulary: paragraphs separated by blank lines, template actions, and calls to the
// package's partials ({{template "specification" .}}, "claims", "interest", "plan",
// "plansummary", "offer", "missed", "payment", "comment", "paragraphs", "greeting",
// and "table"/"facts" with (tables .) or (pay . amount date)). Functions format per
// the letter's language: money, amount, date, shortdate, rate, days, months,
// instalments (plurals from CLDR through x/text), set, reg, invoices.
//
// The body is executed twice: as a text/template for the plain text (tables as
// aligned columns, prose wrapped at 76 columns) and as an html/template for the HTML
// (tables as <table>, paragraphs as <p>), so every value from Data is escaped by
// context; a debtor named <script> stays text. The partials exist in a text and an
// HTML variant (templates/partials/text.tmpl and html.tmpl). The layout around the
// body — letterhead, addressee, date and references, subject, closing, footer with
// registration and bank details — is Go code, the same for every kind, with its words
// from a per-language vocabulary; this keeps rendering fast (see below).
//
// The templates are text/template and html/template templates in every respect: they
// are parsed, checked and (for HTML) escaped by those packages, and their semantics
// are those packages'. What executes them is, where it can, a program compiled from
// their parse trees in New (internal/tmplexec), which writes the same bytes without
// the reflection text/template does per action; the tests compare the two on every
// kind, language and sample, and the golden files were written by text/template. A
// host template that uses something the compiler does not handle (printf, variables,
// a value in an attribute or a URL, …) is executed by text/template or html/template,
// as is any letter whose data the compiled program does not handle: the only
// difference is speed.
//
// A host replaces any template by passing an fs.FS with the same layout
// ("da/reminder.tmpl", "partials/html.tmpl"); the others stay the defaults. New
// parses every template and executes each replaced one against fully populated
// SampleData (consumer, business, and a Dutch consumer, whose warning takes another
// branch), so a template that refers to an unknown field or function, or lacks a
// block, fails when loaded, with a *TemplateError naming its path, never when a
// letter is sent. A .tmpl file at an unknown path is an error too. A Renderer is
// immutable after New and safe for concurrent use.
//
// # Languages, amounts and dates
//
// The requested language is matched with an x/text language.Matcher over the seven:
// "no" and "nn" give Norwegian Bokmål, regional variants their language, anything
// else English (a missing translation never prints a key: the match comes first, and
// a test checks every word of every language). Amounts are formatted by
// money.Money.Format and FormatNumber (CLDR symbols and separators, exact digits),
// never by x/text's number formatting, which goes through float64. Dates are
// formatted by this package in the register a creditor uses:
//
//	da  31. januar 2025     tables 31-01-2025
//	sv  31 januari 2025     tables 2025-01-31
//	nb  31. januar 2025     tables 31.01.2025
//	de  31.01.2025          tables 31.01.2025
//	nl  31 januari 2025     tables 31-01-2025
//	fi  31.1.2025           tables 31.1.2025
//	en  31 January 2025     tables 31 Jan 2025
//
// # SMS
//
// Letter.SMS is one line of text with its encoding and segment count: GSM-7 (basic
// alphabet and extension table, 160 septets or 153 per part) unless a character
// outside it occurs, then UCS-2 (70 or 67 code units). No-break spaces and the minus
// sign that amount formatting uses are mapped to their GSM equivalents first, so
// Nordic amounts do not force UCS-2.
//
// # The law in warning letters
//
// CheckStatutory returns every element a warning letter lacks under its
// jurisdiction's law, each a *dunning.FieldError wrapping ErrStatutory; the default
// templates print every element it checks, as the tests assert per jurisdiction.
// The rules (NoticeRules; docs/research/jurisdictions.md):
//
//	jurisdiction  letter                    deadline                           source                                 status
//	DK            inkassovarsel             ≥ 10 days from dispatch            inkassoloven § 10 (§ 1.5)              VERIFIED
//	NO            inkassovarsel             ≥ 14 days from dispatch            inkassoloven § 9 (§ 3.5)               VERIFIED
//	NO            betalingsoppfordring      ≥ 14 days                          inkassoloven § 10 (§ 3.5)              VERIFIED
//	SE            inkassokrav / -varning    ≥ 8 days from dispatch             god inkassosed, IMY (§ 2.5)            VERIFIED
//	NL consumer   14-dagenbrief             14 days from the day after receipt art. 6:96 lid 6 BW, HR 2016:2704 (§ 5.1) VERIFIED
//	FI consumer   final reminder            ≥ 10 days (from presumed receipt)  KKV decision 21 Oct 2024 (§ 6.1)       VERIFIED
//	DE, EU        letzte Mahnung            no statutory minimum               § 286 BGB (§ 4.1)                      —
//
// Every warning letter must name the creditor (name and address) and, where the rule
// says so, the amount added if the debtor does not pay (Data.CostIfUnpaid). The
// Dutch consumer letter states the period in the accepted words ("binnen veertien
// dagen vanaf de dag nadat deze brief bij u is bezorgd") and no fixed date, and the
// exact cost amount with its VAT (Data.CostVAT) or that no VAT is charged. Not
// checked, and flagged: SE's 4 bank days after presumed receipt (needs the host's
// bank calendar), FI's presumed receipt (the research gives no rule, so only the
// necessary 10 days from dispatch are checked), Dutch public holidays in the
// presumed delivery (SECONDARY rule: 2nd day after dispatch, not counting Sundays and
// Mondays). The Danish debtor declaration and voluntary settlement state that they may
// found enforcement under retsplejeloven § 478, stk. 1, nr. 5; that reference is not
// in the research and is UNVERIFIED: have it checked before relying on the documents
// as a foundation (E7, E8).
//
// # Dispatch
//
// A Message carries an ID that is the idempotency key, stable for one (case, step,
// attempt), so a retried delivery is recognisable; a Dispatcher (or DispatcherFunc)
// must treat a repeated ID as already done. CaseID and CreditorID say whose letter it
// is (the collection package fills them), so a Dispatcher can pick the sender or the
// mailbox without parsing the ID. Channels: e-mail, SMS, post through a letter
// service, and print-yourself (E15). The package itself does no I/O.
//
// # Performance
//
// Rendering one reminder (subject, text, HTML, SMS; BenchmarkRenderReminder)
// costs 30–36 µs and 10 allocations on the 2-core reference machine (a shared
// virtual machine whose host's load moves it), against a target of 30 µs; the
// daily run's reminder, rendered for its one channel (RenderFor, e-mail;
// BenchmarkRenderDailyReminder), 27–32 µs and 8 allocations (36 µs and 34
// before the tables, amounts and dates were appended straight into the
// letter). It was 90 µs with text/template. The cells of a
// table are formatted into one buffer and made one string. The templates run as
// compiled programs (see Templates): a field is an index, a function a typed call, an
// escaped value a loop over its bytes, with no allocation of their own beyond one
// small state per block. Everything around them is Go code built for speed: the
// layout; the tables, built once per letter and written straight into the text
// and the HTML (their Text and HTML methods have appending adapters, so a
// compiled template never makes them strings);
// amounts, rates and dates formatted by per-language formatters built in New from the
// money package's own output (a test checks them against it); payment details shared
// by text and HTML; the total checked in minor units (decimals only when an amount
// needs them); the text normalised, the HTML made into paragraphs and the SMS counted
// in single passes over pooled buffers (a sync.Pool, the package's only changing
// package-level variable, which also holds the render's copy of Data). Templates are
// parsed, cloned, escaped and compiled once, in New. About a third of what remains is
// the garbage collector's share of the letter's own strings.
//
// Payment references (KID, OCR, RF, FI, FIK) are in reference*.go.
package letters
